package dev.plugboard.search;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Opaque, tamper-evident page cursors: base64url of a version byte, the offset of the
 * next page and a SHA-256 checksum over the offset and the whole query (text, filters,
 * mode, sort, limit). A cursor with a changed offset, or used with another query, fails
 * the checksum. The checksum protects integrity, not secrecy: a forged cursor can only
 * ask for an offset any client may page to. Cursors stay valid across restarts and
 * rebuilds (an offset into a changed index may skip or repeat a document, as with any
 * offset paging).
 */
final class Cursors {

	private static final byte VERSION = 1;

	private static final int CHECKSUM_BYTES = 12;

	private static final int LENGTH = 1 + Integer.BYTES + CHECKSUM_BYTES;

	private Cursors() {
	}

	static String encode(int offset, SearchQuery query) {
		ByteBuffer buffer = ByteBuffer.allocate(LENGTH);
		buffer.put(VERSION).putInt(offset).put(checksum(offset, query));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
	}

	/**
	 * Reads the offset from a cursor of this query.
	 * @throws InvalidSearchException if the cursor is malformed, altered or belongs to
	 * another query
	 */
	static int decode(String cursor, SearchQuery query) {
		byte[] bytes;
		try {
			bytes = Base64.getUrlDecoder().decode(cursor);
		}
		catch (IllegalArgumentException ex) {
			throw invalid();
		}
		if (bytes.length != LENGTH || bytes[0] != VERSION) {
			throw invalid();
		}
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		buffer.get();
		int offset = buffer.getInt();
		byte[] checksum = Arrays.copyOfRange(bytes, 1 + Integer.BYTES, LENGTH);
		if (offset < 0 || !MessageDigest.isEqual(checksum, checksum(offset, query))) {
			throw invalid();
		}
		return offset;
	}

	private static InvalidSearchException invalid() {
		return new InvalidSearchException(
				"The cursor is invalid: it was altered or belongs to another query (text, filters, mode, sort and limit must stay the same)");
	}

	private static byte[] checksum(int offset, SearchQuery query) {
		SearchFilters f = Objects.requireNonNullElse(query.filters(), SearchFilters.none());
		String canonical = Stream.of("plugboard-cursor-v1", Integer.toString(offset), query.text(), f.task(),
				f.subtask(), f.baseModel(), f.modelType(), f.method(), f.language(), f.license(), f.namespace(),
				Objects.requireNonNullElse(query.mode(), SearchMode.HYBRID).name(),
				Objects.requireNonNullElse(query.sort(), SortOrder.RELEVANCE).name(), Integer.toString(query.limit()))
			// Length-prefixed, so no choice of values can collide with another.
			.map((value) -> (value != null) ? value.length() + ":" + value : "-")
			.collect(Collectors.joining("|"));
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
			return Arrays.copyOf(digest, CHECKSUM_BYTES);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
