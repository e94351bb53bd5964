package dev.plugboard.formats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.node.ObjectNode;

/**
 * Builds adapter versions for {@link AdapterInspector} tests: configs, and safetensors
 * headers of zero-filled tensors with given names and shapes.
 */
final class AdapterFixtures {

	static final String PEFT_DIR = "real-adapters/peft-lora-minilm-l6-v2/";

	static final String ADAPTERHUB_DIR = "real-adapters/adapterhub-bn-mbert-adapters101/";

	private AdapterFixtures() {
	}

	/** A header whose tensors are F32 zeros of the given shapes, in map order. */
	static SafetensorsHeader header(Map<String, List<Long>> shapes) {
		Map<String, SafetensorsWriter.Tensor> tensors = new LinkedHashMap<>();
		shapes.forEach((name, shape) -> {
			long elements = shape.stream().reduce(1L, Math::multiplyExact);
			tensors.put(name,
					new SafetensorsWriter.Tensor(Dtype.F32, shape, new byte[Math.toIntExact(elements * Float.BYTES)]));
		});
		return SafetensorsFiles.read(SafetensorsFiles.write(tensors, Map.of()));
	}

	static Map<String, SafetensorsHeader> weights(String file, Map<String, List<Long>> shapes) {
		return Map.of(file, header(shapes));
	}

	static ObjectNode json(String json) {
		return AdapterConfigs.parse(json.getBytes(StandardCharsets.UTF_8));
	}

	static ObjectNode shared(String relative) throws IOException {
		return AdapterConfigs.parse(Files.readAllBytes(SharedData.require(relative)));
	}

	static SafetensorsHeader sharedHeader(String relative) throws IOException {
		Path path = SharedData.require(relative);
		try (InputStream in = Files.newInputStream(path)) {
			return SafetensorsHeader.read(in, Files.size(path));
		}
	}

	/**
	 * The PEFT LoRA layout of the real MiniLM adapter: query and value in 6 layers of
	 * width 384, rank {@code r}.
	 */
	static Map<String, List<Long>> peftLora(int layers, long r, long width, String... modules) {
		Map<String, List<Long>> shapes = new LinkedHashMap<>();
		for (int layer = 0; layer < layers; layer++) {
			for (String module : modules) {
				String prefix = "base_model.model.encoder.layer." + layer + ".attention.self." + module;
				shapes.put(prefix + ".lora_A.weight", List.of(r, width));
				shapes.put(prefix + ".lora_B.weight", List.of(width, r));
			}
		}
		return shapes;
	}

	/**
	 * The adapters library's layout of a bottleneck adapter named {@code name} at BERT's
	 * {@code position} ({@code output} or {@code attention.output}) in the given layers.
	 */
	static Map<String, List<Long>> bottleneck(String name, String position, long hidden, long bottleneck,
			int... layers) {
		Map<String, List<Long>> shapes = new LinkedHashMap<>();
		for (int layer : layers) {
			String prefix = "bert.encoder.layer." + layer + "." + position + ".adapters." + name + ".";
			shapes.put(prefix + "adapter_down.0.bias", List.of(bottleneck));
			shapes.put(prefix + "adapter_down.0.weight", List.of(bottleneck, hidden));
			shapes.put(prefix + "adapter_up.bias", List.of(hidden));
			shapes.put(prefix + "adapter_up.weight", List.of(hidden, bottleneck));
		}
		return shapes;
	}

	static int[] range(int count) {
		int[] layers = new int[count];
		for (int i = 0; i < count; i++) {
			layers[i] = i;
		}
		return layers;
	}

}
