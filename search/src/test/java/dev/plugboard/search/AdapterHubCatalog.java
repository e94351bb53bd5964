package dev.plugboard.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the AdapterHub catalog in shared/data into documents shaped as the registry's
 * importer shapes them: card {@code adapters/<org>/<file>.yaml} is repository
 * {@code <org>/<file>}, task and subtask display names come from the taxonomy cards, and
 * a language adapter's task is its language. Published in the test jar for the search
 * benchmark, which indexes the same documents.
 */
public final class AdapterHubCatalog {

	private AdapterHubCatalog() {
	}

	public static List<AdapterDocument> load(Path catalog) {
		Map<String, Map<String, Object>> tasks = cards(catalog.resolve("tasks"), (card) -> string(card, "task"));
		Map<String, Map<String, Object>> subtasks = cards(catalog.resolve("subtasks"),
				(card) -> string(card, "task") + "/" + string(card, "subtask"));
		List<AdapterDocument> documents = new ArrayList<>();
		for (Path file : yamlFiles(catalog.resolve("adapters"))) {
			Map<String, Object> card = read(file);
			String namespace = file.getParent().getFileName().toString();
			String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
			String task = string(card, "task");
			String subtask = string(card, "subtask");
			Map<String, Object> taskCard = tasks.getOrDefault(task, Map.of());
			Map<String, Object> subtaskCard = subtasks.getOrDefault(task + "/" + subtask, Map.of());
			String type = string(card, "type");
			Object config = card.get("config");
			String using = (config instanceof Map<?, ?> map && map.get("using") != null) ? map.get("using").toString()
					: null;
			documents.add(new AdapterDocument(namespace + "/" + name, namespace, name, string(card, "description"),
					task, string(taskCard, "displayname"), subtask, string(subtaskCard, "displayname"),
					string(subtaskCard, "description"), string(card, "model_name"), string(card, "model_type"),
					method(using), "text_lang".equals(type) ? List.of(task) : List.of(), null, List.of(),
					string(card, "author"), 0, null, null, "adapter"));
		}
		return documents;
	}

	private static String method(String using) {
		if (using == null) {
			return null;
		}
		String lower = using.toLowerCase(Locale.ROOT);
		if (lower.startsWith("pfeiffer")) {
			return "seq_bn";
		}
		return lower.startsWith("houlsby") ? "double_seq_bn" : lower;
	}

	private static Map<String, Map<String, Object>> cards(Path folder,
			java.util.function.Function<Map<String, Object>, String> key) {
		Map<String, Map<String, Object>> cards = new HashMap<>();
		for (Path file : yamlFiles(folder)) {
			Map<String, Object> card = read(file);
			cards.put(key.apply(card), card);
		}
		return cards;
	}

	private static List<Path> yamlFiles(Path folder) {
		try (Stream<Path> files = Files.walk(folder)) {
			return files.filter((f) -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> read(Path file) {
		try {
			Object value = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
			return (value instanceof Map<?, ?>) ? (Map<String, Object>) value : Map.of();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String string(Map<String, Object> card, String key) {
		Object value = card.get(key);
		if (value == null) {
			return null;
		}
		String text = value.toString().replace("\"", "").strip();
		return text.isEmpty() ? null : text;
	}

}
