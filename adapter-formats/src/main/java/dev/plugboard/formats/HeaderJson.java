package dev.plugboard.formats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the JSON of a safetensors header into raw entries, checking types but not layout.
 *
 * <p>
 * The header is streamed rather than read as a tree: a tree costs several times the
 * memory of the text, and the header may legally be 100 MB. Unknown fields of a tensor
 * entry are skipped, as the reference implementation does.
 */
final class HeaderJson {

	static final String METADATA_KEY = "__metadata__";

	private static final JsonMapper MAPPER = StrictJson.mapper(SafetensorsHeader.MAX_HEADER_BYTES);

	private HeaderJson() {
	}

	/** A tensor entry whose fields have the right JSON types. */
	record Entry(String name, String dtype, long[] shape, long begin, long end) {
	}

	record Content(List<Entry> entries, Map<String, String> metadata) {
	}

	/**
	 * Parses the header bytes, adding type problems to {@code violations}.
	 * @throws FormatException if the bytes are not a single UTF-8 JSON object
	 */
	static Content parse(byte[] header, Violations violations) {
		if (header.length == 0 || header[0] != '{') {
			violations.add("header", "must start with '{'");
			throw SafetensorsHeader.invalid(violations);
		}
		Violation encoding = StrictJson.encodingProblem(header);
		if (encoding != null) {
			violations.add("header " + encoding.subject(), encoding.reason());
			throw SafetensorsHeader.invalid(violations);
		}
		JsonParser parser = MAPPER.createParser(header);
		try (parser) {
			parser.nextToken();
			List<Entry> entries = new ArrayList<>();
			Map<String, String> metadata = new LinkedHashMap<>();
			String name;
			while ((name = parser.nextName()) != null) {
				parser.nextToken();
				if (name.equals(METADATA_KEY)) {
					readMetadata(parser, metadata, violations);
				}
				else {
					Entry entry = readEntry(name, parser, violations);
					if (entry != null) {
						entries.add(entry);
					}
				}
			}
			if (parser.nextToken() != null) {
				violations.add("header " + StrictJson.where(parser.currentTokenLocation()),
						"is not valid JSON: content after the end of the object");
			}
			return new Content(entries, metadata);
		}
		catch (JacksonException ex) {
			Violation syntax = StrictJson.syntaxViolation(ex, parser);
			violations.add("header " + syntax.subject(), "is not valid JSON: " + syntax.reason());
			throw SafetensorsHeader.invalid(violations);
		}
	}

	private static void readMetadata(JsonParser parser, Map<String, String> metadata, Violations violations) {
		// The reference implementation reads __metadata__ as an optional map, so null is
		// the same as absent.
		if (parser.currentToken() == JsonToken.VALUE_NULL) {
			return;
		}
		if (parser.currentToken() != JsonToken.START_OBJECT) {
			violations.add(METADATA_KEY, "must be an object mapping strings to strings");
			parser.skipChildren();
			return;
		}
		String key;
		while ((key = parser.nextName()) != null) {
			JsonToken token = parser.nextToken();
			String shownKey = Violations.shown(key);
			if (token != JsonToken.VALUE_STRING) {
				violations.add(METADATA_KEY, "value of '" + shownKey + "' must be a string");
				parser.skipChildren();
				continue;
			}
			String value = parser.getString();
			String problem = firstTextProblem(key, value);
			if (problem != null) {
				violations.add(METADATA_KEY, "entry '" + shownKey + "' " + problem);
				continue;
			}
			metadata.put(key, value);
		}
	}

	private static Entry readEntry(String name, JsonParser parser, Violations violations) {
		String subject = Violations.shown(name);
		String nameProblem = StrictJson.textProblem(name);
		if (nameProblem != null) {
			violations.add(subject, "tensor name " + nameProblem);
			parser.skipChildren();
			return null;
		}
		if (parser.currentToken() != JsonToken.START_OBJECT) {
			violations.add(subject, "must be an object with dtype, shape and data_offsets");
			parser.skipChildren();
			return null;
		}
		int before = violations.size();
		String dtype = null;
		long[] shape = null;
		long[] offsets = null;
		String field;
		while ((field = parser.nextName()) != null) {
			JsonToken token = parser.nextToken();
			switch (field) {
				case "dtype" -> {
					if (token == JsonToken.VALUE_STRING) {
						dtype = parser.getString();
					}
					else {
						violations.add(subject, "dtype must be a string");
						parser.skipChildren();
					}
				}
				case "shape" -> shape = readNaturals(parser, subject, "shape", violations);
				case "data_offsets" -> offsets = readNaturals(parser, subject, "data_offsets", violations);
				default -> parser.skipChildren();
			}
		}
		if (violations.size() > before) {
			return null;
		}
		if (dtype == null || shape == null || offsets == null) {
			violations.add(subject, "missing " + missing(dtype, shape, offsets));
			return null;
		}
		if (offsets.length != 2) {
			violations.add(subject, "data_offsets must be [begin, end], not " + offsets.length + " numbers");
			return null;
		}
		return new Entry(name, dtype, shape, offsets[0], offsets[1]);
	}

	private static String missing(String dtype, long[] shape, long[] offsets) {
		List<String> names = new ArrayList<>();
		if (dtype == null) {
			names.add("dtype");
		}
		if (shape == null) {
			names.add("shape");
		}
		if (offsets == null) {
			names.add("data_offsets");
		}
		return String.join(", ", names);
	}

	/**
	 * Reads an array of non-negative integers that fit in a long; adds a violation and
	 * returns {@code null} otherwise.
	 */
	private static long[] readNaturals(JsonParser parser, String subject, String field, Violations violations) {
		String problem = field + " must be an array of non-negative integers";
		if (parser.currentToken() != JsonToken.START_ARRAY) {
			violations.add(subject, problem);
			parser.skipChildren();
			return null;
		}
		long[] values = new long[4];
		int count = 0;
		boolean valid = true;
		JsonToken token;
		while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
			if (token != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
					|| parser.getLongValue() < 0) {
				// Keep reading so the parser ends after the array, but report only once.
				valid = false;
				parser.skipChildren();
				continue;
			}
			if (count == values.length) {
				values = Arrays.copyOf(values, count * 2);
			}
			values[count++] = parser.getLongValue();
		}
		if (!valid) {
			violations.add(subject, problem);
			return null;
		}
		return Arrays.copyOf(values, count);
	}

	private static String firstTextProblem(String key, String value) {
		String problem = StrictJson.textProblem(key);
		if (problem != null) {
			return "key " + problem;
		}
		problem = StrictJson.textProblem(value);
		return (problem != null) ? "value " + problem : null;
	}

}
