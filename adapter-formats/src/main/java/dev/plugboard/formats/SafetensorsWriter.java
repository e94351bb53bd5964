package dev.plugboard.formats;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes safetensors files, laid out as the reference implementation lays them out.
 *
 * <p>
 * Tensors are stored by descending dtype size, then by name, and the header is padded
 * with spaces to a multiple of 8 bytes, so that every tensor starts at an offset aligned
 * for its dtype and readers can map it in place.
 */
public final class SafetensorsWriter {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final int ALIGNMENT = 8;

	private SafetensorsWriter() {
	}

	/**
	 * Writes a complete safetensors file.
	 * @param out where to write; not closed
	 * @param tensors the tensors by name
	 * @param metadata the {@code __metadata__} map, written with its keys sorted (the
	 * same tensors and metadata always give the same bytes, whatever the map's iteration
	 * order); omitted from the header when {@code null} or empty
	 * @throws IllegalArgumentException if a tensor is named {@code __metadata__}
	 * @throws UncheckedIOException if writing fails
	 */
	public static void write(OutputStream out, Map<String, Tensor> tensors, Map<String, String> metadata) {
		Objects.requireNonNull(out, "out");
		List<Map.Entry<String, Tensor>> ordered = new ArrayList<>(tensors.entrySet());
		ordered.sort(Comparator.comparing((Map.Entry<String, Tensor> entry) -> -entry.getValue().dtype().bits())
			.thenComparing(Map.Entry::getKey));
		byte[] header = header(ordered, metadata);
		try {
			out.write(ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
			out.write(header);
			for (Map.Entry<String, Tensor> entry : ordered) {
				out.write(entry.getValue().data());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] header(List<Map.Entry<String, Tensor>> ordered, Map<String, String> metadata) {
		ObjectNode header = MAPPER.createObjectNode();
		if (metadata != null && !metadata.isEmpty()) {
			ObjectNode meta = header.putObject(HeaderJson.METADATA_KEY);
			new TreeMap<>(metadata).forEach(meta::put);
		}
		long offset = 0;
		for (Map.Entry<String, Tensor> entry : ordered) {
			if (entry.getKey().equals(HeaderJson.METADATA_KEY)) {
				throw new IllegalArgumentException("A tensor must not be named " + HeaderJson.METADATA_KEY);
			}
			Tensor tensor = entry.getValue();
			ObjectNode info = header.putObject(entry.getKey());
			info.put("dtype", tensor.dtype().name());
			ArrayNode shape = info.putArray("shape");
			tensor.shape().forEach(shape::add);
			long end = offset + tensor.data().length;
			info.putArray("data_offsets").add(offset).add(end);
			offset = end;
		}
		byte[] json = MAPPER.writeValueAsBytes(header);
		int padded = (json.length + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
		byte[] result = Arrays.copyOf(json, padded);
		Arrays.fill(result, json.length, padded, (byte) ' ');
		return result;
	}

	/**
	 * A tensor to write: little-endian element data in row-major order.
	 *
	 * @param dtype the element type
	 * @param shape the dimensions, each non-negative
	 * @param data the raw bytes; not copied
	 */
	public record Tensor(Dtype dtype, List<Long> shape, byte[] data) {

		/**
		 * Checks that the data has exactly the size the shape and dtype need.
		 * @throws IllegalArgumentException if a dimension is negative, the data size does
		 * not match, or a sub-byte tensor does not fill whole bytes
		 */
		public Tensor {
			Objects.requireNonNull(dtype, "dtype");
			Objects.requireNonNull(data, "data");
			shape = List.copyOf(shape);
			long elements = 1;
			for (long dimension : shape) {
				if (dimension < 0) {
					throw new IllegalArgumentException("Negative dimension in shape " + shape);
				}
				elements = Math.multiplyExact(elements, dimension);
			}
			long bits = Math.multiplyExact(elements, dtype.bits());
			if (bits % 8 != 0 || bits / 8 != data.length) {
				throw new IllegalArgumentException("Shape " + shape + " of " + dtype + " needs " + bits + " bits, but "
						+ data.length + " bytes were given");
			}
		}

		/**
		 * Creates an {@link Dtype#F32} tensor.
		 * @param shape the dimensions
		 * @param values the elements in row-major order
		 * @return the tensor
		 * @throws IllegalArgumentException if the number of values does not match the
		 * shape
		 */
		public static Tensor f32(List<Long> shape, float... values) {
			ByteBuffer data = ByteBuffer.allocate(Math.multiplyExact(values.length, Float.BYTES))
				.order(ByteOrder.LITTLE_ENDIAN);
			for (float value : values) {
				data.putFloat(value);
			}
			return new Tensor(Dtype.F32, shape, data.array());
		}

	}

}
