package dev.plugboard.runtime.adapters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.plugboard.runtime.encoder.SublayerPosition;

/**
 * A bottleneck adapter's configuration as AdapterHub's {@code BnConfig} defines it (see
 * docs/adapter-methods.md §3).
 *
 * @param mhAdapter an adapter after the attention block ({@code BertSelfOutput})
 * @param outputAdapter an adapter after the feed-forward block ({@code BertOutput})
 * @param reductionFactor hidden size / bottleneck size, per layer index or
 * {@code "default"}
 * @param nonLinearity the bottleneck's activation
 * @param originalLnBefore the adapter sees {@code LN(h + r)} instead of {@code h}
 * @param originalLnAfter the result is {@code LN(out + r)}
 * @param residual what the adapter's own skip connection carries
 * @param lnBefore a new LayerNorm at the adapter's input
 * @param lnAfter a new LayerNorm at the adapter's output
 * @param adapterResidualBeforeLn the skip is added before the new output LayerNorm
 * @param parallel a parallel adapter (input and skip are the sublayer input)
 * @param scaling multiplies the up-projection
 * @param leaveOut layers without an adapter
 */
public record BottleneckConfig(boolean mhAdapter, boolean outputAdapter, Map<String, Double> reductionFactor,
		Nonlinearity nonLinearity, boolean originalLnBefore, boolean originalLnAfter, Residual residual,
		boolean lnBefore, boolean lnAfter, boolean adapterResidualBeforeLn, boolean parallel, float scaling,
		Set<Integer> leaveOut) {

	/** What the adapter's skip connection carries ({@code residual_before_ln}). */
	public enum Residual {

		/** {@code true}: the sublayer output h, before the residual add and LayerNorm. */
		SUBLAYER_OUTPUT,
		/** {@code false}: the adapter's own input. */
		ADAPTER_INPUT,
		/** {@code "post_add"}: h + r, before LayerNorm. */
		POST_ADD

	}

	/** Pfeiffer's adapter after the feed-forward block ({@code seq_bn}). */
	public static BottleneckConfig seqBn(int reductionFactor) {
		return new BottleneckConfig(false, true, Map.of("default", (double) reductionFactor), Nonlinearity.RELU, true,
				true, Residual.SUBLAYER_OUTPUT, false, false, false, false, 1f, Set.of());
	}

	/** Houlsby's two adapters per layer ({@code double_seq_bn}). */
	public static BottleneckConfig doubleSeqBn(int reductionFactor) {
		return new BottleneckConfig(true, true, Map.of("default", (double) reductionFactor), Nonlinearity.SWISH, false,
				true, Residual.SUBLAYER_OUTPUT, false, false, false, false, 1f, Set.of());
	}

	/** The parallel adapter ({@code par_bn}). */
	public static BottleneckConfig parBn(int reductionFactor, float scaling) {
		return new BottleneckConfig(false, true, Map.of("default", (double) reductionFactor), Nonlinearity.RELU, false,
				true, Residual.SUBLAYER_OUTPUT, false, false, false, true, scaling, Set.of());
	}

	/** Whether an adapter sits at a position of a layer. */
	public boolean sitsAt(SublayerPosition position, int layer) {
		if (this.leaveOut.contains(layer)) {
			return false;
		}
		return (position == SublayerPosition.ATTENTION_OUTPUT) ? this.mhAdapter : this.outputAdapter;
	}

	/** The bottleneck width in a layer: {@code hidden // reduction_factor}. */
	public int bottleneckSize(int hidden, int layer) {
		Double factor = this.reductionFactor.getOrDefault(Integer.toString(layer), this.reductionFactor.get("default"));
		if (factor == null || factor <= 0) {
			throw new IllegalArgumentException(
					"No reduction factor for layer " + layer + " in " + this.reductionFactor);
		}
		return (int) Math.floor(hidden / factor);
	}

	/**
	 * Reads AdapterHub's config object (the {@code config} member of
	 * {@code adapter_config.json}), or a preset name.
	 */
	public static BottleneckConfig parse(JsonElement element) {
		if (element.isJsonPrimitive()) {
			return switch (element.getAsString().toLowerCase(java.util.Locale.ROOT)) {
				case "seq_bn", "pfeiffer" -> seqBn(16);
				case "double_seq_bn", "houlsby" -> doubleSeqBn(16);
				case "par_bn", "parallel" -> parBn(2, 4f);
				default -> throw new IllegalArgumentException(
						"Adapter config '" + element.getAsString() + "' is not a bottleneck adapter");
			};
		}
		JsonObject config = element.getAsJsonObject();
		for (String unsupported : List.of("phm_layer", "use_gating", "cross_adapter")) {
			if (bool(config, unsupported, false)) {
				throw new IllegalArgumentException("Bottleneck option " + unsupported + " is not supported");
			}
		}
		if (config.has("inv_adapter") && !config.get("inv_adapter").isJsonNull()) {
			throw new IllegalArgumentException("Invertible adapters (inv_adapter) are not supported");
		}
		JsonElement scaling = config.get("scaling");
		if (scaling != null && !(scaling.isJsonPrimitive() && scaling.getAsJsonPrimitive().isNumber())) {
			throw new IllegalArgumentException("Only a numeric adapter scaling is supported, not " + scaling);
		}
		Map<String, Double> factors = new LinkedHashMap<>();
		JsonElement factor = config.get("reduction_factor");
		if (factor == null || factor.isJsonNull()) {
			throw new IllegalArgumentException("The bottleneck config lacks reduction_factor");
		}
		if (factor.isJsonObject()) {
			factor.getAsJsonObject().entrySet().forEach((e) -> factors.put(e.getKey(), e.getValue().getAsDouble()));
		}
		else {
			factors.put("default", factor.getAsDouble());
		}
		Residual residual = Residual.SUBLAYER_OUTPUT;
		JsonElement residualBeforeLn = config.get("residual_before_ln");
		if (residualBeforeLn != null && !residualBeforeLn.isJsonNull()) {
			if (residualBeforeLn.getAsJsonPrimitive().isString()) {
				if (!residualBeforeLn.getAsString().equals("post_add")) {
					throw new IllegalArgumentException("Unknown residual_before_ln " + residualBeforeLn);
				}
				residual = Residual.POST_ADD;
			}
			else {
				residual = residualBeforeLn.getAsBoolean() ? Residual.SUBLAYER_OUTPUT : Residual.ADAPTER_INPUT;
			}
		}
		boolean originalLnBefore = bool(config, "original_ln_before", false);
		if (residual == Residual.POST_ADD && !originalLnBefore) {
			throw new IllegalArgumentException("residual_before_ln \"post_add\" needs original_ln_before");
		}
		Set<Integer> leaveOut = new java.util.TreeSet<>();
		if (config.has("leave_out") && config.get("leave_out").isJsonArray()) {
			config.getAsJsonArray("leave_out").forEach((e) -> leaveOut.add(e.getAsInt()));
		}
		return new BottleneckConfig(bool(config, "mh_adapter", false), bool(config, "output_adapter", false), factors,
				Nonlinearity.of(config.has("non_linearity") ? config.get("non_linearity").getAsString() : "relu"),
				originalLnBefore, bool(config, "original_ln_after", true), residual, bool(config, "ln_before", false),
				bool(config, "ln_after", false), bool(config, "adapter_residual_before_ln", false),
				bool(config, "is_parallel", false), (scaling == null) ? 1f : scaling.getAsFloat(), leaveOut);
	}

	/** Writes this config as AdapterHub's config object. */
	public JsonObject toJson() {
		JsonObject config = new JsonObject();
		config.addProperty("architecture", "bottleneck");
		config.addProperty("mh_adapter", this.mhAdapter);
		config.addProperty("output_adapter", this.outputAdapter);
		if (this.reductionFactor.size() == 1 && this.reductionFactor.containsKey("default")) {
			config.addProperty("reduction_factor", this.reductionFactor.get("default"));
		}
		else {
			JsonObject factors = new JsonObject();
			this.reductionFactor.forEach(factors::addProperty);
			config.add("reduction_factor", factors);
		}
		config.addProperty("non_linearity", this.nonLinearity.configName());
		config.addProperty("original_ln_before", this.originalLnBefore);
		config.addProperty("original_ln_after", this.originalLnAfter);
		switch (this.residual) {
			case SUBLAYER_OUTPUT -> config.addProperty("residual_before_ln", true);
			case ADAPTER_INPUT -> config.addProperty("residual_before_ln", false);
			case POST_ADD -> config.addProperty("residual_before_ln", "post_add");
		}
		config.addProperty("ln_before", this.lnBefore);
		config.addProperty("ln_after", this.lnAfter);
		config.addProperty("adapter_residual_before_ln", this.adapterResidualBeforeLn);
		config.addProperty("is_parallel", this.parallel);
		config.addProperty("scaling", this.scaling);
		config.addProperty("use_gating", false);
		config.addProperty("init_weights", this.parallel ? "mam_adapter" : "bert");
		config.addProperty("dropout", 0.0);
		com.google.gson.JsonArray leave = new com.google.gson.JsonArray();
		this.leaveOut.forEach(leave::add);
		config.add("leave_out", leave);
		config.addProperty("phm_layer", false);
		config.add("inv_adapter", com.google.gson.JsonNull.INSTANCE);
		config.addProperty("cross_adapter", false);
		return config;
	}

	private static boolean bool(JsonObject config, String name, boolean fallback) {
		JsonElement value = config.get(name);
		return (value == null || value.isJsonNull()) ? fallback : value.getAsBoolean();
	}

}
