package dev.plugboard.benchmarks.runtime;

import java.io.InputStream;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ai.djl.Device;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import dev.plugboard.runtime.AdaptedModel;
import dev.plugboard.runtime.adapters.StitchedAdapter;
import dev.plugboard.runtime.baseimport.BaseModelImport;
import dev.plugboard.runtime.baseimport.BundledBaseModel;
import dev.plugboard.runtime.encoder.LayerModule;
import dev.plugboard.runtime.encoder.ModelDirectory;
import dev.plugboard.runtime.encoder.TokenBatch;
import dev.plugboard.runtime.adapters.BottleneckConfig;
import dev.plugboard.runtime.training.AdapterInit;
import dev.plugboard.runtime.training.LabelledText;

/**
 * Examples per second over SST-2 dev (872 sentences, batch 32) of (a) the DJL base
 * encoder, (b) DJL with a LoRA unmerged, (c) merged, (d) DJL with a Pfeiffer bottleneck
 * adapter, and (e) ONNX Runtime running the original ONNX export. Sentences are tokenized
 * once up front; each timed pass computes {@code last_hidden_state} for every batch and
 * copies it to the Java heap. Passes rotate over the five sides so drift in machine load
 * hits them alike; the median pass counts.
 */
public final class RuntimeBenchmark {

	private static final int BATCH = 32;

	private RuntimeBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path shared = Path.of(System.getProperty("plugboard.shared-data", "../../shared/data"));
		Path results = Path.of(System.getProperty("plugboard.runtime-bench.results", "results/runtime-latest.md"));
		int passes = Integer.getInteger("plugboard.runtime-bench.passes", 5);
		ModelDirectory base = BaseModelImport.importTo(BundledBaseModel.ALL_MINILM_L6_V2,
				Path.of("target/base-models/all-minilm-l6-v2"));
		List<String> sentences = LabelledText.readTsv(shared.resolve("glue/SST-2/dev.tsv"), "sentence", "label")
			.stream()
			.map(LabelledText::text)
			.toList();
		try (AdaptedModel model = AdaptedModel.load(base, Device.cpu());
				OrtEnvironment environment = OrtEnvironment.getEnvironment();
				OrtSession onnx = session(environment)) {
			List<TokenBatch> batches = new ArrayList<>();
			for (int start = 0; start < sentences.size(); start += BATCH) {
				batches
					.add(model.tokenizer().encode(sentences.subList(start, Math.min(sentences.size(), start + BATCH))));
			}
			StitchedAdapter lora = model.add(AdapterInit.lora("bench-lora", base.config(),
					List.of(LayerModule.QUERY, LayerModule.VALUE), 8, 16, List.of("0", "1"), 1));
			model.add(AdapterInit.bottleneck("bench-seq-bn", base.config(), BottleneckConfig.seqBn(16),
					List.of("0", "1"), 2));
			Map<String, Side> sides = new LinkedHashMap<>();
			sides.put("(a) DJL base encoder", () -> djl(model, null, false, batches));
			sides.put("(b) DJL + LoRA r=8 q,v, unmerged", () -> djl(model, lora.name(), false, batches));
			sides.put("(c) DJL + LoRA r=8 q,v, merged", () -> djl(model, lora.name(), true, batches));
			sides.put("(d) DJL + Pfeiffer bottleneck (seq_bn, rf 16)",
					() -> djl(model, "bench-seq-bn", false, batches));
			sides.put("(e) ONNX Runtime, original ONNX base model", () -> ort(environment, onnx, batches));
			for (Side side : sides.values()) {
				side.run();
			}
			Map<String, List<Double>> rates = new LinkedHashMap<>();
			sides.keySet().forEach((name) -> rates.put(name, new ArrayList<>()));
			List<String> names = new ArrayList<>(sides.keySet());
			for (int pass = 0; pass < passes; pass++) {
				for (int i = 0; i < names.size(); i++) {
					String name = names.get((i + pass) % names.size());
					long started = System.nanoTime();
					sides.get(name).run();
					rates.get(name).add(sentences.size() / ((System.nanoTime() - started) / 1e9));
				}
			}
			String report = report(rates, sentences.size(), passes, batches);
			System.out.println(report);
			Files.createDirectories(results.toAbsolutePath().getParent());
			Files.writeString(results, report);
		}
	}

	private static OrtSession session(OrtEnvironment environment) throws Exception {
		byte[] bytes;
		try (InputStream in = RuntimeBenchmark.class.getClassLoader()
			.getResourceAsStream(BundledBaseModel.ALL_MINILM_L6_V2.onnxResource())) {
			bytes = in.readAllBytes();
		}
		return environment.createSession(bytes, new OrtSession.SessionOptions());
	}

	private static void djl(AdaptedModel model, String adapter, boolean merged, List<TokenBatch> batches) {
		model.activate(adapter);
		if (merged) {
			model.active().merge();
		}
		for (TokenBatch batch : batches) {
			model.lastHiddenState(batch);
		}
		if (merged) {
			model.active().unmerge();
		}
	}

	private static void ort(OrtEnvironment environment, OrtSession session, List<TokenBatch> batches) throws Exception {
		for (TokenBatch batch : batches) {
			long[] shape = { batch.size(), batch.length() };
			try (OnnxTensor ids = tensor(environment, batch.ids(), shape);
					OnnxTensor mask = tensor(environment, batch.mask(), shape);
					OnnxTensor types = tensor(environment, batch.typeIds(), shape);
					OrtSession.Result result = session
						.run(Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types))) {
				((OnnxTensor) result.get(0)).getFloatBuffer();
			}
		}
	}

	private static OnnxTensor tensor(OrtEnvironment environment, long[][] rows, long[] shape) throws Exception {
		LongBuffer buffer = LongBuffer.allocate((int) (shape[0] * shape[1]));
		for (long[] row : rows) {
			buffer.put(row);
		}
		return OnnxTensor.createTensor(environment, buffer.flip(), shape);
	}

	private static String report(Map<String, List<Double>> rates, int sentences, int passes, List<TokenBatch> batches) {
		double onnx = median(rates.get("(e) ONNX Runtime, original ONNX base model"));
		long tokens = batches.stream().mapToLong(TokenBatch::tokens).sum();
		long padded = batches.stream().mapToLong((b) -> (long) b.size() * b.length()).sum();
		StringBuilder out = new StringBuilder();
		out.append("# Adapter runtime benchmark\n\n");
		out.append("| Fact | Value |\n|---|---|\n");
		out.append("| Date | ").append(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)).append(" |\n");
		out.append("| CPUs (nproc) | ").append(Runtime.getRuntime().availableProcessors()).append(" |\n");
		out.append("| Java | ").append(System.getProperty("java.runtime.version")).append(" |\n");
		out.append("| Data | SST-2 dev, ")
			.append(sentences)
			.append(" sentences, batch ")
			.append(BATCH)
			.append(", ")
			.append(tokens)
			.append(" tokens (")
			.append(padded)
			.append(" with padding) |\n");
		out.append("| Runs | median of ").append(passes).append(" passes per side, sides rotated |\n\n");
		out.append("| side | examples/s (median) | all passes | ratio to (e) |\n|---|---|---|---|\n");
		rates.forEach((name, values) -> out.append("| ")
			.append(name)
			.append(" | ")
			.append(String.format(Locale.ROOT, "%.1f", median(values)))
			.append(" | ")
			.append(values.stream().map((v) -> String.format(Locale.ROOT, "%.0f", v)).toList())
			.append(" | ")
			.append(String.format(Locale.ROOT, "%.2f", median(values) / onnx))
			.append(" |\n"));
		double merged = median(rates.get("(c) DJL + LoRA r=8 q,v, merged"));
		out.append(String.format(Locale.ROOT, "%nTarget (c) >= 0.7 x (e): %.2f -> %s%n", merged / onnx,
				(merged / onnx >= 0.7) ? "met" : "missed"));
		return out.toString();
	}

	private static double median(List<Double> values) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return sorted[sorted.length / 2];
	}

	@FunctionalInterface
	private interface Side {

		void run() throws Exception;

	}

}
