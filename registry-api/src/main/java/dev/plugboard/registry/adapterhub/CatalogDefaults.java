package dev.plugboard.registry.adapterhub;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * AdapterHub's per-subtask defaults, read from the catalog's built index
 * ({@code dist/v2/index/<model>.json}). The Hub's generator picks them by file order (the
 * last {@code pfeiffer} card wins), so taking them from the built index is the only way
 * to agree with what AdapterHub users got.
 */
final class CatalogDefaults {

	private static final String INDEX = "dist/v2/index/";

	private CatalogDefaults() {
	}

	/** {@code org/file} of every card that is a default somewhere. */
	static Set<String> read(CatalogFiles files, JsonMapper json) {
		Set<String> defaults = new HashSet<>();
		for (String path : files.list(INDEX, ".json")) {
			JsonNode index = json.readTree(files.get(path));
			for (Map.Entry<String, JsonNode> task : index.properties()) {
				for (Map.Entry<String, JsonNode> subtask : task.getValue().properties()) {
					JsonNode entry = subtask.getValue().get("default");
					if (entry != null && entry.isString()) {
						defaults.add(cardId(entry.stringValue()));
					}
				}
			}
		}
		return defaults;
	}

	/** {@code adapters/ukp/x.json} → {@code ukp/x}. */
	static String cardId(String indexPath) {
		String trimmed = indexPath.startsWith("adapters/") ? indexPath.substring("adapters/".length()) : indexPath;
		return trimmed.endsWith(".json") ? trimmed.substring(0, trimmed.length() - 5) : trimmed;
	}

}
