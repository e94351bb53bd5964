package dev.plugboard.benchmarks;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.plugboard.client.PlugboardClient;
import dev.plugboard.runner.BenchmarkUpload;
import dev.plugboard.runner.EvaluationRunner;
import dev.plugboard.runner.RunnerSettings;
import dev.plugboard.runtime.adapters.AdapterFormat;
import dev.plugboard.runtime.adapters.AdapterWriter;
import dev.plugboard.runtime.baseimport.BaseModelImport;
import dev.plugboard.runtime.baseimport.BundledBaseModel;
import dev.plugboard.runtime.encoder.BertConfig;
import dev.plugboard.runtime.encoder.LayerModule;
import dev.plugboard.runtime.training.AdapterInit;

/**
 * Jobs per hour and examples per second of one CPU runner working through a queue of
 * small SST-2 LoRA adapters, with the share of time spent fetching, loading and
 * computing. The hub runs as its own process on external PostgreSQL and S3 (as in the
 * other benchmarks); the runner runs in this JVM with a cold cache.
 */
public final class EvaluationBenchmark {

	private EvaluationBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path hubJar = Path.of(System.getProperty("plugboard.bench.hub-jar"));
		Path shared = Path.of(System.getProperty("plugboard.shared-data", "../../shared/data"));
		Path results = Path.of(System.getProperty("plugboard.eval-bench.results", "results/evaluation-latest.md"));
		int adapters = Integer.getInteger("plugboard.eval-bench.adapters", 12);
		Path directory = Files.createTempDirectory("plugboard-eval-bench");
		try (Cleanup cleanup = new Cleanup()) {
			BackingServices services = BackingServices.start(directory, cleanup);
			HubProcess hub = HubProcess.start(hubJar, directory, services, cleanup, "2g",
					List.of("--plugboard.runner.embedded=false", "--plugboard.base-models.import-bundled=false"));
			String base = hub.baseUri().toString();
			HttpClient http = HubApi.newClient();
			PlugboardClient admin = PlugboardClient.builder(base)
				.token(hub.adminToken())
				.cacheDirectory(directory.resolve("admin-cache"))
				.build();
			admin.postJson("api/v1/base-models/import", json("{\"model\":\"sentence-transformers/all-MiniLM-L6-v2\"}"));
			BenchmarkUpload.upload(admin, shared.resolve("glue"));
			String runnerToken = admin.postJson("api/v1/tokens", json("{\"permission\":\"runner\"}"))
				.getAsJsonObject()
				.get("token")
				.getAsString();
			BertConfig config = BaseModelImport
				.importTo(BundledBaseModel.ALL_MINILM_L6_V2, directory.resolve("base/all-minilm-l6-v2"))
				.config();
			admin.postJson("api/v1/adapters", json("{\"namespace\":\"bench\",\"name\":\"sst2-queue\","
					+ "\"task\":\"sentiment\",\"subtask\":\"sst-2\"}"));

			EvaluationRunner runner = new EvaluationRunner(new RunnerSettings(base, runnerToken, "bench-runner", "cpu",
					directory.resolve("runner-cache"), Duration.ofMillis(200)));
			long started = System.nanoTime();
			for (int i = 0; i < adapters; i++) {
				Path adapter = directory.resolve("adapters/sst2-queue-" + i);
				AdapterWriter.write(
						AdapterInit.lora("sst2-queue", config, List.of(LayerModule.QUERY, LayerModule.VALUE), 8, 16,
								List.of("negative", "positive"), i),
						AdapterFormat.PEFT, adapter, BundledBaseModel.ALL_MINILM_L6_V2.repository(), config);
				publish(http, hub, "1.0." + i, adapter);
			}
			Thread thread = new Thread(runner, "bench-runner");
			thread.start();
			List<JsonObject> done = awaitResults(admin, adapters, Duration.ofMinutes(60));
			double wallSeconds = (System.nanoTime() - started) / 1e9;
			runner.close();
			thread.join(60_000);
			String report = report(done, wallSeconds, adapters);
			System.out.println(report);
			Files.createDirectories(results.toAbsolutePath().getParent());
			Files.writeString(results, report);
		}
	}

	private static void publish(HttpClient http, HubProcess hub, String version, Path adapter) throws Exception {
		MultipartBody body = new MultipartBody();
		for (String file : List.of("adapter_config.json", "adapter_model.safetensors")) {
			byte[] bytes = Files.readAllBytes(adapter.resolve(file));
			body.file(file, bytes.length, () -> new ByteArrayInputStream(bytes));
		}
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(hub.baseUri() + "/api/v1/adapters/bench/sst2-queue/versions/" + version))
			.header("Authorization", "Bearer " + hub.adminToken())
			.header("Content-Type", body.contentType())
			.PUT(body.publisher())
			.build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 201) {
			throw new IllegalStateException("Publishing " + version + " failed: " + response.body());
		}
	}

	private static List<JsonObject> awaitResults(PlugboardClient client, int expected, Duration timeout)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			List<JsonObject> results = new ArrayList<>();
			for (int i = 0; i < expected; i++) {
				JsonObject evaluations = client
					.getJson("api/v1/adapters/bench/sst2-queue/versions/1.0." + i + "/evaluations")
					.getAsJsonObject();
				JsonArray found = evaluations.getAsJsonArray("results");
				if (found != null && !found.isEmpty()) {
					results.add(found.get(0).getAsJsonObject());
				}
				for (JsonElement job : evaluations.getAsJsonArray("jobs")) {
					if (job.getAsJsonObject().get("status").getAsString().equals("failed")) {
						throw new IllegalStateException("A job failed: " + job);
					}
				}
			}
			if (results.size() == expected) {
				return results;
			}
			Thread.sleep(1_000);
		}
		throw new IllegalStateException("Not all jobs finished within " + timeout);
	}

	private static String report(List<JsonObject> results, double wallSeconds, int adapters) {
		double fetch = 0;
		double load = 0;
		double compute = 0;
		double examples = 0;
		for (JsonObject result : results) {
			JsonObject timings = result.getAsJsonObject("timings_ms");
			fetch += timings.get("fetch").getAsDouble();
			load += timings.get("load").getAsDouble();
			compute += timings.get("compute").getAsDouble();
			examples += result.get("examples").getAsDouble();
		}
		double busy = fetch + load + compute;
		JsonObject first = results.get(0).getAsJsonObject("timings_ms");
		StringBuilder out = new StringBuilder("# Evaluation benchmark\n\n");
		out.append("| Fact | Value |\n|---|---|\n");
		out.append("| Date | ").append(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)).append(" |\n");
		out.append("| CPUs (nproc) | ").append(Runtime.getRuntime().availableProcessors()).append(" |\n");
		out.append("| Queue | ")
			.append(adapters)
			.append(" LoRA adapters (r=8, query/value, 2-class head) on all-MiniLM-L6-v2, each scored on glue/sst2 (872 sentences) |\n");
		out.append("| Runner | one, CPU, in the benchmark JVM, cold cache; hub as its own process |\n\n");
		out.append("| figure | value |\n|---|---|\n");
		out.append(row("wall time, first publish to last result", "%.1f s", wallSeconds));
		out.append(row("jobs per hour", "%.0f", adapters * 3600 / wallSeconds));
		out.append(row("examples per second (compute phase)", "%.1f", examples / (compute / 1000)));
		out.append(row("examples per second (whole job)", "%.1f", examples / (busy / 1000)));
		out.append(row("share fetching", "%.1f %%", 100 * fetch / busy));
		out.append(row("share loading (base model once, adapter each job)", "%.1f %%", 100 * load / busy));
		out.append(row("share computing", "%.1f %%", 100 * compute / busy));
		out.append(row("first job: fetch / load / compute", "%s",
				String.format(Locale.ROOT, "%.0f / %.0f / %.0f ms", first.get("fetch").getAsDouble(),
						first.get("load").getAsDouble(), first.get("compute").getAsDouble())));
		return out.toString();
	}

	private static String row(String name, String format, Object value) {
		return "| " + name + " | " + String.format(Locale.ROOT, format, value) + " |\n";
	}

	private static JsonElement json(String text) {
		return JsonParser.parseString(text);
	}

}
