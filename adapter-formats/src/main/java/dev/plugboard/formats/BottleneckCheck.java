package dev.plugboard.formats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import dev.plugboard.formats.Inspection.Tensor;

/**
 * Checks the weights of AdapterHub bottleneck adapters ({@code seq_bn},
 * {@code double_seq_bn}, {@code par_bn}, Compacter, ...) against their config.
 *
 * <p>
 * The adapters library keeps one {@code Adapter} module per position and layer under
 * {@code <position>.adapters.<name>.}: {@code adapter_down} is a sequence of an optional
 * layer norm ({@code ln_before}), a linear layer {@code [bottleneck, hidden]} and the
 * activation, so its linear layer is {@code adapter_down.0} or, after a layer norm,
 * {@code adapter_down.1}; {@code adapter_up} is a linear layer
 * {@code [hidden, bottleneck]}. The bottleneck size is
 * {@code max(1, int(hidden_size // reduction_factor))}, where {@code reduction_factor}
 * may be a per-layer mapping such as <code>{"1": 8, "default": 16}</code>. The position
 * is the module holding {@code adapters}: after the attention block ({@code mh_adapter};
 * BERT's {@code attention.output}, BART's {@code attention_adapters}) or after the
 * feed-forward block ({@code output_adapter}; BERT's {@code output}, others'
 * {@code output_adapters}). Compacter ({@code phm_layer}) replaces the linear layers with
 * parameterised hypercomplex layers, whose shapes are not checked.
 */
final class BottleneckCheck {

	/** Methods whose weights are bottleneck adapters. */
	static final Set<String> METHODS = Set.of("seq_bn", "double_seq_bn", "par_bn", "scaled_par_bn", "seq_bn_inv",
			"double_seq_bn_inv", "compacter", "compacter++", "bottleneck");

	private static final String ADAPTERS = "adapters";

	private final Inspection inspection;

	private final Integer configHidden;

	private BottleneckCheck(Inspection inspection) {
		this.inspection = inspection;
		this.configHidden = JsonValues.wholeNumber(inspection.config, "hidden_size");
	}

	/** Runs the checks, recording target modules and violations in the inspection. */
	static void run(Inspection inspection) {
		new BottleneckCheck(inspection).check();
	}

	/**
	 * The hidden size to derive the bottleneck size from: the base model's when known,
	 * else the one the config records; {@code null} if neither is known.
	 */
	static Integer hiddenSize(Inspection inspection) {
		if (inspection.dims != null) {
			return inspection.dims.hiddenSize();
		}
		Integer hidden = JsonValues.wholeNumber(inspection.config, "hidden_size");
		return (hidden != null && hidden > 0) ? hidden : null;
	}

	/**
	 * Applies the library's rounding: {@code max(1, int(hidden // reduction_factor))}.
	 * @return the bottleneck size, or -1 if the reduction factor is not a positive finite
	 * number
	 */
	static long bottleneck(long hidden, JsonNode reductionFactor) {
		Double factor = JsonValues.finite(reductionFactor);
		if (factor == null || factor <= 0) {
			return -1;
		}
		return Math.max(1, (long) Math.floor(hidden / factor));
	}

	/**
	 * The reduction factor that applies to a layer: the number itself, or the layer's
	 * (else the {@code default}) entry of a per-layer mapping; {@code null} if none.
	 */
	static JsonNode reductionFactor(JsonNode settings, int layer) {
		JsonNode factor = settings.get("reduction_factor");
		if (factor == null || !factor.isObject()) {
			return factor;
		}
		JsonNode own = (layer >= 0) ? factor.get(Integer.toString(layer)) : null;
		return (own != null) ? own : factor.get("default");
	}

	private void check() {
		Map<String, Instance> instances = instances();
		List<Instance> attention = new ArrayList<>();
		List<Instance> output = new ArrayList<>();
		boolean allPlaced = true;
		boolean hypercomplex = Boolean.TRUE.equals(JsonValues.bool(this.inspection.settings, "phm_layer"));
		checkReductionFactor();
		for (Instance instance : instances.values()) {
			this.inspection.addTarget(instance.position);
			switch (Position.of(instance.position)) {
				case ATTENTION -> attention.add(instance);
				case OUTPUT -> output.add(instance);
				case CROSS -> {
				}
				case UNKNOWN -> allPlaced = false;
			}
			if (!hypercomplex) {
				checkShapes(instance);
			}
			checkAdapterName(instance);
		}
		if (!instances.isEmpty()) {
			checkPlacement("mh_adapter", attention, allPlaced, "after the attention block");
			checkPlacement("output_adapter", output, allPlaced, "after the feed-forward block");
		}
	}

	private void checkReductionFactor() {
		JsonNode factor = this.inspection.settings.get("reduction_factor");
		if (factor == null || factor.isNull()) {
			return;
		}
		List<JsonNode> values = factor.isObject() ? List.copyOf(factor.values()) : List.of(factor);
		for (JsonNode value : values) {
			Double number = JsonValues.finite(value);
			if (number == null || number <= 0) {
				this.inspection.settingViolation("reduction_factor", "is " + Violations.shown(factor.toString(), 60)
						+ ", but reduction factors must be positive numbers");
				return;
			}
		}
	}

	private Map<String, Instance> instances() {
		Map<String, Instance> instances = new LinkedHashMap<>();
		for (Tensor tensor : this.inspection.tensors) {
			List<String> parts = tensor.components();
			int at = parts.indexOf(ADAPTERS);
			if (at < 0 || at + 2 >= parts.size()) {
				continue;
			}
			List<String> module = parts.subList(0, at + 2);
			Instance instance = instances.computeIfAbsent(String.join(".", module),
					(key) -> new Instance(TensorNames.withinLayer(parts.subList(0, at)), parts.get(at + 1),
							tensor.layer()));
			instance.parts.put(String.join(".", parts.subList(at + 2, parts.size())), tensor);
		}
		return instances;
	}

	private void checkShapes(Instance instance) {
		String downKey = null;
		Tensor down = null;
		for (Map.Entry<String, Tensor> part : instance.parts.entrySet()) {
			List<String> name = TensorNames.components(part.getKey());
			if (name.size() == 3 && name.get(0).equals("adapter_down") && TensorNames.isDigits(name.get(1))
					&& name.get(2).equals("weight") && part.getValue().rank() == 2) {
				downKey = "adapter_down." + name.get(1);
				down = part.getValue();
				break;
			}
		}
		Tensor up = instance.parts.get("adapter_up.weight");
		if (up != null && up.rank() != 2) {
			this.inspection.violation(up.name(), "has shape " + TensorNames.shape(up.shape())
					+ ", but adapter_up must be a linear layer [hidden, bottleneck]");
			return;
		}
		if (down == null && up != null) {
			this.inspection.violation(up.name(), "has no matching adapter_down linear weight");
			return;
		}
		if (down == null) {
			return;
		}
		if (up == null) {
			this.inspection.violation(down.name(), "has no matching adapter_up weight");
		}
		long bottleneck = down.dim(0);
		long hidden = down.dim(1);
		if (up != null && (up.dim(0) != hidden || up.dim(1) != bottleneck)) {
			this.inspection.violation(up.name(),
					"has shape " + TensorNames.shape(up.shape()) + ", but adapter_up must mirror adapter_down's "
							+ TensorNames.shape(down.shape()) + " as [hidden, bottleneck] = [" + hidden + ", "
							+ bottleneck + "]");
		}
		checkBias(instance.parts.get(downKey + ".bias"), bottleneck, "the bottleneck size");
		checkBias(instance.parts.get("adapter_up.bias"), hidden, "the hidden size");
		checkHidden(down, hidden);
		checkBottleneck(down, instance.layer, hidden, bottleneck);
	}

	private void checkBias(Tensor bias, long expected, String what) {
		if (bias != null && (bias.rank() != 1 || bias.dim(0) != expected)) {
			this.inspection.violation(bias.name(),
					"has shape " + TensorNames.shape(bias.shape()) + ", but must be [" + expected + "], " + what);
		}
	}

	private void checkHidden(Tensor down, long hidden) {
		if (this.inspection.dims != null && hidden != this.inspection.dims.hiddenSize()) {
			this.inspection.violation(down.name(), "takes inputs of size " + hidden
					+ ", but the base model's hidden size is " + this.inspection.dims.hiddenSize());
		}
		else if (this.configHidden != null && this.configHidden > 0 && hidden != this.configHidden) {
			this.inspection.violation(down.name(), "takes inputs of size " + hidden
					+ ", but adapter_config.json gives hidden_size " + this.configHidden);
		}
	}

	/**
	 * Checks the bottleneck size against the module's own input size, so that a wrong
	 * input size (reported by {@link #checkHidden}) is not reported twice.
	 */
	private void checkBottleneck(Tensor down, int layer, long hidden, long bottleneck) {
		JsonNode factor = reductionFactor(this.inspection.settings, layer);
		long expected = bottleneck(hidden, factor);
		if (expected > 0 && bottleneck != expected) {
			this.inspection.violation(down.name(), "has bottleneck size " + bottleneck + ", but hidden size " + hidden
					+ " // reduction_factor " + Violations.shown(factor.toString(), 30) + " gives " + expected);
		}
	}

	private void checkPlacement(String field, List<Instance> found, boolean allPlaced, String where) {
		Boolean declared = JsonValues.bool(this.inspection.settings, field);
		if (declared == null) {
			return;
		}
		if (!declared && !found.isEmpty()) {
			Tensor first = found.get(0).parts.values().iterator().next();
			this.inspection.violation(first.name(),
					"is an adapter " + where + ", but " + field + " is false" + more(found.size()));
		}
		else if (declared && found.isEmpty() && allPlaced) {
			this.inspection.settingViolation(field, "is true, but no tensor holds an adapter " + where);
		}
	}

	private static String more(int count) {
		return (count > 1) ? " (as are " + (count - 1) + " more adapter modules)" : "";
	}

	private void checkAdapterName(Instance instance) {
		String declared = JsonValues.string(this.inspection.config, "name");
		if (declared != null && !declared.equals(instance.name)) {
			Tensor first = instance.parts.values().iterator().next();
			this.inspection.violation(first.name(), "belongs to adapter " + Violations.shown(instance.name, 64)
					+ ", but the config names " + Violations.shown(declared, 64));
		}
	}

	/** One adapter module: a position in one layer. */
	private static final class Instance {

		final List<String> position;

		final String name;

		final int layer;

		/** Tensors by their name within the module, such as {@code adapter_up.weight}. */
		final Map<String, Tensor> parts = new LinkedHashMap<>();

		Instance(List<String> position, String name, int layer) {
			this.position = position;
			this.name = name;
			this.layer = layer;
		}

	}

	/** Where in a layer an adapter module sits. */
	enum Position {

		ATTENTION, OUTPUT, CROSS, UNKNOWN;

		static Position of(List<String> withinLayer) {
			if (withinLayer.isEmpty()) {
				return UNKNOWN;
			}
			String last = withinLayer.get(withinLayer.size() - 1);
			if (last.contains("cross")) {
				return CROSS;
			}
			if (withinLayer.stream().anyMatch((part) -> part.contains("attention") || part.contains("attn"))) {
				return ATTENTION;
			}
			if (last.equals("output") || last.contains("output_adapters") || last.contains("ffn")
					|| last.contains("mlp")) {
				return OUTPUT;
			}
			return UNKNOWN;
		}

	}

}
