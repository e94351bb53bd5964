package dev.plugboard.registry.web;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON columns of a repository and a version as label–value pairs for a page. */
final class Metadata {

	/** Weight description keys and their labels, in display order. */
	private static final List<Map.Entry<String, String>> WEIGHT_LABELS = List.of(Map.entry("format", "Format"),
			Map.entry("method", "Method"), Map.entry("r", "Rank (r)"), Map.entry("lora_alpha", "LoRA alpha"),
			Map.entry("scaling", "Scaling"), Map.entry("reduction_factor", "Reduction factor"),
			Map.entry("parameter_count", "Parameters"), Map.entry("parameters", "Parameters"),
			Map.entry("target_modules", "Target modules"), Map.entry("layers", "Layers"),
			Map.entry("has_head", "Prediction head"), Map.entry("base_model", "Base model"),
			Map.entry("model_type", "Model type"), Map.entry("tensors", "Tensors"));

	private Metadata() {
	}

	/** The links of a repository that are web addresses, by their names. */
	static List<Pair> links(String links, JsonMapper json) {
		List<Pair> found = new ArrayList<>();
		if (links == null) {
			return found;
		}
		JsonNode node = json.readTree(links);
		node.propertyNames().forEach((name) -> {
			String url = node.get(name).asString("");
			if (url.startsWith("https://") || url.startsWith("http://")) {
				found.add(new Pair(name, url));
			}
		});
		return found;
	}

	/**
	 * What a version's weights are: method, rank, parameters, target modules, in a fixed
	 * order; hyper-parameters are taken from their nested object.
	 */
	static List<Pair> weights(String weights, JsonMapper json) {
		List<Pair> found = new ArrayList<>();
		if (weights == null) {
			return found;
		}
		JsonNode node = json.readTree(weights);
		JsonNode hyper = node.path("hyperparameters");
		for (Map.Entry<String, String> label : WEIGHT_LABELS) {
			JsonNode value = node.has(label.getKey()) ? node.get(label.getKey()) : hyper.get(label.getKey());
			if (value != null && !value.isNull()) {
				found.add(new Pair(label.getValue(), text(label.getKey(), value)));
			}
		}
		return found;
	}

	private static String text(String key, JsonNode value) {
		if (value.isArray()) {
			List<String> items = new ArrayList<>();
			value.forEach((item) -> items.add(item.asString(item.toString())));
			return String.join(", ", items);
		}
		if (value.isIntegralNumber() && (key.equals("parameter_count") || key.equals("parameters"))) {
			return NumberFormat.getIntegerInstance(Locale.ROOT).format(value.asLong());
		}
		if (value.isValueNode()) {
			return value.asString(value.toString());
		}
		return value.toString();
	}

	record Pair(String name, String value) {
	}

}
