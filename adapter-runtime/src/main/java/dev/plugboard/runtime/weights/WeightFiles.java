package dev.plugboard.runtime.weights;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.plugboard.formats.Dtype;
import dev.plugboard.formats.SafetensorsHeader;
import dev.plugboard.formats.SafetensorsWriter;
import dev.plugboard.formats.TensorInfo;
import dev.plugboard.formats.TorchArchive;

/**
 * Reads weight files (safetensors, or PyTorch zip archives through the restricted pickle
 * reader of {@code adapter-formats}) into float32 host tensors, and writes safetensors.
 */
public final class WeightFiles {

	private WeightFiles() {
	}

	/**
	 * Reads every tensor of a weight file, converting F16 and BF16 to float32.
	 * @param file a {@code .safetensors} file or a PyTorch {@code .bin} archive
	 * @return the tensors by name, in file order
	 */
	public static Map<String, HostTensor> read(Path file) {
		try {
			if (file.getFileName().toString().endsWith(".bin")) {
				ByteArrayOutputStream converted = new ByteArrayOutputStream();
				TorchArchive.read(file).writeSafetensors(converted, file.getFileName().toString());
				return readSafetensors(converted.toByteArray());
			}
			return readSafetensors(Files.readAllBytes(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read weights from " + file, ex);
		}
	}

	static Map<String, HostTensor> readSafetensors(byte[] bytes) throws IOException {
		SafetensorsHeader header;
		try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
			header = SafetensorsHeader.read(in, bytes.length);
		}
		long dataStart = 8 + header.headerLength();
		Map<String, HostTensor> tensors = new LinkedHashMap<>();
		for (TensorInfo info : header.tensors().values()) {
			ByteBuffer raw = ByteBuffer.wrap(bytes, (int) (dataStart + info.begin()), (int) (info.end() - info.begin()))
				.order(ByteOrder.LITTLE_ENDIAN);
			long[] shape = info.shape().stream().mapToLong(Long::longValue).toArray();
			tensors.put(info.name(), new HostTensor(info.name(), shape, toFloats(info, raw)));
		}
		return tensors;
	}

	private static float[] toFloats(TensorInfo info, ByteBuffer raw) {
		int count = Math.toIntExact(info.elementCount());
		float[] out = new float[count];
		switch (info.dtype()) {
			case F32 -> raw.asFloatBuffer().get(out);
			case F16 -> {
				for (int i = 0; i < count; i++) {
					out[i] = Float.float16ToFloat(raw.getShort());
				}
			}
			case BF16 -> {
				for (int i = 0; i < count; i++) {
					out[i] = Float.intBitsToFloat((raw.getShort() & 0xffff) << 16);
				}
			}
			default -> throw new IllegalArgumentException(
					"Tensor " + info.name() + " is " + info.dtype() + "; only F32, F16 and BF16 weights can be loaded");
		}
		return out;
	}

	/** Writes tensors as a float32 safetensors file. */
	public static void write(Path file, Iterable<HostTensor> tensors, Map<String, String> metadata) {
		Map<String, SafetensorsWriter.Tensor> out = new LinkedHashMap<>();
		for (HostTensor tensor : tensors) {
			ByteBuffer data = ByteBuffer.allocate(tensor.data().length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
			data.asFloatBuffer().put(tensor.data());
			List<Long> shape = new ArrayList<>();
			for (long dimension : tensor.shape()) {
				shape.add(dimension);
			}
			out.put(tensor.name(), new SafetensorsWriter.Tensor(Dtype.F32, shape, data.array()));
		}
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			try (OutputStream stream = Files.newOutputStream(file)) {
				SafetensorsWriter.write(stream, out, metadata);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write weights to " + file, ex);
		}
	}

}
