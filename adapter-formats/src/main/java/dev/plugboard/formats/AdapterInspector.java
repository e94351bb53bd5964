package dev.plugboard.formats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.plugboard.formats.Inspection.Tensor;

/**
 * Understands an adapter version from its {@code adapter_config.json} and the headers of
 * its weight files, without loading any weights: what method and settings it uses, which
 * modules and layers it adapts, how large it is, whether a head comes with it, and
 * whether the weights are consistent with the config (and, when known, with the base
 * model).
 *
 * <p>
 * Consistency checks, each reported as a {@link Violation} naming the tensor (or the
 * config field, as a JSON pointer) it is about:
 * <ul>
 * <li>every tensor name appears in one weight file only;</li>
 * <li>LoRA (PEFT, and the adapters library's LoRA and (IA)³): every {@code lora_A} is
 * {@code [r, in]} and its {@code lora_B} is {@code [out, r]} with the config's {@code r}
 * (PEFT: or a {@code rank_pattern} rank), each has its partner, and every adapted module
 * is named by a {@code target_modules} list and lies in a layer of
 * {@code layers_to_transform};</li>
 * <li>PEFT (IA)³: every adapted module is named by a {@code target_modules} list;</li>
 * <li>AdapterHub bottleneck adapters: {@code adapter_down} {@code [bottleneck, hidden]}
 * and {@code adapter_up} {@code [hidden, bottleneck]} mirror each other, with matching
 * biases; the hidden size is the config's {@code hidden_size}; the bottleneck size is
 * {@code max(1, int(hidden // reduction_factor))}; adapters exist after the attention
 * block exactly when {@code mh_adapter} is true and after the feed-forward block exactly
 * when {@code output_adapter} is true; the weights belong to the adapter the config
 * {@code name}s;</li>
 * <li>AdapterHub: no weights in a layer that {@code leave_out} lists (decoder layers,
 * which the library numbers after the encoder's, are not checked);</li>
 * <li>with {@link BaseModelDims}: every layer index is below {@code numLayers}; LoRA
 * input and output sizes equal the hidden size, or the intermediate size for feed-forward
 * projections (as far as the module name tells its role; see {@code ModuleRole});
 * bottleneck adapters take the hidden size.</li>
 * </ul>
 * Other methods get the summary only. Nothing here throws for bad content: problems are
 * violations, and {@link #reject} turns them into the exception the registry answers
 * with.
 */
public final class AdapterInspector {

	/** The {@link FormatException#kind()} of {@link #reject}. */
	public static final String KIND = "inconsistent-adapter";

	private static final int MAX_METHOD_CHARS = 64;

	private AdapterInspector() {
	}

	/**
	 * Describes an adapter version.
	 * @param adapterConfig the parsed {@code adapter_config.json} (PEFT or AdapterHub)
	 * @param weights the headers of the version's safetensors weight files by file name,
	 * in a stable order (violations follow it); may be empty
	 * @param headConfigOrNull the parsed AdapterHub {@code head_config.json}, or
	 * {@code null} if the version has none
	 * @param dimsOrNull the base model's dimensions, or {@code null} if unknown (the
	 * checks that need them are then skipped)
	 * @return the description; never {@code null}
	 * @throws NullPointerException if {@code adapterConfig} or {@code weights} is
	 * {@code null}
	 */
	public static AdapterDescription describe(ObjectNode adapterConfig, Map<String, SafetensorsHeader> weights,
			ObjectNode headConfigOrNull, BaseModelDims dimsOrNull) {
		Objects.requireNonNull(adapterConfig, "adapterConfig");
		Objects.requireNonNull(weights, "weights");
		String format = format(adapterConfig);
		List<TensorInfo> all = new ArrayList<>();
		Map<String, String> fileOf = new HashMap<>();
		List<String[]> duplicates = new ArrayList<>();
		long parameters = 0;
		Map<String, Long> bytes = new TreeMap<>();
		for (Map.Entry<String, SafetensorsHeader> file : weights.entrySet()) {
			for (TensorInfo tensor : file.getValue().tensors().values()) {
				String first = fileOf.putIfAbsent(tensor.name(), file.getKey());
				if (first != null) {
					duplicates.add(new String[] { tensor.name(), first, file.getKey() });
					continue;
				}
				all.add(tensor);
				parameters = saturatedAdd(parameters, tensor.elementCount());
				bytes.merge(tensor.dtype().name(), tensor.end() - tensor.begin(), AdapterInspector::saturatedAdd);
			}
		}
		Inspection inspection = new Inspection(adapterConfig, format, method(adapterConfig, format), all, dimsOrNull);
		for (String[] duplicate : duplicates) {
			inspection.violation(duplicate[0], "appears in both " + Violations.shown(duplicate[1], 80) + " and "
					+ Violations.shown(duplicate[2], 80));
		}
		HeadCheck.Head head = HeadCheck.find(inspection, headConfigOrNull);
		List<Integer> layers = layers(inspection, head.tensors());
		checkMethod(inspection);
		Map<String, Object> hyperparameters = Hyperparameters.of(inspection);
		String adapterName = inspection.isAdapterHub() ? JsonValues.string(adapterConfig, "name") : null;
		return new AdapterDescription(format, inspection.method, hyperparameters, List.copyOf(inspection.targetModules),
				layers, parameters, bytes, head.present(), head.type(), head.numLabels(),
				AdapterConfigs.baseModel(adapterConfig), adapterName, inspection.violations.toList());
	}

	/**
	 * Builds the exception to answer an inconsistent adapter version with.
	 * @param description a description with violations
	 * @return a {@link FormatException} of kind {@value #KIND} carrying the violations;
	 * its message names the first
	 * @throws IllegalArgumentException if the description has no violations
	 */
	public static FormatException reject(AdapterDescription description) {
		List<Violation> violations = description.violations();
		if (violations.isEmpty()) {
			throw new IllegalArgumentException("The adapter is consistent; there is nothing to reject");
		}
		Violation first = violations.get(0);
		String message = "Inconsistent adapter: " + first.subject() + ": " + first.reason();
		if (violations.size() > 1) {
			message += " (and " + (violations.size() - 1) + " more)";
		}
		return new FormatException(KIND, message, violations);
	}

	private static String format(ObjectNode config) {
		if (AdapterConfigs.text(config, "peft_type") != null) {
			return AdapterDescription.PEFT;
		}
		JsonNode nested = config.get("config");
		if (nested != null && (nested.isObject() || nested.isString())) {
			return AdapterDescription.ADAPTERHUB;
		}
		return AdapterDescription.UNKNOWN;
	}

	/** The recognised method, else the raw name as written, else {@code unknown}. */
	private static String method(ObjectNode config, String format) {
		String known = AdapterConfigs.method(config);
		if (known != null) {
			return known;
		}
		String raw = null;
		if (format.equals(AdapterDescription.PEFT)) {
			raw = AdapterConfigs.text(config, "peft_type").toLowerCase(Locale.ROOT);
		}
		else if (format.equals(AdapterDescription.ADAPTERHUB)) {
			JsonNode nested = config.get("config");
			raw = nested.isString() ? nested.stringValue() : AdapterConfigs.text(nested, "architecture");
		}
		return (raw == null || raw.isBlank()) ? AdapterDescription.UNKNOWN
				: Violations.shown(raw.strip(), MAX_METHOD_CHARS);
	}

	private static void checkMethod(Inspection inspection) {
		String method = inspection.method;
		if (method.equals("lora") || (inspection.isAdapterHub() && method.equals("ia3"))) {
			LoraCheck.run(inspection);
		}
		else if (inspection.isPeft() && method.equals("ia3")) {
			LoraCheck.runPeftIa3(inspection);
		}
		else if (inspection.isAdapterHub() && BottleneckCheck.METHODS.contains(method)) {
			BottleneckCheck.run(inspection);
		}
	}

	/**
	 * Collects the layer indices of all but the head's tensors, checking them against the
	 * base model's layer count and AdapterHub's {@code leave_out}.
	 */
	private static List<Integer> layers(Inspection inspection, Set<String> headTensors) {
		Set<Integer> layers = new TreeSet<>();
		List<Integer> leaveOut = inspection.isAdapterHub() ? JsonValues.wholeNumbers(inspection.settings, "leave_out")
				: null;
		for (Tensor tensor : inspection.tensors) {
			if (headTensors.contains(tensor.name())) {
				continue;
			}
			int layer = tensor.layer();
			if (layer == -2) {
				inspection.violation(tensor.name(), "has a layer number of more than 9 digits");
				continue;
			}
			if (layer < 0) {
				continue;
			}
			layers.add(layer);
			BaseModelDims dims = inspection.dims;
			if (dims != null && layer >= dims.numLayers()) {
				inspection.violation(tensor.name(), "is in layer " + layer + ", but the base model has "
						+ dims.numLayers() + " layers (0 to " + (dims.numLayers() - 1) + ")");
			}
			if (leaveOut != null && leaveOut.contains(layer) && !tensor.components().contains("decoder")) {
				inspection.violation(tensor.name(), "is in layer " + layer + ", which leave_out excludes");
			}
		}
		return List.copyOf(layers);
	}

	private static long saturatedAdd(long a, long b) {
		long sum = a + b;
		return (((a ^ sum) & (b ^ sum)) < 0) ? Long.MAX_VALUE : sum;
	}

}
