package dev.plugboard.formats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an adapter version is, as far as its {@code adapter_config.json}, the headers of
 * its weight files and its head config tell: the summary a registry shows and indexes,
 * and the inconsistencies that make the upload unusable. Built by
 * {@link AdapterInspector#describe}.
 *
 * @param format {@value #PEFT}, {@value #ADAPTERHUB} or {@value #UNKNOWN}
 * @param method the adaptation method as {@link AdapterConfigs#method} names it
 * ({@code lora}, {@code ia3}, {@code prefix_tuning}, {@code prompt_tuning},
 * {@code seq_bn}, {@code double_seq_bn}, {@code par_bn}, {@code compacter}, ...); a
 * method this module does not know keeps its name as written (lower-cased for PEFT,
 * escaped and cut to 64 characters); {@value #UNKNOWN} when the config names none
 * @param hyperparameters the method's main settings in a fixed order per method, with
 * effective values (defaults applied where the library applies them) and derived ones
 * ({@code scaling}, {@code bottleneck_size}); settings that are absent or {@code null}
 * are left out; values are JSON-like (strings, numbers, booleans, lists, maps)
 * @param targetModules the adapted modules found in the weights, as module paths within a
 * transformer layer ({@code attention.self.query} for a LoRA on BERT's query,
 * {@code output} for a bottleneck adapter after BERT's feed-forward block), sorted and
 * distinct; empty for methods without per-module weights
 * @param layers the transformer layer indices the weights touch, sorted and distinct
 * @param parameterCount the number of elements over all tensors of all weight files (head
 * weights included)
 * @param bytesPerDtype bytes of tensor data per safetensors dtype name, by name
 * @param hasHead whether a prediction head comes with the version (an AdapterHub
 * {@code head_config.json} or {@code heads.*} tensors, or PEFT {@code modules_to_save}
 * tensors of a classifier)
 * @param headType the head's kind ({@code classification}, {@code tagging},
 * {@code question_answering}, or AdapterHub's {@code head_type}), or {@code null}
 * @param numLabels the number of labels of a classification or tagging head, when known,
 * else {@code null}
 * @param baseModel the base model named in the config (PEFT
 * {@code base_model_name_or_path}, AdapterHub {@code model_name}), or {@code null}
 * @param adapterName the AdapterHub adapter {@code name} the weights are saved under, or
 * {@code null}
 * @param violations the inconsistencies found, in the order found; empty when the version
 * is consistent
 */
public record AdapterDescription(String format, String method, Map<String, Object> hyperparameters,
		List<String> targetModules, List<Integer> layers, long parameterCount, Map<String, Long> bytesPerDtype,
		boolean hasHead, String headType, Integer numLabels, String baseModel, String adapterName,
		List<Violation> violations) {

	/** The format of Hugging Face PEFT adapters. */
	public static final String PEFT = "peft";

	/** The format of AdapterHub's {@code adapters} library. */
	public static final String ADAPTERHUB = "adapterhub";

	/** A format or method that cannot be told. */
	public static final String UNKNOWN = "unknown";

	/**
	 * Copies the collections, so that a description is immutable.
	 * @throws NullPointerException if {@code format}, {@code method} or a collection is
	 * {@code null}
	 */
	public AdapterDescription {
		Objects.requireNonNull(format, "format");
		Objects.requireNonNull(method, "method");
		hyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
		targetModules = List.copyOf(targetModules);
		layers = List.copyOf(layers);
		bytesPerDtype = Collections.unmodifiableMap(new TreeMap<>(bytesPerDtype));
		violations = List.copyOf(violations);
	}

	/**
	 * Tells whether the version passed every consistency check.
	 * @return {@code true} if there are no violations
	 */
	public boolean isConsistent() {
		return this.violations.isEmpty();
	}

	/**
	 * Returns the description as a JSON-ready map with snake_case keys, in the order of
	 * the record components: {@code format}, {@code method}, {@code hyperparameters},
	 * {@code target_modules}, {@code layers}, {@code parameter_count},
	 * {@code bytes_per_dtype}, {@code has_head}, {@code head_type}, {@code num_labels},
	 * {@code base_model}, {@code adapter_name} and {@code violations} (a list of
	 * <code>{subject, reason}</code> maps). Unknown values are {@code null}.
	 * @return an unmodifiable map that may hold {@code null} values
	 */
	public Map<String, Object> toMap() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("format", this.format);
		map.put("method", this.method);
		map.put("hyperparameters", this.hyperparameters);
		map.put("target_modules", this.targetModules);
		map.put("layers", this.layers);
		map.put("parameter_count", this.parameterCount);
		map.put("bytes_per_dtype", this.bytesPerDtype);
		map.put("has_head", this.hasHead);
		map.put("head_type", this.headType);
		map.put("num_labels", this.numLabels);
		map.put("base_model", this.baseModel);
		map.put("adapter_name", this.adapterName);
		List<Map<String, String>> problems = new ArrayList<>();
		for (Violation violation : this.violations) {
			problems.add(Map.of("subject", violation.subject(), "reason", violation.reason()));
		}
		map.put("violations", List.copyOf(problems));
		return Collections.unmodifiableMap(map);
	}

}
