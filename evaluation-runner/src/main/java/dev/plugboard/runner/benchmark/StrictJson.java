package dev.plugboard.runner.benchmark;

import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.util.LinkedHashMap;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;

/**
 * Reads one top-level JSON object in strict mode (RFC 8259: no comments, no unquoted
 * names, no trailing content) and refuses duplicate member names, which Gson's own tree
 * parser accepts silently.
 */
final class StrictJson {

	private static final TypeAdapter<JsonElement> ELEMENT = new Gson().getAdapter(JsonElement.class);

	private StrictJson() {
	}

	/**
	 * Reads the only value of {@code source}, which must be a JSON object.
	 * @param source the JSON text
	 * @return the object's members in document order
	 * @throws IllegalArgumentException when the text is not one well-formed JSON object
	 * with distinct member names
	 */
	static Map<String, JsonElement> object(Reader source) {
		try {
			JsonReader reader = new JsonReader(source);
			reader.setStrictness(Strictness.STRICT);
			if (reader.peek() != JsonToken.BEGIN_OBJECT) {
				throw new IllegalArgumentException("expected a JSON object, found " + describe(reader.peek()));
			}
			Map<String, JsonElement> members = new LinkedHashMap<>();
			reader.beginObject();
			while (reader.hasNext()) {
				String name = reader.nextName();
				JsonElement value = ELEMENT.read(reader);
				if (members.putIfAbsent(name, value) != null) {
					throw new IllegalArgumentException("duplicate member '" + name + "'");
				}
			}
			reader.endObject();
			boolean end;
			try {
				end = reader.peek() == JsonToken.END_DOCUMENT;
			}
			catch (MalformedJsonException ex) {
				// strict mode refuses a second top-level value while peeking it
				end = false;
			}
			if (!end) {
				throw new IllegalArgumentException("unexpected content after the JSON object");
			}
			return members;
		}
		catch (EOFException ex) {
			throw new IllegalArgumentException("malformed JSON: unexpected end of input", ex);
		}
		catch (IOException | IllegalStateException | JsonParseException ex) {
			throw new IllegalArgumentException("malformed JSON: " + brief(ex.getMessage()), ex);
		}
	}

	/** Gson's message without its advice to be lenient and its troubleshooting link. */
	private static String brief(String message) {
		if (message == null) {
			return "unreadable";
		}
		String first = message.lines().findFirst().orElse(message);
		return first.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON ", "");
	}

	private static String describe(JsonToken token) {
		return switch (token) {
			case END_DOCUMENT -> "nothing";
			case BEGIN_ARRAY -> "an array";
			case STRING -> "a string";
			case NUMBER -> "a number";
			case BOOLEAN -> "a boolean";
			case NULL -> "null";
			default -> token.name().toLowerCase(java.util.Locale.ROOT);
		};
	}

}
