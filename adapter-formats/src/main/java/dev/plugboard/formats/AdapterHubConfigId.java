package dev.plugboard.formats;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * AdapterHub's configuration identifier ({@code config_id}), the key under which the
 * AdapterHub index files its adapters of one architecture, computed exactly as the Hub
 * repository's {@code scripts/utils.py: get_adapter_config_hash(config, length=16)}.
 *
 * <p>
 * The computation is: drop every entry whose value is falsy in Python ({@code False},
 * {@code None}, {@code 0}, {@code 0.0}, {@code ""}, {@code []}, <code>{}</code>) from the
 * config dict, recursing into nested dicts but not into lists (Python's
 * {@code _minimize_dict}: a dict inside a list is kept whole, and a nested dict that only
 * becomes empty after minimisation is kept as <code>{}</code>); dump the result as
 * {@code json.dumps(minimized, sort_keys=True)}; take the SHA-1 of its UTF-8 bytes in
 * lower-case hex; keep the first 16 characters.
 *
 * <p>
 * The full config a catalog card stands for is built by {@link #fullConfig}, AdapterHub's
 * {@code build_config_from_yaml} for the v2 index.
 */
public final class AdapterHubConfigId {

	/** The number of hex characters AdapterHub keeps. */
	public static final int LENGTH = 16;

	private AdapterHubConfigId() {
	}

	/**
	 * Computes the {@code config_id} of a config held as plain Java values (as SnakeYAML
	 * or a JSON library produce them).
	 * @param config the full adapter config; values as accepted by Python's JSON encoder:
	 * {@code null}, booleans, strings, integral numbers (ints), {@link Double},
	 * {@link Float} or {@link BigDecimal} (floats), maps and lists
	 * @return 16 lower-case hex characters
	 * @throws IllegalArgumentException if a value has a type Python's JSON encoder
	 * refuses, or a map mixes string and number keys
	 */
	public static String of(Map<String, Object> config) {
		Objects.requireNonNull(config, "config");
		return hash(PythonJson.dumps(minimize(config)));
	}

	/**
	 * Computes the {@code config_id} of a config held as a JSON tree, with numbers typed
	 * as Python's {@code json.loads} types them (integers stay ints, so {@code 16} and
	 * {@code 16.0} give different ids, as they do in AdapterHub).
	 * @param config the full adapter config, normally an object
	 * @return 16 lower-case hex characters
	 * @throws IllegalArgumentException if the tree holds non-JSON nodes (binary, POJO)
	 */
	public static String of(JsonNode config) {
		Objects.requireNonNull(config, "config");
		return hash(PythonJson.dumps(minimize(JsonValues.plain(config))));
	}

	/**
	 * Builds the full config of an AdapterHub catalog card, as the Hub's
	 * {@code build_config_from_yaml} does for the v2 index: the architecture's
	 * {@code config} with every key of the card's {@code config} except {@code using} put
	 * over it (a shallow override; nested values replace, never merge).
	 * @param architectureConfig the {@code config} map of
	 * {@code architectures/<using>.yaml} (not its legacy {@code config_v1})
	 * @param cardConfig the {@code config} map of the adapter card, such as
	 * <code>{using: pfeiffer, reduction_factor: 2}</code>
	 * @return a new unmodifiable map: the architecture's keys in their order, then keys
	 * only the card has
	 */
	public static Map<String, Object> fullConfig(Map<String, Object> architectureConfig,
			Map<String, Object> cardConfig) {
		Map<String, Object> full = new LinkedHashMap<>(architectureConfig);
		cardConfig.forEach((key, value) -> {
			if (!"using".equals(key)) {
				full.put(key, value);
			}
		});
		return Collections.unmodifiableMap(full);
	}

	/** Python's {@code _minimize_dict}: only mappings are recursed into. */
	static Object minimize(Object value) {
		if (!(value instanceof Map<?, ?> map)) {
			return value;
		}
		Map<Object, Object> kept = new LinkedHashMap<>();
		map.forEach((key, entry) -> {
			if (truthy(entry)) {
				kept.put(key, minimize(entry));
			}
		});
		return kept;
	}

	/** Python's truth value of a JSON-like value; {@code NaN} is truthy. */
	static boolean truthy(Object value) {
		if (value == null) {
			return false;
		}
		if (value instanceof Boolean bool) {
			return bool;
		}
		if (value instanceof CharSequence text) {
			return !text.isEmpty();
		}
		if (value instanceof Collection<?> collection) {
			return !collection.isEmpty();
		}
		if (value instanceof Map<?, ?> map) {
			return !map.isEmpty();
		}
		if (value instanceof Object[] array) {
			return array.length > 0;
		}
		if (value instanceof BigInteger big) {
			return big.signum() != 0;
		}
		if (value instanceof BigDecimal decimal) {
			return decimal.signum() != 0;
		}
		if (value instanceof Double || value instanceof Float) {
			return ((Number) value).doubleValue() != 0;
		}
		if (value instanceof Number number) {
			return number.longValue() != 0;
		}
		return true;
	}

	private static String hash(String json) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-1").digest(json.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest).substring(0, LENGTH);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is required of every Java platform", ex);
		}
	}

}
