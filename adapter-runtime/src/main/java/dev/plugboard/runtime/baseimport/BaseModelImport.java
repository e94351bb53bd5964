package dev.plugboard.runtime.baseimport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.plugboard.runtime.encoder.BertConfig;
import dev.plugboard.runtime.encoder.ModelDirectory;
import dev.plugboard.runtime.weights.HostTensor;
import dev.plugboard.runtime.weights.WeightFiles;

/**
 * Turns a bundled ONNX export into the Hugging Face layout: {@code config.json},
 * {@code model.safetensors} (tensors named as {@code BertModel} names them, weight
 * matrices {@code [out, in]}), {@code tokenizer.json} and the sentence-transformers
 * pooling config. The export keeps each layer's six weight matrices as anonymous,
 * transposed initializers; each is named after the MatMul node that consumes it.
 */
public final class BaseModelImport {

	private static final Logger logger = LoggerFactory.getLogger(BaseModelImport.class);

	private BaseModelImport() {
	}

	/**
	 * Imports a bundled model into {@code target}, unless a complete import is already
	 * there.
	 * @return the model directory
	 */
	public static ModelDirectory importTo(BundledBaseModel model, Path target) {
		try {
			if (Files.isRegularFile(target.resolve(ModelDirectory.WEIGHTS))
					&& Files.isRegularFile(target.resolve(ModelDirectory.CONFIG))) {
				return ModelDirectory.open(target);
			}
			long started = System.nanoTime();
			Path staging = Files.createDirectories(target.toAbsolutePath().getParent())
				.resolve(target.getFileName() + ".importing");
			deleteRecursively(staging);
			Files.createDirectories(staging);
			OnnxGraph graph = OnnxGraph.parse(resourceBytes(model.onnxResource()));
			List<HostTensor> tensors = huggingFaceTensors(graph);
			BertConfig config = BertConfig.inferred(tensors, model.attentionHeads());
			config.check(tensors);
			WeightFiles.write(staging.resolve(ModelDirectory.WEIGHTS), tensors,
					Map.of("format", "pt", "source", model.onnxResource()));
			Files.writeString(staging.resolve(ModelDirectory.CONFIG), config.toJson(model.repository()));
			try (InputStream tokenizer = resource(model.tokenizerResource())) {
				Files.copy(tokenizer, staging.resolve(ModelDirectory.TOKENIZER));
			}
			model.pooling().writeConfig(staging, config.hiddenSize());
			deleteRecursively(target);
			Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
			logger.info("Imported {} from {} into {} in {} ms", model.repository(), model.onnxResource(), target,
					(System.nanoTime() - started) / 1_000_000);
			return ModelDirectory.open(target);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot import " + model.repository(), ex);
		}
	}

	static List<HostTensor> huggingFaceTensors(OnnxGraph graph) {
		List<HostTensor> out = new ArrayList<>();
		for (HostTensor tensor : graph.initializers().values()) {
			if (!tensor.name().startsWith("onnx::MatMul")) {
				out.add(tensor);
				continue;
			}
			List<String> consumers = graph.consumersOf(tensor.name());
			if (consumers.size() != 1 || !consumers.get(0).endsWith("/MatMul")) {
				throw new IllegalStateException(
						"Cannot name initializer " + tensor.name() + ": consumed by " + consumers);
			}
			String node = consumers.get(0);
			String module = node.substring(1, node.length() - "/MatMul".length()).replace('/', '.');
			// The export stores x @ W ([in, out]); the Hugging Face layout keeps
			// nn.Linear's [out, in].
			out.add(tensor.transposed(module + ".weight"));
		}
		return out;
	}

	private static byte[] resourceBytes(String name) throws IOException {
		try (InputStream in = resource(name)) {
			return in.readAllBytes();
		}
	}

	private static InputStream resource(String name) throws IOException {
		InputStream in = BaseModelImport.class.getClassLoader().getResourceAsStream(name);
		if (in == null) {
			throw new IOException("Resource " + name + " is not on the classpath");
		}
		return in;
	}

	private static void deleteRecursively(Path path) throws IOException {
		if (!Files.exists(path)) {
			return;
		}
		try (var walk = Files.walk(path)) {
			for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(p);
			}
		}
	}

}
