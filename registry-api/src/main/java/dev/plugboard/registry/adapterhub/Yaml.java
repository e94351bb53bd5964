package dev.plugboard.registry.adapterhub;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.plugboard.registry.system.InvalidRequestException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Card files are YAML; SnakeYAML with the safe constructor builds only maps, lists and
 * scalars (no arbitrary types), and keeps {@code 2.0} a Double, which the config id
 * needs.
 */
final class Yaml {

	private Yaml() {
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(String path, byte[] bytes) {
		LoaderOptions options = new LoaderOptions();
		options.setMaxAliasesForCollections(50);
		options.setCodePointLimit(4 * 1024 * 1024);
		try {
			Object loaded = new org.yaml.snakeyaml.Yaml(new SafeConstructor(options))
				.load(new String(bytes, StandardCharsets.UTF_8));
			if (loaded instanceof Map<?, ?> map) {
				return (Map<String, Object>) map;
			}
		}
		catch (YAMLException ex) {
			throw new InvalidRequestException("invalid-bundle", path + " is not valid YAML: " + ex.getMessage());
		}
		throw new InvalidRequestException("invalid-bundle", path + " is not a YAML mapping");
	}

	static String string(Map<String, Object> map, String key) {
		Object value = map.get(key);
		return (value == null) ? null : String.valueOf(value).strip();
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> submap(Map<String, Object> map, String key) {
		return (map.get(key) instanceof Map<?, ?> sub) ? (Map<String, Object>) sub : Map.of();
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> maps(Map<String, Object> map, String key) {
		return (map.get(key) instanceof List<?> list)
				? list.stream().filter(Map.class::isInstance).map((item) -> (Map<String, Object>) item).toList()
				: List.of();
	}

}
