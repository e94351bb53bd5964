package dev.plugboard.registry.evaluation.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.plugboard.registry.system.InvalidRequestException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the runner protocol's JSON bodies field by field, with a clear error for each bad
 * field. Unknown fields are ignored, so a newer runner can talk to an older hub.
 */
final class Bodies {

	private static final int MAX_JSON_CHARS = 64 * 1024;

	private Bodies() {
	}

	static ObjectNode object(JsonNode body, boolean required) {
		if (body == null || body.isNull() || body.isMissingNode()) {
			if (required) {
				throw new InvalidRequestException("malformed-body", "The request needs a JSON object body");
			}
			return null;
		}
		if (!body.isObject()) {
			throw new InvalidRequestException("malformed-body", "The request body must be a JSON object");
		}
		return (ObjectNode) body;
	}

	static String string(ObjectNode body, String field, boolean required, int maxLength) {
		JsonNode value = body.get(field);
		if (value == null || value.isNull()) {
			if (required) {
				throw new InvalidRequestException("'" + field + "' is required");
			}
			return null;
		}
		if (!value.isString() || (required && value.stringValue().isBlank())) {
			throw new InvalidRequestException("'" + field + "' must be a non-empty string");
		}
		if (value.stringValue().length() > maxLength) {
			throw new InvalidRequestException("'" + field + "' is longer than " + maxLength + " characters");
		}
		return value.stringValue();
	}

	static UUID uuid(ObjectNode body, String field) {
		String text = string(body, field, true, 64);
		try {
			return UUID.fromString(text);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("'" + field + "' must be the UUID the hub gave, not '" + text + "'");
		}
	}

	static Long nonNegativeLong(ObjectNode body, String field) {
		JsonNode value = body.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
			throw new InvalidRequestException("'" + field + "' must be a non-negative integer");
		}
		return value.longValue();
	}

	static Double nonNegativeNumber(ObjectNode body, String field) {
		JsonNode value = body.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isNumber() || !Double.isFinite(value.doubleValue()) || value.doubleValue() < 0) {
			throw new InvalidRequestException("'" + field + "' must be a non-negative number");
		}
		return value.doubleValue();
	}

	static boolean bool(ObjectNode body, String field, boolean fallback) {
		JsonNode value = body.get(field);
		if (value == null || value.isNull()) {
			return fallback;
		}
		if (!value.isBoolean()) {
			throw new InvalidRequestException("'" + field + "' must be true or false");
		}
		return value.booleanValue();
	}

	static List<String> strings(ObjectNode body, String field, int maxItems) {
		JsonNode value = body.get(field);
		if (value == null || value.isNull()) {
			return List.of();
		}
		if (!value.isArray() || value.size() > maxItems) {
			throw new InvalidRequestException("'" + field + "' must be an array of at most " + maxItems + " strings");
		}
		List<String> items = new ArrayList<>();
		for (JsonNode item : value) {
			if (!item.isString() || item.stringValue().length() > 256) {
				throw new InvalidRequestException("'" + field + "' must hold strings of at most 256 characters");
			}
			items.add(item.stringValue());
		}
		return items;
	}

	/** A JSON object of any content, bounded in size. */
	static JsonNode objectField(ObjectNode body, String field) {
		JsonNode value = body.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isObject()) {
			throw new InvalidRequestException("'" + field + "' must be a JSON object");
		}
		if (value.toString().length() > MAX_JSON_CHARS) {
			throw new InvalidRequestException("'" + field + "' is larger than " + MAX_JSON_CHARS + " characters");
		}
		return value;
	}

	/** A JSON object of name → finite number. */
	static Map<String, Double> numbers(ObjectNode body, String field, boolean required) {
		JsonNode value = body.get(field);
		if (value == null || value.isNull()) {
			if (required) {
				throw new InvalidRequestException("'" + field + "' is required: an object of name → number");
			}
			return null;
		}
		if (!value.isObject() || value.size() > 100) {
			throw new InvalidRequestException("'" + field + "' must be an object of at most 100 name → number");
		}
		Map<String, Double> numbers = new LinkedHashMap<>();
		for (String name : value.propertyNames()) {
			JsonNode number = value.get(name);
			if (name.isEmpty() || name.length() > 64 || !number.isNumber() || !Double.isFinite(number.doubleValue())) {
				throw new InvalidRequestException("'" + field + "." + name + "' must be a finite number");
			}
			numbers.put(name, number.doubleValue());
		}
		if (required && numbers.isEmpty()) {
			throw new InvalidRequestException("'" + field + "' must hold at least one value");
		}
		return numbers;
	}

}
