package dev.plugboard.formats;

import java.util.Locale;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parsing of {@code adapter_config.json} and other small JSON metadata files, and the
 * facts the registry indexes from adapter configs.
 *
 * <p>
 * Two families of config are understood: Hugging Face PEFT ({@code peft_type},
 * {@code base_model_name_or_path}) and AdapterHub {@code adapters} /
 * {@code adapter-transformers} ({@code config}, {@code model_name}).
 */
public final class AdapterConfigs {

	/** The largest document accepted, in bytes (1 MiB). */
	public static final int MAX_BYTES = 1 << 20;

	static final String KIND = "invalid-adapter-config";

	private static final JsonMapper MAPPER = StrictJson.mapper(MAX_BYTES);

	private AdapterConfigs() {
	}

	/**
	 * Parses a JSON document whose top level must be an object.
	 *
	 * <p>
	 * The document must be at most {@link #MAX_BYTES}, strictly valid UTF-8 without a
	 * byte-order mark, nested at most 64 levels deep, free of duplicate keys within an
	 * object and of content after the value. Strings (keys included) must not contain
	 * U+0000 or unpaired surrogates, which are not storable text.
	 * @param json the raw file content
	 * @return the parsed object
	 * @throws FormatException of kind {@code invalid-adapter-config} naming the problem
	 * and its location (a byte offset, a line and column, or a JSON pointer)
	 */
	public static ObjectNode parse(byte[] json) {
		JsonNode node = parseJson(json);
		if (!(node instanceof ObjectNode object)) {
			throw invalid("document", "top level must be a JSON object, not " + describe(node));
		}
		return object;
	}

	/**
	 * Parses a JSON document of any top-level type, with the same limits as
	 * {@link #parse(byte[])}. Meant for JSON metadata files that are legitimately arrays,
	 * such as sentence-transformers' {@code modules.json}.
	 * @param json the raw file content
	 * @return the parsed value
	 * @throws FormatException of kind {@code invalid-adapter-config} naming the problem
	 * and its location
	 */
	public static JsonNode parseJson(byte[] json) {
		if (json == null || json.length == 0) {
			throw invalid("document", "is empty");
		}
		if (json.length > MAX_BYTES) {
			throw invalid("document", "is " + json.length + " bytes, more than the limit of " + MAX_BYTES);
		}
		Violation encoding = StrictJson.encodingProblem(json);
		if (encoding != null) {
			throw invalid(encoding.subject(), encoding.reason());
		}
		JsonNode node = readTree(json);
		Violations violations = new Violations();
		checkText(node, "", violations);
		if (!violations.isEmpty()) {
			throw violations.toException(KIND, "Invalid JSON document");
		}
		return node;
	}

	private static JsonNode readTree(byte[] json) {
		JsonParser parser = MAPPER.createParser(json);
		try (parser) {
			JsonNode node = MAPPER.readTree(parser);
			if (node == null || node.isMissingNode()) {
				throw invalid("document", "is empty");
			}
			// Reading from a parser leaves trailing content to the caller.
			if (parser.nextToken() != null) {
				throw invalid(StrictJson.where(parser.currentTokenLocation()),
						"is not valid JSON: content after the end of the value");
			}
			return node;
		}
		catch (JacksonException ex) {
			Violation syntax = StrictJson.syntaxViolation(ex, parser);
			throw invalid(syntax.subject(), "is not valid JSON: " + syntax.reason());
		}
	}

	/**
	 * Names the adaptation method of a config, best effort.
	 *
	 * <p>
	 * For PEFT this is {@code peft_type} in lower case ({@code LORA} gives {@code lora},
	 * {@code PREFIX_TUNING} gives {@code prefix_tuning}). For AdapterHub it is the name
	 * of the {@code adapters} library config: {@code config.architecture} for
	 * non-bottleneck methods ({@code lora}, {@code ia3}, {@code prefix_tuning},
	 * {@code prompt_tuning}, {@code reft}, {@code union}), and for bottleneck adapters
	 * the named config the fields match ({@code seq_bn}, {@code double_seq_bn},
	 * {@code par_bn}, {@code compacter}, {@code compacter++}, with {@code _inv} for
	 * invertible adapters). A config given by name maps legacy names to current ones:
	 * {@code pfeiffer} to {@code seq_bn}, {@code houlsby} to {@code double_seq_bn},
	 * {@code pfeiffer+inv} to {@code seq_bn_inv}, {@code houlsby+inv} to
	 * {@code double_seq_bn_inv}.
	 * @param config a parsed config
	 * @return a lower-case id of at most 64 characters from {@code [a-z0-9_+-]}, or
	 * {@code null} if the method is not recognisable
	 */
	public static String method(ObjectNode config) {
		String peftType = text(config, "peft_type");
		if (peftType != null) {
			return AdapterMethods.safeId(peftType.toLowerCase(Locale.ROOT));
		}
		JsonNode adapterHub = config.get("config");
		if (adapterHub != null && adapterHub.isString()) {
			return AdapterMethods.ofName(adapterHub.stringValue());
		}
		if (adapterHub instanceof ObjectNode object) {
			return AdapterMethods.ofConfig(object);
		}
		return null;
	}

	/**
	 * Names the base model a config adapts, as written in it.
	 * @param config a parsed config
	 * @return PEFT's {@code base_model_name_or_path}, else AdapterHub's
	 * {@code model_name}, else {@code null}; never blank
	 */
	public static String baseModel(ObjectNode config) {
		String peft = text(config, "base_model_name_or_path");
		return (peft != null) ? peft : text(config, "model_name");
	}

	/** Returns a non-blank string field, or {@code null}. */
	static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString() && !value.stringValue().isBlank()) ? value.stringValue() : null;
	}

	private static void checkText(JsonNode node, String pointer, Violations violations) {
		if (node.isString()) {
			String problem = StrictJson.textProblem(node.stringValue());
			if (problem != null) {
				violations.add(subject(pointer), "string " + problem);
			}
		}
		else if (node.isObject()) {
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				String child = pointer + "/" + escapePointer(property.getKey());
				String problem = StrictJson.textProblem(property.getKey());
				if (problem != null) {
					violations.add(subject(child), "key " + problem);
				}
				checkText(property.getValue(), child, violations);
			}
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				checkText(node.get(i), pointer + "/" + i, violations);
			}
		}
	}

	private static String subject(String pointer) {
		return Violations.shown(pointer.isEmpty() ? "/" : pointer);
	}

	/** Escapes a key for a JSON pointer (RFC 6901). */
	private static String escapePointer(String key) {
		return key.replace("~", "~0").replace("/", "~1");
	}

	private static String describe(JsonNode node) {
		if (node.isArray()) {
			return "an array";
		}
		if (node.isString()) {
			return "a string";
		}
		if (node.isNumber()) {
			return "a number";
		}
		if (node.isBoolean()) {
			return "a boolean";
		}
		return "null";
	}

	private static FormatException invalid(String subject, String reason) {
		Violations violations = new Violations();
		violations.add(subject, reason);
		return violations.toException(KIND, "Invalid JSON document");
	}

}
