package dev.plugboard.formats;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jackson configured for untrusted JSON, and the checks Jackson does not make itself.
 *
 * <p>
 * Jackson guesses the encoding of a byte array (UTF-16 and UTF-32 by BOM or zero bytes)
 * and skips a UTF-8 BOM; it also accepts malformed UTF-8 in some places. The documents
 * handled here must be plain UTF-8, so bytes are checked with the JDK's strict decoder
 * first, and NUL bytes (never valid in JSON text, and the signal for UTF-16/32 guessing)
 * are refused before Jackson sees them.
 */
final class StrictJson {

	static final int MAX_NESTING_DEPTH = 64;

	private static final int MAX_NUMBER_LENGTH = 100;

	private static final int MAX_REASON_CHARS = 200;

	private StrictJson() {
	}

	/**
	 * A mapper whose every limit is bounded by {@code maxDocumentBytes}: a document of
	 * that size cannot hold a longer string or name anyway, so the limits only cut off
	 * pathological input early.
	 */
	static JsonMapper mapper(long maxDocumentBytes) {
		int maxText = (int) Math.min(maxDocumentBytes, Integer.MAX_VALUE);
		StreamReadConstraints constraints = StreamReadConstraints.builder()
			.maxNestingDepth(MAX_NESTING_DEPTH)
			.maxDocumentLength(maxDocumentBytes)
			.maxStringLength(maxText)
			.maxNameLength(maxText)
			.maxNumberLength(MAX_NUMBER_LENGTH)
			.build();
		JsonFactory factory = JsonFactory.builder()
			.streamReadConstraints(constraints)
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
			.build();
		// Callers read from their own parser and check for trailing content themselves,
		// which DeserializationFeature.FAIL_ON_TRAILING_TOKENS would not do for them.
		return JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY).build();
	}

	/**
	 * Checks that {@code bytes} are JSON text Jackson will read as UTF-8.
	 * @return {@code null}, or a violation naming the first offending byte
	 */
	static Violation encodingProblem(byte[] bytes) {
		if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
			return new Violation("byte 0", "starts with a byte-order mark; JSON must be plain UTF-8");
		}
		int malformed = firstMalformedUtf8(bytes);
		if (malformed >= 0) {
			return new Violation("byte " + malformed, "is not valid UTF-8");
		}
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == 0) {
				return new Violation("byte " + i, "is a NUL byte, which JSON does not allow");
			}
		}
		return null;
	}

	private static int firstMalformedUtf8(byte[] bytes) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(bytes);
		// Decoding into a small reused buffer validates without holding a copy of the
		// text.
		CharBuffer out = CharBuffer.allocate(8192);
		while (true) {
			CoderResult result = decoder.decode(in, out, true);
			if (result.isError()) {
				return in.position();
			}
			if (result.isOverflow()) {
				out.clear();
				continue;
			}
			return -1;
		}
	}

	/**
	 * Checks a string value or property name for text that is not valid Unicode or that
	 * databases refuse to store (PostgreSQL rejects U+0000 in text and jsonb).
	 * @return {@code null}, or the reason the string is refused
	 */
	static String textProblem(String s) {
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c == 0) {
				return "contains U+0000, which cannot be stored";
			}
			if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return "contains an unpaired UTF-16 surrogate escape, which is not valid Unicode";
			}
		}
		return null;
	}

	/**
	 * Describes a Jackson failure by its location and original message, without source
	 * text. Constraint violations carry no location, so the parser's position is used.
	 */
	static Violation syntaxViolation(JacksonException ex, JsonParser parser) {
		TokenStreamLocation location = ex.getLocation();
		if (location == null || location.getLineNr() <= 0) {
			location = parser.currentLocation();
		}
		String reason = ex.getOriginalMessage();
		if (reason == null || reason.isBlank()) {
			reason = ex.getClass().getSimpleName();
		}
		int newline = reason.indexOf('\n');
		if (newline >= 0) {
			reason = reason.substring(0, newline);
		}
		// Jackson quotes offending tokens, which are attacker-controlled text.
		return new Violation(where(location), Violations.shown(reason, MAX_REASON_CHARS));
	}

	static String where(TokenStreamLocation location) {
		return (location != null && location.getLineNr() > 0)
				? "line " + location.getLineNr() + ", column " + location.getColumnNr() : "document";
	}

}
