package dev.plugboard.formats;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Serialises plain Java values exactly as CPython's {@code json.dumps(value,
 * sort_keys=True)} does with its default arguments, so that hashes over the text match
 * hashes computed in Python.
 *
 * <p>
 * The defaults reproduced are: separators {@code ", "} and {@code ": "};
 * {@code ensure_ascii=True} (every character outside printable ASCII is written as a
 * lower-case <code>&#92;uXXXX</code> escape, astral characters as a surrogate pair);
 * {@code allow_nan=True} ({@code NaN}, {@code Infinity}, {@code -Infinity}); floats in
 * Python's {@code repr} form (shortest round-tripping digits, {@code 2.0} keeps its
 * {@code .0}, {@code 1e-05} and {@code 1e+16} in exponent form); and keys sorted as
 * Python sorts them (strings by code point, numbers numerically; non-string keys are then
 * written as Python converts them).
 *
 * <p>
 * Accepted values: {@code null}, {@link Boolean}, {@link String}, {@link Character},
 * {@link Byte}, {@link Short}, {@link Integer}, {@link Long}, {@link BigInteger},
 * {@link Float}, {@link Double}, {@link BigDecimal} (as a Python float), {@link Map}s and
 * {@link Collection}s or arrays of these. Anything else, and a map whose keys mix strings
 * with numbers (Python cannot sort them), is refused with an
 * {@link IllegalArgumentException}, as Python refuses it with a {@code TypeError}.
 */
final class PythonJson {

	private static final int MAX_DEPTH = 200;

	private PythonJson() {
	}

	/**
	 * Dumps {@code value} as {@code json.dumps(value, sort_keys=True)} would.
	 * @throws IllegalArgumentException for values Python's encoder refuses, or nesting
	 * deeper than 200 levels
	 */
	static String dumps(Object value) {
		StringBuilder out = new StringBuilder();
		write(value, out, 0);
		return out.toString();
	}

	private static void write(Object value, StringBuilder out, int depth) {
		if (depth > MAX_DEPTH) {
			throw new IllegalArgumentException("Nested deeper than " + MAX_DEPTH + " levels");
		}
		if (value == null) {
			out.append("null");
		}
		else if (value instanceof Boolean bool) {
			out.append(bool ? "true" : "false");
		}
		else if (value instanceof CharSequence || value instanceof Character) {
			string(value.toString(), out);
		}
		else if (value instanceof Number number) {
			out.append(number(number));
		}
		else if (value instanceof Map<?, ?> map) {
			object(map, out, depth);
		}
		else if (value instanceof Collection<?> collection) {
			array(collection, out, depth);
		}
		else if (value instanceof Object[] array) {
			array(List.of(array), out, depth);
		}
		else {
			throw new IllegalArgumentException(
					"Object of type " + value.getClass().getSimpleName() + " is not JSON serializable");
		}
	}

	private static void array(Collection<?> values, StringBuilder out, int depth) {
		out.append('[');
		boolean first = true;
		for (Object element : values) {
			if (!first) {
				out.append(", ");
			}
			first = false;
			write(element, out, depth + 1);
		}
		out.append(']');
	}

	private static void object(Map<?, ?> map, StringBuilder out, int depth) {
		List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
		entries.sort(Comparator.comparing(Map.Entry::getKey, keyOrder(map.keySet())));
		out.append('{');
		boolean first = true;
		for (Map.Entry<?, ?> entry : entries) {
			if (!first) {
				out.append(", ");
			}
			first = false;
			string(key(entry.getKey()), out);
			out.append(": ");
			write(entry.getValue(), out, depth + 1);
		}
		out.append('}');
	}

	/**
	 * Python's {@code sorted()} over the keys: strings compare by code point, numbers
	 * (booleans included) numerically; mixing the two fails.
	 */
	private static Comparator<Object> keyOrder(Collection<?> keys) {
		boolean strings = false;
		boolean numbers = false;
		for (Object key : keys) {
			if (key instanceof CharSequence || key instanceof Character) {
				strings = true;
			}
			else if (key instanceof Number || key instanceof Boolean) {
				numbers = true;
			}
			else if (key != null) {
				throw new IllegalArgumentException(
						"keys must be str, int, float, bool or None, not " + key.getClass().getSimpleName());
			}
			else if (keys.size() > 1) {
				// None is not orderable against anything in Python 3.
				throw new IllegalArgumentException("'<' not supported between a None key and another key");
			}
		}
		if (strings && numbers) {
			throw new IllegalArgumentException("'<' not supported between instances of 'int' and 'str'");
		}
		if (numbers) {
			return Comparator.comparing(PythonJson::numericKey);
		}
		return (a, b) -> (a == null || b == null) ? 0 : compareCodePoints(a.toString(), b.toString());
	}

	private static BigDecimal numericKey(Object key) {
		if (key instanceof Boolean bool) {
			return bool ? BigDecimal.ONE : BigDecimal.ZERO;
		}
		Number number = (Number) key;
		if (isFloat(number)) {
			double d = number.doubleValue();
			if (Double.isNaN(d) || Double.isInfinite(d)) {
				throw new IllegalArgumentException("Cannot sort the non-finite key " + d);
			}
			return new BigDecimal(d);
		}
		return new BigDecimal(integer(number));
	}

	/** How {@code json.dumps} turns a permitted non-string key into a string. */
	private static String key(Object key) {
		if (key == null) {
			return "null";
		}
		if (key instanceof Boolean bool) {
			return bool ? "true" : "false";
		}
		if (key instanceof Number number) {
			return number(number);
		}
		return key.toString();
	}

	static int compareCodePoints(String a, String b) {
		int i = 0;
		int j = 0;
		while (i < a.length() && j < b.length()) {
			int ca = a.codePointAt(i);
			int cb = b.codePointAt(j);
			if (ca != cb) {
				return Integer.compare(ca, cb);
			}
			i += Character.charCount(ca);
			j += Character.charCount(cb);
		}
		return Boolean.compare(i < a.length(), j < b.length());
	}

	private static String number(Number number) {
		if (isFloat(number)) {
			return floatRepr(number.doubleValue());
		}
		return integer(number).toString();
	}

	private static boolean isFloat(Number number) {
		return number instanceof Double || number instanceof Float || number instanceof BigDecimal;
	}

	private static BigInteger integer(Number number) {
		if (number instanceof BigInteger big) {
			return big;
		}
		if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte) {
			return BigInteger.valueOf(number.longValue());
		}
		throw new IllegalArgumentException(
				"Object of type " + number.getClass().getSimpleName() + " is not JSON serializable");
	}

	/**
	 * Python's {@code float.__repr__} as the json module uses it: the shortest digits
	 * that round-trip, in fixed notation when the decimal exponent is between -4 and 16,
	 * otherwise as {@code d.ddde±XX}.
	 */
	static String floatRepr(double value) {
		if (Double.isNaN(value)) {
			return "NaN";
		}
		if (Double.isInfinite(value)) {
			return (value > 0) ? "Infinity" : "-Infinity";
		}
		String sign = (Double.doubleToRawLongBits(value) < 0) ? "-" : "";
		if (value == 0) {
			return sign + "0.0";
		}
		BigDecimal shortest = shortestDigits(Math.abs(value));
		String digits = shortest.unscaledValue().toString();
		// value = 0.d1d2...dn * 10^point
		int point = digits.length() - shortest.scale();
		StringBuilder out = new StringBuilder(sign);
		if (point > -4 && point <= 16) {
			if (point <= 0) {
				out.append("0.").append("0".repeat(-point)).append(digits);
			}
			else if (point < digits.length()) {
				out.append(digits, 0, point).append('.').append(digits, point, digits.length());
			}
			else {
				out.append(digits).append("0".repeat(point - digits.length())).append(".0");
			}
		}
		else {
			out.append(digits.charAt(0));
			if (digits.length() > 1) {
				out.append('.').append(digits, 1, digits.length());
			}
			int exponent = point - 1;
			out.append('e').append((exponent < 0) ? '-' : '+');
			int magnitude = Math.abs(exponent);
			if (magnitude < 10) {
				out.append('0');
			}
			out.append(magnitude);
		}
		return out.toString();
	}

	/**
	 * The shortest decimal that reads back as {@code value}, and of those the closest, as
	 * David Gay's {@code dtoa} (mode 0) in CPython chooses it.
	 */
	private static BigDecimal shortestDigits(double value) {
		// Since JDK 19, Double.toString gives the shortest round-tripping decimal, except
		// that it never gives fewer than two digits: where one digit is enough it picks
		// the closest two-digit decimal (4.9E-324 where Python writes 5e-324).
		BigDecimal shortest = new BigDecimal(Double.toString(value)).stripTrailingZeros();
		if (shortest.precision() != 2) {
			return shortest;
		}
		BigDecimal exact = new BigDecimal(value);
		BigDecimal best = null;
		for (RoundingMode mode : new RoundingMode[] { RoundingMode.FLOOR, RoundingMode.CEILING }) {
			BigDecimal candidate = shortest.round(new MathContext(1, mode));
			if (Double.parseDouble(candidate.toString()) != value) {
				continue;
			}
			if (best == null) {
				best = candidate;
				continue;
			}
			int closer = candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs());
			if (closer < 0 || (closer == 0 && !candidate.unscaledValue().testBit(0))) {
				best = candidate;
			}
		}
		return (best != null) ? best.stripTrailingZeros() : shortest;
	}

	/** A JSON string literal with {@code ensure_ascii} escaping. */
	private static void string(String s, StringBuilder out) {
		out.append('"');
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				case '\b' -> out.append("\\b");
				case '\f' -> out.append("\\f");
				default -> {
					if (c >= 0x20 && c < 0x7f) {
						out.append(c);
					}
					else {
						out.append(String.format("\\u%04x", (int) c));
					}
				}
			}
		}
		out.append('"');
	}

}
