package dev.plugboard.formats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

import dev.plugboard.formats.Inspection.Tensor;

/**
 * The main settings of each method, in a fixed order, with the library's defaults applied
 * where it applies them and derived values ({@code scaling}, {@code bottleneck_size})
 * added.
 */
final class Hyperparameters {

	private static final Set<String> PEFT_PROMPT_METHODS = Set.of("prompt_tuning", "prefix_tuning", "p_tuning",
			"multitask_prompt_tuning", "cpt");

	private static final List<String> PEFT_LORA_EXTRAS = List.of("use_dora", "rank_pattern", "alpha_pattern",
			"layers_to_transform", "task_type");

	private static final List<String> PEFT_PROMPT = List.of("num_virtual_tokens", "token_dim",
			"num_transformer_submodules", "num_attention_heads", "num_layers", "prefix_projection",
			"encoder_hidden_size", "prompt_tuning_init", "task_type");

	private static final List<String> PEFT_OTHER = List.of("r", "target_modules", "modules_to_save", "task_type");

	private static final List<String> BOTTLENECK = List.of("non_linearity", "mh_adapter", "output_adapter",
			"original_ln_before", "original_ln_after", "residual_before_ln", "ln_before", "ln_after", "leave_out",
			"adapter_residual_before_ln", "is_parallel", "scaling", "use_gating", "inv_adapter",
			"inv_adapter_reduction_factor", "phm_layer");

	private static final List<String> ADAPTERHUB_LORA = List.of("attn_matrices", "selfattn_lora", "intermediate_lora",
			"output_lora");

	private static final List<String> ADAPTERHUB_LORA_TAIL = List.of("composition_mode", "use_gating", "use_dora",
			"leave_out");

	private static final List<String> PREFIX_TUNING = List.of("prefix_length", "bottleneck_size", "flat",
			"encoder_prefix", "cross_prefix", "non_linearity", "dropout", "leave_out");

	private static final List<String> PROMPT_TUNING = List.of("prompt_length", "prompt_init", "combine");

	private static final List<String> REFT = List.of("layers", "prefix_positions", "suffix_positions", "r",
			"orthogonality", "tied_weights", "non_linearity");

	private final Inspection inspection;

	private final JsonNode settings;

	private final Map<String, Object> values = new LinkedHashMap<>();

	private Hyperparameters(Inspection inspection) {
		this.inspection = inspection;
		this.settings = inspection.settings;
	}

	static Map<String, Object> of(Inspection inspection) {
		return new Hyperparameters(inspection).collect();
	}

	private Map<String, Object> collect() {
		String method = this.inspection.method;
		if (this.inspection.isPeft()) {
			if (method.equals("lora")) {
				peftLora();
			}
			else if (method.equals("ia3")) {
				copy(List.of("target_modules", "feedforward_modules", "modules_to_save", "task_type"));
			}
			else if (PEFT_PROMPT_METHODS.contains(method)) {
				copy(PEFT_PROMPT);
			}
			else {
				copy(PEFT_OTHER);
			}
		}
		else if (this.inspection.isAdapterHub()) {
			adapterHub(method);
		}
		return this.values;
	}

	private void adapterHub(String method) {
		if (BottleneckCheck.METHODS.contains(method)) {
			bottleneck();
		}
		else if (method.equals("lora") || method.equals("ia3")) {
			adapterHubLora(method.equals("ia3"));
		}
		else if (method.equals("prefix_tuning")) {
			copy(PREFIX_TUNING);
		}
		else if (method.equals("prompt_tuning")) {
			copy(PROMPT_TUNING);
		}
		else if (method.equals("reft") || method.endsWith("reft")) {
			copy(REFT);
		}
	}

	private void peftLora() {
		Integer r = LoraCheck.declaredRank(this.settings);
		Double alpha = number("lora_alpha", LoraCheck.DEFAULT_ALPHA);
		boolean rslora = Boolean.TRUE.equals(JsonValues.bool(this.settings, "use_rslora"));
		put("r", r);
		put("lora_alpha", numberValue("lora_alpha", LoraCheck.DEFAULT_ALPHA));
		put("use_rslora", rslora);
		if (r != null && alpha != null) {
			put("scaling", rslora ? alpha / Math.sqrt(r) : alpha / r);
		}
		copy(List.of("target_modules", "lora_dropout", "bias", "modules_to_save"));
		for (String extra : PEFT_LORA_EXTRAS) {
			JsonNode value = this.settings.get(extra);
			boolean meaningful = value != null && !value.isNull() && !(value.isBoolean() && !value.booleanValue())
					&& !(value.isContainer() && value.isEmpty());
			if (meaningful) {
				copy(List.of(extra));
			}
		}
	}

	private void adapterHubLora(boolean scaleOnly) {
		Integer r = LoraCheck.declaredRank(this.settings);
		Double alpha = number("alpha", LoraCheck.DEFAULT_ALPHA);
		put("r", r);
		put("lora_alpha", numberValue("alpha", LoraCheck.DEFAULT_ALPHA));
		if (alpha != null && (scaleOnly || r != null)) {
			// The library's LoRA scales by alpha / r; its (IA)^3 by alpha alone.
			put("scaling", scaleOnly ? alpha : alpha / r);
		}
		copy(ADAPTERHUB_LORA);
		copyAs("dropout", "lora_dropout");
		copy(ADAPTERHUB_LORA_TAIL);
	}

	private void bottleneck() {
		copy(List.of("reduction_factor"));
		put("bottleneck_size", bottleneckSize());
		copy(BOTTLENECK);
	}

	/**
	 * hidden size // reduction factor when both are known (the per-layer mapping's
	 * {@code default}), else the most common bottleneck size in the weights.
	 */
	private Long bottleneckSize() {
		Integer hidden = BottleneckCheck.hiddenSize(this.inspection);
		JsonNode factor = BottleneckCheck.reductionFactor(this.settings, -1);
		if (hidden != null && factor != null) {
			long size = BottleneckCheck.bottleneck(hidden, factor);
			if (size > 0) {
				return size;
			}
		}
		Map<Long, Integer> counts = new TreeMap<>();
		for (Tensor tensor : this.inspection.tensors) {
			List<String> parts = tensor.components();
			int at = parts.indexOf("adapter_down");
			if (at > 0 && parts.size() == at + 3 && TensorNames.isDigits(parts.get(at + 1))
					&& parts.get(at + 2).equals("weight") && tensor.rank() == 2) {
				counts.merge(tensor.dim(0), 1, Integer::sum);
			}
		}
		Long mostCommon = null;
		int best = 0;
		for (Map.Entry<Long, Integer> entry : counts.entrySet()) {
			if (entry.getValue() > best) {
				mostCommon = entry.getKey();
				best = entry.getValue();
			}
		}
		return mostCommon;
	}

	/** A finite number setting, the default if absent, or null if not a number. */
	private Double number(String field, int defaultValue) {
		JsonNode value = this.settings.get(field);
		if (value == null || value.isNull()) {
			return (double) defaultValue;
		}
		return JsonValues.finite(value);
	}

	/** The setting as written (an int stays an int), the default if absent. */
	private Object numberValue(String field, int defaultValue) {
		JsonNode value = this.settings.get(field);
		if (value == null || value.isNull()) {
			return defaultValue;
		}
		return (JsonValues.finite(value) != null) ? JsonValues.plain(value) : null;
	}

	private void copy(List<String> fields) {
		for (String field : fields) {
			copyAs(field, field);
		}
	}

	private void copyAs(String field, String key) {
		JsonNode value = this.settings.get(field);
		if (value != null && !value.isNull()) {
			try {
				put(key, JsonValues.plain(value));
			}
			catch (IllegalArgumentException ex) {
				// Not a JSON value (a tree built in code, not parsed): nothing to show.
			}
		}
	}

	private void put(String key, Object value) {
		if (value != null) {
			this.values.put(key, value);
		}
	}

}
