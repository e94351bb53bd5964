package dev.plugboard.formats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Converts Jackson trees into plain, unmodifiable Java values, and reads typed fields
 * from them without ever throwing on unexpected types.
 */
final class JsonValues {

	private JsonValues() {
	}

	/**
	 * Converts a tree the way Python's {@code json.loads} would type it: objects become
	 * insertion-ordered maps, arrays lists, integers {@link Integer}, {@link Long} or
	 * {@link java.math.BigInteger} (the smallest that fits), other numbers
	 * {@link Double}.
	 * @throws IllegalArgumentException for node types a JSON parser never produces
	 * (binary or POJO nodes)
	 */
	static Object plain(JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		if (node.isString()) {
			return node.stringValue();
		}
		if (node.isIntegralNumber()) {
			return integer(node);
		}
		if (node.isNumber()) {
			return node.doubleValue();
		}
		if (node.isObject()) {
			Map<String, Object> map = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				map.put(property.getKey(), plain(property.getValue()));
			}
			return Collections.unmodifiableMap(map);
		}
		if (node.isArray()) {
			List<Object> list = new ArrayList<>(node.size());
			for (JsonNode element : node.values()) {
				list.add(plain(element));
			}
			return Collections.unmodifiableList(list);
		}
		throw new IllegalArgumentException("Not a JSON value: " + node.getNodeType());
	}

	private static Number integer(JsonNode node) {
		java.math.BigInteger big = node.bigIntegerValue();
		if (big.bitLength() < Integer.SIZE) {
			return big.intValue();
		}
		if (big.bitLength() < Long.SIZE) {
			return big.longValue();
		}
		return big;
	}

	/** Returns the field as an object node, or {@code null}. */
	static JsonNode object(JsonNode node, String field) {
		JsonNode value = (node != null) ? node.get(field) : null;
		return (value != null && value.isObject()) ? value : null;
	}

	/** Returns the boolean field, or {@code null} if absent or not a boolean. */
	static Boolean bool(JsonNode node, String field) {
		JsonNode value = (node != null) ? node.get(field) : null;
		return (value != null && value.isBoolean()) ? value.booleanValue() : null;
	}

	/** Returns the string field, or {@code null} if absent or not a string. */
	static String string(JsonNode node, String field) {
		JsonNode value = (node != null) ? node.get(field) : null;
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	/**
	 * Returns a number that is a whole value within {@code int} range ({@code 4} or
	 * {@code 4.0}), or {@code null}.
	 */
	static Integer wholeNumber(JsonNode value) {
		if (value == null || !value.isNumber()) {
			return null;
		}
		if (value.isIntegralNumber()) {
			java.math.BigInteger big = value.bigIntegerValue();
			return (big.bitLength() < Integer.SIZE) ? big.intValue() : null;
		}
		double d = value.doubleValue();
		return (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) ? (int) d : null;
	}

	static Integer wholeNumber(JsonNode node, String field) {
		return wholeNumber((node != null) ? node.get(field) : null);
	}

	/** Returns a finite number, or {@code null}. */
	static Double finite(JsonNode value) {
		if (value == null || !value.isNumber()) {
			return null;
		}
		double d = value.doubleValue();
		return Double.isFinite(d) ? d : null;
	}

	/** Returns the field as a list of strings if it is an array of only strings. */
	static List<String> strings(JsonNode node, String field) {
		JsonNode value = (node != null) ? node.get(field) : null;
		if (value == null || !value.isArray()) {
			return null;
		}
		List<String> strings = new ArrayList<>(value.size());
		for (JsonNode element : value.values()) {
			if (!element.isString()) {
				return null;
			}
			strings.add(element.stringValue());
		}
		return List.copyOf(strings);
	}

	/**
	 * Returns the field as whole numbers: a single number gives a one-element list; an
	 * array of only whole numbers gives them in order; anything else gives {@code null}.
	 */
	static List<Integer> wholeNumbers(JsonNode node, String field) {
		JsonNode value = (node != null) ? node.get(field) : null;
		if (value == null) {
			return null;
		}
		Integer single = wholeNumber(value);
		if (single != null) {
			return List.of(single);
		}
		if (!value.isArray()) {
			return null;
		}
		List<Integer> numbers = new ArrayList<>(value.size());
		for (JsonNode element : value.values()) {
			Integer number = wholeNumber(element);
			if (number == null) {
				return null;
			}
			numbers.add(number);
		}
		return List.copyOf(numbers);
	}

}
