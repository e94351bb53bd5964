package dev.plugboard.registry.adapter.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.plugboard.formats.AdapterConfigs;
import dev.plugboard.registry.adapter.AdapterMetadata;
import dev.plugboard.registry.adapter.AdapterMetadata.Change;
import dev.plugboard.registry.system.InvalidRequestException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads repository metadata from a JSON body, field by field, with a clear error for each
 * bad field. Fields absent from a PATCH stay as they are; {@code null} clears them.
 */
public final class MetadataRequests {

	private static final Set<String> FIELDS = Set.of("description", "model_name", "model_type", "method",
			"adapter_config", "type", "task", "subtask", "languages", "license", "tags", "author", "citation", "links");

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,127}");

	private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/+-]{0,255}");

	private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{1,8})*");

	private static final int MAX_DESCRIPTION = 1_000_000;

	private static final int MAX_TEXT = 10_000;

	private MetadataRequests() {
	}

	static ObjectNode object(JsonNode body) {
		if (body == null || !body.isObject()) {
			throw new InvalidRequestException("malformed-body", "The request body must be a JSON object");
		}
		return (ObjectNode) body;
	}

	static String requiredString(ObjectNode body, String field) {
		JsonNode value = body.get(field);
		if (value == null || !value.isString()) {
			throw new InvalidRequestException("The field '" + field + "' is required and must be a string");
		}
		return value.stringValue();
	}

	/**
	 * Reads and checks repository metadata fields (the REST API's, and the upload
	 * page's).
	 * @param alsoAllowed other fields the caller reads itself
	 */
	public static AdapterMetadata metadata(ObjectNode body, Set<String> alsoAllowed) {
		List<String> unknown = new ArrayList<>();
		for (String field : body.propertyNames()) {
			if (!FIELDS.contains(field) && !alsoAllowed.contains(field)) {
				unknown.add(field);
			}
		}
		if (!unknown.isEmpty()) {
			throw new InvalidRequestException("Unknown fields " + unknown + "; known fields are " + FIELDS);
		}
		return new AdapterMetadata(text(body, "description", MAX_DESCRIPTION), pattern(body, "model_name", MODEL_NAME),
				pattern(body, "model_type", IDENTIFIER), pattern(body, "method", IDENTIFIER), config(body), null,
				adapterType(body), pattern(body, "task", IDENTIFIER), pattern(body, "subtask", IDENTIFIER),
				languages(body), text(body, "license", 256), tags(body), text(body, "author", MAX_TEXT),
				text(body, "citation", MAX_TEXT), links(body));
	}

	private static Change<String> text(ObjectNode body, String field, int maxLength) {
		if (!body.has(field)) {
			return null;
		}
		JsonNode value = body.get(field);
		if (value.isNull()) {
			return new Change<>(null);
		}
		if (!value.isString()) {
			throw new InvalidRequestException("'" + field + "' must be a string");
		}
		if (value.stringValue().length() > maxLength) {
			throw new InvalidRequestException("'" + field + "' is longer than " + maxLength + " characters");
		}
		return new Change<>(value.stringValue());
	}

	private static Change<String> pattern(ObjectNode body, String field, Pattern pattern) {
		Change<String> change = text(body, field, 256);
		if (change != null && change.value() != null && !pattern.matcher(change.value()).matches()) {
			throw new InvalidRequestException(
					"'" + field + "' must match " + pattern.pattern() + "; got '" + change.value() + "'");
		}
		return change;
	}

	private static Change<String> adapterType(ObjectNode body) {
		Change<String> change = text(body, "type", 32);
		if (change != null && change.value() != null && !Set.of("text_task", "text_lang").contains(change.value())) {
			throw new InvalidRequestException("'type' must be text_task or text_lang (AdapterHub's adapter types)");
		}
		return change;
	}

	private static Change<String> config(ObjectNode body) {
		if (!body.has("adapter_config")) {
			return null;
		}
		JsonNode value = body.get("adapter_config");
		if (value.isNull()) {
			return new Change<>(null);
		}
		if (!value.isObject()) {
			throw new InvalidRequestException("'adapter_config' must be a JSON object");
		}
		String json = value.toString();
		if (json.length() > AdapterConfigs.MAX_BYTES) {
			throw new InvalidRequestException("'adapter_config' is larger than " + AdapterConfigs.MAX_BYTES + " bytes");
		}
		return new Change<>(json);
	}

	private static Change<List<String>> languages(ObjectNode body) {
		Change<List<String>> change = strings(body, "languages", 200, 32);
		if (change != null) {
			for (String language : change.value()) {
				if (!LANGUAGE.matcher(language).matches()) {
					throw new InvalidRequestException(
							"'languages' holds ISO 639 codes such as en or zh-yue; got '" + language + "'");
				}
			}
		}
		return change;
	}

	private static Change<List<String>> tags(ObjectNode body) {
		Change<List<String>> change = strings(body, "tags", 100, 64);
		if (change != null) {
			for (String tag : change.value()) {
				if (tag.isBlank() || tag.chars().anyMatch(Character::isISOControl)) {
					throw new InvalidRequestException("'tags' must be non-blank printable strings");
				}
			}
		}
		return change;
	}

	private static Change<List<String>> strings(ObjectNode body, String field, int maxItems, int maxLength) {
		if (!body.has(field)) {
			return null;
		}
		JsonNode value = body.get(field);
		if (value.isNull()) {
			return new Change<>(List.of());
		}
		if (!value.isArray() || value.size() > maxItems) {
			throw new InvalidRequestException("'" + field + "' must be an array of at most " + maxItems + " strings");
		}
		List<String> result = new ArrayList<>();
		for (JsonNode item : value) {
			if (!item.isString() || item.stringValue().length() > maxLength) {
				throw new InvalidRequestException(
						"'" + field + "' must hold strings of at most " + maxLength + " characters");
			}
			if (!result.contains(item.stringValue())) {
				result.add(item.stringValue());
			}
		}
		return new Change<>(result);
	}

	private static Change<String> links(ObjectNode body) {
		if (!body.has("links")) {
			return null;
		}
		JsonNode value = body.get("links");
		if (value.isNull()) {
			return new Change<>(null);
		}
		if (!value.isObject() || value.size() > 20) {
			throw new InvalidRequestException("'links' must be an object of at most 20 name → URL entries");
		}
		for (Map.Entry<String, JsonNode> link : value.properties()) {
			if (!link.getValue().isString() || !isWebUrl(link.getValue().stringValue())) {
				throw new InvalidRequestException("Link '" + link.getKey() + "' must be an http or https URL");
			}
		}
		return new Change<>(value.toString());
	}

	private static boolean isWebUrl(String value) {
		try {
			URI uri = new URI(value);
			return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
					&& value.length() <= 2048;
		}
		catch (java.net.URISyntaxException ex) {
			return false;
		}
	}

}
