package dev.plugboard.formats;

import java.util.List;
import java.util.Set;

/**
 * The anatomy of a tensor name such as
 * {@code base_model.model.encoder.layer.3.attention.self.query.lora_A.weight}: its
 * dot-separated components, the transformer layer it belongs to and the module path
 * within that layer.
 */
final class TensorNames {

	/**
	 * Containers whose numbered children are transformer layers: {@code layer} (BERT,
	 * RoBERTa, ViT), {@code layers} (LLaMA, BART, GPT-NeoX), {@code h} (GPT-2, Falcon,
	 * BLOOM), {@code block} (T5).
	 */
	private static final Set<String> LAYER_CONTAINERS = Set.of("layer", "layers", "h", "block", "blocks");

	/** Longest layer number taken as one; longer digit runs are implausible. */
	private static final int MAX_LAYER_DIGITS = 9;

	private TensorNames() {
	}

	static List<String> components(String name) {
		return List.of(name.split("\\.", -1));
	}

	/**
	 * Finds the position of the layer number: the first component that is all digits and
	 * follows a layer container.
	 * @return the index of the number within {@code components}, or -1
	 */
	static int layerPosition(List<String> components) {
		for (int i = 1; i < components.size(); i++) {
			if (LAYER_CONTAINERS.contains(components.get(i - 1)) && isDigits(components.get(i))) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Returns the layer index of a tensor.
	 * @return the index, -1 if the name has no layer number, or -2 if its layer number
	 * has more than 9 digits
	 */
	static int layer(List<String> components) {
		int position = layerPosition(components);
		if (position < 0) {
			return -1;
		}
		String digits = components.get(position);
		return (digits.length() > MAX_LAYER_DIGITS) ? -2 : Integer.parseInt(digits);
	}

	/**
	 * Returns the module path inside the layer: the components of {@code module} after
	 * the layer number, or, without a layer number, {@code module} without the PEFT
	 * wrapper prefix {@code base_model.model.}.
	 */
	static List<String> withinLayer(List<String> module) {
		int position = layerPosition(module);
		if (position >= 0) {
			return module.subList(position + 1, module.size());
		}
		int start = 0;
		if (module.size() > 1 && module.get(0).equals("base_model") && module.get(1).equals("model")) {
			start = 2;
		}
		else if (!module.isEmpty() && module.get(0).equals("base_model")) {
			start = 1;
		}
		return module.subList(start, module.size());
	}

	static boolean isDigits(String s) {
		if (s.isEmpty()) {
			return false;
		}
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	/**
	 * PEFT's rule for naming a module in {@code target_modules}: the module key equals
	 * the entry or ends with {@code "." + entry}.
	 */
	static boolean endsWithModule(String moduleKey, String entry) {
		return moduleKey.equals(entry) || moduleKey.endsWith("." + entry);
	}

	/** Renders a shape as {@code [4, 384]}. */
	static String shape(List<Long> shape) {
		return shape.toString();
	}

}
