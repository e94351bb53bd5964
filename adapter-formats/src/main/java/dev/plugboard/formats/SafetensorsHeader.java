package dev.plugboard.formats;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The validated header of a safetensors file.
 *
 * <p>
 * A safetensors file is an 8-byte little-endian header length {@code N}, {@code N} bytes
 * of UTF-8 JSON, and a data buffer. The JSON maps each tensor name to its {@code dtype},
 * {@code shape} and {@code data_offsets} {@code [begin, end)} within the buffer, plus an
 * optional {@code __metadata__} map of strings to strings.
 *
 * <p>
 * {@link #read(InputStream, long)} reads only the length prefix and the header, never the
 * data, and accepts a file only if the reference implementation (huggingface/safetensors)
 * would: every entry has a known dtype, a non-negative integer shape and offsets whose
 * span is exactly the size the shape and dtype need; sub-byte dtypes fill whole bytes;
 * and the entries, sorted by offset, cover the data buffer exactly, without holes or
 * overlaps. Stricter than the reference, duplicate JSON keys, U+0000 and unpaired
 * surrogates in names or metadata, and content after the JSON object are refused.
 */
public final class SafetensorsHeader {

	/** The largest header accepted, in bytes: the reference implementation's limit. */
	public static final long MAX_HEADER_BYTES = 100_000_000L;

	static final String KIND = "invalid-safetensors";

	private static final int PREFIX_BYTES = 8;

	private final Map<String, TensorInfo> tensors;

	private final Map<String, String> metadata;

	private final long headerLength;

	private final long parameterCount;

	private SafetensorsHeader(List<TensorInfo> sorted, Map<String, String> metadata, long headerLength) {
		Map<String, TensorInfo> byName = new LinkedHashMap<>();
		long parameters = 0;
		for (TensorInfo tensor : sorted) {
			byName.put(tensor.name(), tensor);
			parameters = Math.addExact(parameters, tensor.elementCount());
		}
		this.tensors = Collections.unmodifiableMap(byName);
		this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
		this.headerLength = headerLength;
		this.parameterCount = parameters;
	}

	/**
	 * Reads and validates the header of a safetensors file of {@code fileSize} bytes,
	 * accepting headers up to {@link #MAX_HEADER_BYTES}.
	 * @param in the file, positioned at its start; read up to the end of the header and
	 * not closed
	 * @param fileSize the size of the whole file, which the data buffer must fill exactly
	 * @return the header
	 * @throws FormatException of kind {@code invalid-safetensors} if the file is not
	 * valid, with a violation per problem found
	 * @throws UncheckedIOException if reading the stream fails
	 * @see #read(InputStream, long, long)
	 */
	public static SafetensorsHeader read(InputStream in, long fileSize) {
		return read(in, fileSize, MAX_HEADER_BYTES);
	}

	/**
	 * Reads and validates the header of a safetensors file, accepting headers up to
	 * {@code maxHeaderBytes}.
	 *
	 * <p>
	 * Nothing is allocated for the header before its declared length has been checked
	 * against both {@code maxHeaderBytes} and {@code fileSize}, and the header buffer
	 * grows only as bytes actually arrive, so a lying length prefix costs nothing.
	 * Parsing takes memory proportional to the header length (a few times it, at worst);
	 * callers that validate many untrusted uploads at once may pass a lower limit than
	 * the default.
	 * @param in the file, positioned at its start; read up to the end of the header and
	 * not closed
	 * @param fileSize the size of the whole file, which the data buffer must fill exactly
	 * @param maxHeaderBytes the largest header length accepted, at most
	 * {@link #MAX_HEADER_BYTES}
	 * @return the header
	 * @throws FormatException of kind {@code invalid-safetensors} if the file is not
	 * valid, with a violation per problem found
	 * @throws UncheckedIOException if reading the stream fails
	 * @throws IllegalArgumentException if {@code maxHeaderBytes} is not between 2 and
	 * {@link #MAX_HEADER_BYTES}
	 */
	public static SafetensorsHeader read(InputStream in, long fileSize, long maxHeaderBytes) {
		Objects.requireNonNull(in, "in");
		if (maxHeaderBytes < 2 || maxHeaderBytes > MAX_HEADER_BYTES) {
			throw new IllegalArgumentException("maxHeaderBytes must be between 2 and " + MAX_HEADER_BYTES);
		}
		try {
			return readChecked(in, fileSize, maxHeaderBytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static SafetensorsHeader readChecked(InputStream in, long fileSize, long maxHeaderBytes)
			throws IOException {
		if (fileSize < PREFIX_BYTES) {
			throw invalid("file", "is " + fileSize + " bytes, shorter than the 8-byte header length");
		}
		byte[] prefix = in.readNBytes(PREFIX_BYTES);
		if (prefix.length < PREFIX_BYTES) {
			throw invalid("file", "ended after " + prefix.length + " bytes, before the end of the header length");
		}
		long length = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getLong();
		// The prefix is an unsigned 64-bit number; as a Java long, values past 2^63 are
		// negative, and too large either way.
		if (length < 0 || length > maxHeaderBytes) {
			throw invalid("header length",
					"is " + Long.toUnsignedString(length) + " bytes, more than the limit of " + maxHeaderBytes);
		}
		if (length > fileSize - PREFIX_BYTES) {
			throw invalid("header length",
					"is " + length + " bytes, which runs past the end of the " + fileSize + "-byte file");
		}
		// readNBytes grows its buffer as data arrives rather than allocating length bytes
		// up front, so a stream shorter than the declared file size costs only what it
		// delivers.
		byte[] header = in.readNBytes((int) length);
		if (header.length < length) {
			throw invalid("file",
					"ended after " + (PREFIX_BYTES + header.length) + " bytes, inside the " + length + "-byte header");
		}
		Violations violations = new Violations();
		HeaderJson.Content content = HeaderJson.parse(header, violations);
		List<TensorInfo> sorted = TensorLayout.check(content.entries(), fileSize - PREFIX_BYTES - length, violations);
		if (!violations.isEmpty()) {
			throw invalid(violations);
		}
		return new SafetensorsHeader(sorted, content.metadata(), length);
	}

	static FormatException invalid(Violations violations) {
		return violations.toException(KIND, "Invalid safetensors file");
	}

	private static FormatException invalid(String subject, String reason) {
		Violations violations = new Violations();
		violations.add(subject, reason);
		return invalid(violations);
	}

	/**
	 * Returns the tensors by name, in the order of their data in the file; the
	 * {@code __metadata__} entry is not a tensor and is not included.
	 * @return an unmodifiable map, iterating in offset order
	 */
	public Map<String, TensorInfo> tensors() {
		return this.tensors;
	}

	/**
	 * Returns the free-form {@code __metadata__} map.
	 * @return an unmodifiable map, empty if the header has none
	 */
	public Map<String, String> metadata() {
		return this.metadata;
	}

	/**
	 * Returns the length of the JSON header, excluding the 8-byte length prefix.
	 * @return the header length in bytes
	 */
	public long headerLength() {
		return this.headerLength;
	}

	/**
	 * Returns the total number of elements over all tensors.
	 * @return the parameter count
	 */
	public long parameterCount() {
		return this.parameterCount;
	}

	@Override
	public String toString() {
		return "SafetensorsHeader[tensors=" + this.tensors.size() + ", parameters=" + this.parameterCount
				+ ", headerLength=" + this.headerLength + "]";
	}

}
