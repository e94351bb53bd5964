package dev.plugboard.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import ai.djl.Device;
import dev.plugboard.client.PlugboardClient;
import dev.plugboard.registry.HubClient.FileUpload;
import dev.plugboard.registry.HubClient.Response;
import dev.plugboard.runner.BenchmarkUpload;
import dev.plugboard.runtime.AdaptedModel;
import dev.plugboard.runtime.adapters.AdapterFormat;
import dev.plugboard.runtime.adapters.AdapterWriter;
import dev.plugboard.runtime.baseimport.BaseModelImport;
import dev.plugboard.runtime.baseimport.BundledBaseModel;
import dev.plugboard.runtime.encoder.LayerModule;
import dev.plugboard.runtime.encoder.ModelDirectory;
import dev.plugboard.runtime.training.AdapterInit;
import dev.plugboard.runtime.training.AdapterTrainer;
import dev.plugboard.runtime.training.Evaluation;
import dev.plugboard.runtime.training.LabelledText;
import dev.plugboard.runtime.training.TrainingSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole evaluation path on the embedded default: the hub with its embedded runner,
 * the bundled MiniLM registered, the GLUE benchmarks imported, an SST-2 LoRA published
 * (the reference adapter when the runtime module has trained it, else a small one trained
 * here) — a job runs by itself and the score the API shows equals the runtime's own
 * offline evaluation of the same adapter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvaluationEndToEndIT {

	private static final Path REFERENCE_LORA = Path.of("../adapter-runtime/target/reference-adapters/sst-2-lora");

	private final Path dataDir = Path.of("target", "hub-test-data", "e2e-" + UUID.randomUUID());

	private ConfigurableApplicationContext context;

	private HubClient hub;

	private String admin;

	@BeforeAll
	void start() throws Exception {
		this.context = new SpringApplicationBuilder(PlugboardApplication.class).run("--server.port=0",
				"--plugboard.data-dir=" + this.dataDir, "--plugboard.runner.embedded=true",
				"--plugboard.evaluation.heartbeat-interval=5s");
		this.hub = HubClient.of(this.context);
		this.admin = Files.readString(this.dataDir.resolve("admin-token")).strip();
	}

	@AfterAll
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void publishedAdapterIsScoredByItselfAsTheRuntimeScoresItOffline() throws Exception {
		Response imported = this.hub.json("POST", "/api/v1/base-models/import", this.admin,
				"{\"model\":\"sentence-transformers/all-MiniLM-L6-v2\"}");
		assertThat(imported.status()).as(imported.toString()).isIn(200, 201);
		PlugboardClient client = PlugboardClient.builder(this.hub.base().toString())
			.token(this.admin)
			.cacheDirectory(this.dataDir.resolve("client-cache"))
			.build();
		List<String> benchmarks = BenchmarkUpload.upload(client, shared().resolve("glue"));
		assertThat(benchmarks).contains("glue/sst2");

		ModelDirectory base = BaseModelImport.importTo(BundledBaseModel.ALL_MINILM_L6_V2,
				this.dataDir.resolve("offline/all-minilm-l6-v2"));
		Path adapter = Files.isRegularFile(REFERENCE_LORA.resolve("adapter_config.json")) ? REFERENCE_LORA
				: trainSmallLora(base, this.dataDir.resolve("offline/sst-2-lora"));

		Response created = this.hub.json("POST", "/api/v1/adapters", this.admin,
				"{\"namespace\":\"e2e\",\"name\":\"sst2-lora\",\"task\":\"sentiment\",\"subtask\":\"sst-2\"}");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		Response published = this.hub.publish("/api/v1/adapters/e2e/sst2-lora/versions/1.0.0", this.admin,
				List.of(FileUpload.of("adapter_config.json",
						Files.readAllBytes(adapter.resolve("adapter_config.json"))),
						FileUpload.of("adapter_model.safetensors",
								Files.readAllBytes(adapter.resolve("adapter_model.safetensors")))));
		assertThat(published.status()).as(published.toString()).isEqualTo(201);

		JsonNode result = awaitResult("/api/v1/adapters/e2e/sst2-lora/versions/1.0.0/evaluations",
				Duration.ofMinutes(15));
		double hubAccuracy = result.path("metrics").path("accuracy").asDouble();

		double offlineAccuracy;
		try (AdaptedModel model = AdaptedModel.load(base, Device.cpu())) {
			model.add(adapter);
			model.activate(adapter.getFileName().toString());
			offlineAccuracy = Evaluation.accuracy(model,
					LabelledText.readTsv(shared().resolve("glue/SST-2/dev.tsv"), "sentence", "label"));
		}
		System.out.printf("E2E: hub accuracy %.6f, offline accuracy %.6f (%s)%n", hubAccuracy, offlineAccuracy, result);
		assertThat(hubAccuracy).isEqualTo(offlineAccuracy);
		assertThat(result.path("examples").asInt()).isEqualTo(872);
		assertThat(result.path("device").asString()).isEqualTo("cpu");

		Response leaderboard = this.hub.get("/api/v1/benchmarks/glue/sst2/leaderboard");
		assertThat(leaderboard.status()).isEqualTo(200);
		assertThat(leaderboard.text()).contains("e2e/sst2-lora");
	}

	private JsonNode awaitResult(String path, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		Response last = null;
		while (System.nanoTime() < deadline) {
			last = this.hub.get(path);
			assertThat(last.status()).as(last.toString()).isEqualTo(200);
			for (JsonNode job : last.json().path("jobs")) {
				assertThat(job.path("status").asString()).as(last.toString()).isNotEqualTo("failed");
			}
			JsonNode results = last.json().path("results");
			if (results.isArray() && !results.isEmpty()) {
				return results.get(0);
			}
			Thread.sleep(2_000);
		}
		throw new AssertionError("No result within " + timeout + ": " + last);
	}

	private static Path trainSmallLora(ModelDirectory base, Path directory) {
		List<LabelledText> train = new ArrayList<>(
				LabelledText.readTsv(shared().resolve("glue/SST-2/train.tsv"), "sentence", "label"));
		Collections.shuffle(train, new Random(3));
		try (AdaptedModel model = AdaptedModel.load(base, Device.cpu())) {
			AdapterTrainer.Result result = AdapterTrainer.train(model,
					AdapterInit.lora("sst-2-lora", base.config(), List.of(LayerModule.QUERY, LayerModule.VALUE), 8, 16,
							List.of("negative", "positive"), 3),
					train.subList(0, 1_200), TestDataDev.first(200),
					new TrainingSettings(1, 32, 1e-3f, 0.01f, 0.1f, 1, 1, 3));
			AdapterWriter.write(result.best(), AdapterFormat.PEFT, directory,
					BundledBaseModel.ALL_MINILM_L6_V2.repository(), base.config());
		}
		return directory;
	}

	private static Path shared() {
		return Path.of(System.getProperty("plugboard.shared-data", "../../shared/data"));
	}

	/** A slice of SST-2 dev for early stopping of the small adapter. */
	private static final class TestDataDev {

		static List<LabelledText> first(int count) {
			return LabelledText.readTsv(shared().resolve("glue/SST-2/dev.tsv"), "sentence", "label").subList(0, count);
		}

	}

}
