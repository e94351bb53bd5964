package dev.plugboard.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.plugboard.formats.SafetensorsWriter;
import dev.plugboard.formats.SafetensorsWriter.Tensor;
import dev.plugboard.registry.HubClient.FileUpload;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Small but well-formed PEFT LoRA adapters, written with the formats module's own writer.
 */
public final class AdapterFixtures {

	private AdapterFixtures() {
	}

	public static String loraConfig(int r) {
		return """
				{"peft_type": "LORA", "base_model_name_or_path": "sentence-transformers/all-MiniLM-L6-v2",
				 "r": %d, "lora_alpha": 16, "target_modules": ["query", "value"], "task_type": "FEATURE_EXTRACTION"}
				""".formatted(r);
	}

	/**
	 * LoRA A/B for one layer's query projection, hidden size 8; seed varies the values.
	 */
	public static byte[] loraWeights(int r, float seed) {
		Map<String, Tensor> tensors = new LinkedHashMap<>();
		tensors.put("base_model.model.encoder.layer.0.attention.self.query.lora_A.weight",
				Tensor.f32(List.of((long) r, 8L), values(r * 8, seed)));
		tensors.put("base_model.model.encoder.layer.0.attention.self.query.lora_B.weight",
				Tensor.f32(List.of(8L, (long) r), values(8 * r, seed + 1)));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		SafetensorsWriter.write(out, tensors, Map.of("format", "pt"));
		return out.toByteArray();
	}

	public static List<FileUpload> lora(float seed) {
		return List.of(FileUpload.of("adapter_config.json", loraConfig(2)),
				FileUpload.of("adapter_model.safetensors", loraWeights(2, seed)),
				FileUpload.of("README.md", "# A test adapter\n"));
	}

	private static float[] values(int count, float seed) {
		float[] values = new float[count];
		for (int i = 0; i < count; i++) {
			values[i] = seed + i / 100f;
		}
		return values;
	}

	/** A safetensors file from a hand-written header, for the invalid cases. */
	public static byte[] safetensors(String header, int dataBytes) {
		byte[] json = header.getBytes(StandardCharsets.UTF_8);
		ByteBuffer buffer = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
		buffer.putLong(json.length);
		buffer.put(json);
		return buffer.array();
	}

	public static byte[] zip(Map<String, byte[]> entries) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
				zip.putNextEntry(new ZipEntry(entry.getKey()));
				zip.write(entry.getValue());
				zip.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	public static byte[] tarGz(Map<String, byte[]> entries) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
			tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
			for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
				TarArchiveEntry tarEntry = new TarArchiveEntry(entry.getKey(), true);
				tarEntry.setSize(entry.getValue().length);
				tar.putArchiveEntry(tarEntry);
				tar.write(entry.getValue());
				tar.closeArchiveEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	public static Map<String, byte[]> entries(List<FileUpload> files, String prefix) {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		files.forEach((file) -> entries.put(prefix + file.path(), file.content()));
		return entries;
	}

}
