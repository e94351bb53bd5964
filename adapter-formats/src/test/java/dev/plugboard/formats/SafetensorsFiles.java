package dev.plugboard.formats;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Builds safetensors bytes for tests, valid or deliberately broken. */
final class SafetensorsFiles {

	private SafetensorsFiles() {
	}

	/** A file whose header is {@code json} followed by {@code dataBytes} zero bytes. */
	static byte[] withHeader(String json, int dataBytes) {
		return withHeader(json.getBytes(StandardCharsets.UTF_8), dataBytes);
	}

	static byte[] withHeader(byte[] header, int dataBytes) {
		return ByteBuffer.allocate(8 + header.length + dataBytes)
			.order(ByteOrder.LITTLE_ENDIAN)
			.putLong(header.length)
			.put(header)
			.array();
	}

	static byte[] write(Map<String, SafetensorsWriter.Tensor> tensors, Map<String, String> metadata) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		SafetensorsWriter.write(out, tensors, metadata);
		return out.toByteArray();
	}

	static SafetensorsHeader read(byte[] file) {
		return SafetensorsHeader.read(new ByteArrayInputStream(file), file.length);
	}

}
