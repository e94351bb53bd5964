package dev.plugboard.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import dev.plugboard.client.PlugboardClient;
import dev.plugboard.registry.HubClient.FileUpload;
import dev.plugboard.registry.HubClient.Response;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "reliability, tested" items with real runners on the bundled MiniLM and the
 * imported GLUE benchmarks: a runner killed mid-job (kill -9 of its own JVM) leaves the
 * job to another runner, which finishes it as attempt 2 with the only result; broken
 * adapters (tensor shapes of another hidden size, layers of a deeper base model) and an
 * unreadable dataset fail at once with a reason naming the problem and are not handed out
 * again; two real runners over a queue of adapters score each exactly once. One hub
 * (short leases, no embedded runner) serves all tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunnerReliabilityIT {

	private static final String MINILM = "sentence-transformers/all-MiniLM-L6-v2";

	private static final Duration LEASE = Duration.ofSeconds(6);

	private static final String SST2_SLICE = "reliability/sst2-slice";

	private static final int SLICE_EXAMPLES = 160;

	private final Path dataDir = Path.of("target", "hub-test-data", "runner-reliability-" + UUID.randomUUID());

	private final List<Process> processes = new ArrayList<>();

	private final Map<String, InProcessRunner> runners = new LinkedHashMap<>();

	private ConfigurableApplicationContext context;

	private HubClient hub;

	private String admin;

	private String runnerToken;

	private EvaluationFixtures fixtures;

	private BertConfig miniLm;

	@BeforeAll
	void start() throws Exception {
		this.context = new SpringApplicationBuilder(PlugboardApplication.class).run("--server.port=0",
				"--plugboard.data-dir=" + this.dataDir, "--plugboard.runner.embedded=false",
				"--plugboard.evaluation.lease-duration=" + LEASE.toSeconds() + "s",
				"--plugboard.evaluation.heartbeat-interval=1s", "--plugboard.evaluation.reclaim-interval=1s");
		this.hub = HubClient.of(this.context);
		this.admin = Files.readString(this.dataDir.resolve("admin-token")).strip();
		this.fixtures = new EvaluationFixtures(this.hub, this.admin);
		Response imported = this.hub.json("POST", "/api/v1/base-models/import", this.admin,
				"{\"model\":\"" + MINILM + "\"}");
		assertThat(imported.status()).as(imported.toString()).isIn(200, 201);
		PlugboardClient client = PlugboardClient.builder(this.hub.base().toString())
			.token(this.admin)
			.cacheDirectory(this.dataDir.resolve("client-cache"))
			.build();
		assertThat(BenchmarkUpload.upload(client, shared().resolve("glue"))).contains("glue/sst2");
		// The first examples of glue/sst2 as a benchmark of their own, so that a job
		// takes seconds rather than a minute on two cores.
		JsonNode sst2 = this.hub.get("/api/v1/benchmarks/glue/sst2").json();
		ObjectNode sliceSpec = (ObjectNode) sst2.path("spec").deepCopy();
		sliceSpec.put("id", SST2_SLICE).put("adapterhub_subtask", "sst-2-slice").put("examples", SLICE_EXAMPLES);
		List<String> lines = this.hub.get("/api/v1/benchmarks/glue/sst2/dataset").text().lines().toList();
		benchmark(SST2_SLICE, sliceSpec.toString(), String.join("\n", lines.subList(0, SLICE_EXAMPLES)) + "\n");
		// Two examples, for the queue test: the jobs are about the queue, not the
		// compute.
		benchmark("reliability/tiny", EvaluationFixtures.spec("sentiment", "tiny"), """
				{"sentence":"a gripping, funny film","label":"positive"}
				{"sentence":"tedious and overlong","label":"negative"}
				""");
		// A dataset the runner cannot read: its labels are numbers, not strings.
		benchmark("reliability/unreadable", EvaluationFixtures.spec("sentiment", "unreadable"),
				EvaluationFixtures.DATASET);
		this.runnerToken = this.fixtures.runnerToken();
		this.miniLm = BaseModelImport
			.importTo(BundledBaseModel.ALL_MINILM_L6_V2, this.dataDir.resolve("offline/minilm"))
			.config();
	}

	@AfterAll
	void stop() {
		this.processes.forEach(Process::destroyForcibly);
		this.runners.values().forEach(InProcessRunner::close);
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	@Order(1)
	void aRunnerKilledMidJobLeavesTheJobToAnotherRunner() throws Exception {
		Path adapter = this.dataDir.resolve("adapters/sst2-lora");
		AdapterWriter.write(AdapterInit.lora("sst2-lora", this.miniLm, List.of(LayerModule.QUERY, LayerModule.VALUE), 8,
				16, List.of("negative", "positive"), 11), AdapterFormat.PEFT, adapter, MINILM, this.miniLm);
		createRepository("reliability", "killed-lora", "sst-2-slice");
		publish("reliability/killed-lora", "1.0.0", adapter);
		JsonNode jobs = this.fixtures.evaluations("reliability/killed-lora", "1.0.0").path("jobs");
		assertThat(jobs).as(jobs.toString()).hasSize(1);
		long id = jobs.get(0).path("id").asLong();
		assertThat(jobs.get(0).path("benchmark").asString()).isEqualTo(SST2_SLICE);

		Path log = this.dataDir.resolve("runner-a.log");
		Process a = startRunnerProcess("runner-a", log);
		JsonNode leased = await("job " + id + " leased by runner A (log " + log + ")", Duration.ofMinutes(3),
				() -> job(id), (job) -> job.path("status").asString().equals("leased"), () -> tail(log));
		String runnerA = runnerId("runner-a");
		assertThat(leased.path("runner").asString()).isEqualTo(runnerA);
		assertThat(leased.path("attempts").asInt()).isEqualTo(1);
		// Mid-job: A has heartbeated at least once (the lease moved), so it is working.
		String firstExpiry = leased.path("lease_expires_at").asString();
		await("a heartbeat from runner A", Duration.ofSeconds(30), () -> job(id),
				(job) -> !job.path("lease_expires_at").asString().equals(firstExpiry)
						|| !job.path("status").asString().equals("leased"),
				() -> tail(log));
		a.destroyForcibly();
		assertThat(a.waitFor(30, TimeUnit.SECONDS)).isTrue();
		JsonNode afterKill = job(id);
		assertThat(afterKill.path("status").asString()).as("A was killed mid-job: %s\n%s", afterKill, tail(log))
			.isEqualTo("leased");

		InProcessRunner b = runner("runner-b");
		JsonNode finished = await("job " + id + " finished", Duration.ofMinutes(5), () -> job(id),
				(job) -> Set.of("succeeded", "failed").contains(job.path("status").asString()), () -> "");
		String runnerB = runnerId("runner-b");
		assertThat(finished.path("status").asString()).as(finished.toString()).isEqualTo("succeeded");
		assertThat(finished.path("attempts").asInt()).isEqualTo(2);
		assertThat(finished.path("runner").asString()).isEqualTo(runnerB);
		assertThat(finished.path("last_error").asString()).as(finished.toString()).contains("expired");
		JsonNode evaluations = this.fixtures.evaluations("reliability/killed-lora", "1.0.0");
		assertThat(evaluations.path("jobs")).hasSize(1);
		assertThat(evaluations.path("results")).as(evaluations.toString()).hasSize(1);
		JsonNode result = evaluations.path("results").get(0);
		assertThat(result.path("runner").asString()).isEqualTo(runnerB);
		assertThat(result.path("job_id").asLong()).isEqualTo(id);
		assertThat(result.path("examples").asInt()).isEqualTo(SLICE_EXAMPLES);
		assertThat(result.path("metrics").path("accuracy").isNumber()).as(result.toString()).isTrue();
		assertThat(b.thread.isAlive()).isTrue();
	}

	@Test
	@Order(2)
	void brokenAdaptersFailAtOnceWithTheReasonAndAreNotRetried() throws Exception {
		runner("runner-b");
		// Tensors for a 768-wide encoder: every LoRA matrix has the wrong shape for
		// MiniLM's 384.
		Path wide = this.dataDir.resolve("adapters/wide-lora");
		BertConfig bertBase = new BertConfig(768, 6, 12, 3072, 30522, 512, 2, 1e-12f);
		AdapterWriter.write(AdapterInit.lora("wide-lora", bertBase, List.of(LayerModule.QUERY, LayerModule.VALUE), 8,
				16, List.of("negative", "positive"), 5), AdapterFormat.PEFT, wide, MINILM, bertBase);
		// Trained on another base model (12 layers, as BGE small) but claiming MiniLM.
		Path deep = this.dataDir.resolve("adapters/deep-lora");
		BertConfig twelveLayers = new BertConfig(384, 12, 12, 1536, 30522, 512, 2, 1e-12f);
		AdapterWriter.write(AdapterInit.lora("deep-lora", twelveLayers, List.of(LayerModule.QUERY, LayerModule.VALUE),
				8, 16, List.of("negative", "positive"), 6), AdapterFormat.PEFT, deep, MINILM, twelveLayers);
		// A good adapter, on a benchmark whose dataset is broken.
		Path good = this.dataDir.resolve("adapters/good-lora");
		AdapterWriter.write(AdapterInit.lora("good-lora", this.miniLm, List.of(LayerModule.QUERY, LayerModule.VALUE), 4,
				8, List.of("negative", "positive"), 7), AdapterFormat.PEFT, good, MINILM, this.miniLm);
		createRepository("reliability", "wide-lora", "sst-2");
		createRepository("reliability", "deep-lora", "sst-2");
		createRepository("reliability", "good-lora", "unreadable");
		publish("reliability/wide-lora", "1.0.0", wide);
		publish("reliability/deep-lora", "1.0.0", deep);
		publish("reliability/good-lora", "1.0.0", good);
		long wideJob = onlyJob("reliability/wide-lora");
		long deepJob = onlyJob("reliability/deep-lora");
		long datasetJob = onlyJob("reliability/good-lora");

		Predicate<JsonNode> ended = (job) -> Set.of("succeeded", "failed").contains(job.path("status").asString());
		JsonNode wideFailed = await("job " + wideJob + " ended", Duration.ofMinutes(3), () -> job(wideJob), ended,
				() -> "");
		JsonNode deepFailed = await("job " + deepJob + " ended", Duration.ofMinutes(3), () -> job(deepJob), ended,
				() -> "");
		assertThat(wideFailed.path("status").asString()).as(wideFailed.toString()).isEqualTo("failed");
		assertThat(wideFailed.path("attempts").asInt()).as(wideFailed.toString()).isEqualTo(1);
		assertThat(wideFailed.path("last_error").asString()).as(wideFailed.toString())
			.contains("does not fit " + MINILM)
			.containsPattern(
					"Tensor base_model\\.model\\.bert\\.encoder\\.layer\\.\\d+\\.attention\\.self\\.(query|value)\\.lora_[AB]");
		assertThat(deepFailed.path("status").asString()).as(deepFailed.toString()).isEqualTo("failed");
		assertThat(deepFailed.path("attempts").asInt()).as(deepFailed.toString()).isEqualTo(1);
		assertThat(deepFailed.path("last_error").asString()).as(deepFailed.toString())
			.contains("does not fit " + MINILM)
			.containsPattern("layer (6|7|8|9|10|11) does not exist; the base model has 6 layers");
		JsonNode datasetFailed = await("job " + datasetJob + " ended", Duration.ofMinutes(3), () -> job(datasetJob),
				ended, () -> "");
		assertThat(datasetFailed.path("status").asString()).as(datasetFailed.toString()).isEqualTo("failed");
		assertThat(datasetFailed.path("attempts").asInt()).as(datasetFailed.toString()).isEqualTo(1);
		assertThat(datasetFailed.path("last_error").asString()).as(datasetFailed.toString())
			.contains("The dataset of reliability/unreadable cannot be read")
			.contains("line 1: column 'label' must be a string");

		// No retry storm: with a runner polling, neither is leased again for three
		// lease durations.
		long deadline = System.nanoTime() + LEASE.multipliedBy(3).toNanos();
		while (System.nanoTime() < deadline) {
			for (long id : List.of(wideJob, deepJob, datasetJob)) {
				JsonNode job = job(id);
				assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("failed");
				assertThat(job.path("attempts").asInt()).as(job.toString()).isEqualTo(1);
			}
			Thread.sleep(500);
		}
		for (String repository : List.of("reliability/wide-lora", "reliability/deep-lora", "reliability/good-lora")) {
			JsonNode evaluations = this.fixtures.evaluations(repository, "1.0.0");
			assertThat(evaluations.path("jobs")).hasSize(1);
			assertThat(evaluations.path("results")).as(evaluations.toString()).isEmpty();
		}
	}

	@Test
	@Order(3)
	void twoRealRunnersScoreEveryQueuedJobExactlyOnce() throws Exception {
		List<String> repositories = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			String name = "queued-lora-" + i;
			Path directory = this.dataDir.resolve("adapters/" + name);
			AdapterWriter.write(
					AdapterInit.lora(name, this.miniLm, List.of(LayerModule.QUERY, LayerModule.VALUE), 4, 8,
							List.of("negative", "positive"), 20 + i),
					AdapterFormat.PEFT, directory, MINILM, this.miniLm);
			createRepository("reliability", name, "tiny");
			publish("reliability/" + name, "1.0.0", directory);
			repositories.add("reliability/" + name);
		}
		runner("runner-b");
		runner("runner-c");
		Set<String> scoredBy = new HashSet<>();
		for (String repository : repositories) {
			long id = onlyJob(repository);
			JsonNode job = await("job " + id + " of " + repository + " finished", Duration.ofMinutes(3), () -> job(id),
					(j) -> Set.of("succeeded", "failed").contains(j.path("status").asString()), () -> "");
			assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("succeeded");
			assertThat(job.path("attempts").asInt()).as(job.toString()).isEqualTo(1);
			JsonNode evaluations = this.fixtures.evaluations(repository, "1.0.0");
			assertThat(evaluations.path("jobs")).hasSize(1);
			assertThat(evaluations.path("results")).as(evaluations.toString()).hasSize(1);
			JsonNode result = evaluations.path("results").get(0);
			assertThat(result.path("benchmark").asString()).isEqualTo("reliability/tiny");
			assertThat(result.path("runner").asString()).isEqualTo(job.path("runner").asString());
			scoredBy.add(result.path("runner").asString());
		}
		assertThat(scoredBy).isSubsetOf(runnerId("runner-b"), runnerId("runner-c"));
	}

	/** A benchmark with its spec and dataset. */
	private void benchmark(String id, String spec, String dataset) {
		Response put = this.hub.json("PUT", "/api/v1/benchmarks/" + id, this.admin, spec);
		assertThat(put.status()).as(put.toString()).isIn(200, 201);
		Response uploaded = this.hub.raw("PUT", "/api/v1/benchmarks/" + id + "/dataset", this.admin,
				"application/x-ndjson", dataset.getBytes(StandardCharsets.UTF_8));
		assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(200);
	}

	/** The id of the one job that publishing version 1.0.0 queued. */
	private long onlyJob(String repository) {
		JsonNode jobs = this.fixtures.evaluations(repository, "1.0.0").path("jobs");
		assertThat(jobs).as(repository + ": " + jobs).hasSize(1);
		return jobs.get(0).path("id").asLong();
	}

	private void createRepository(String namespace, String name, String subtask) {
		Response created = this.hub.json("POST", "/api/v1/adapters", this.admin, "{\"namespace\":\"" + namespace
				+ "\",\"name\":\"" + name + "\",\"task\":\"sentiment\",\"subtask\":\"" + subtask + "\"}");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
	}

	private void publish(String repository, String version, Path directory) throws IOException {
		List<FileUpload> files;
		try (Stream<Path> listing = Files.list(directory)) {
			files = listing.filter(Files::isRegularFile).sorted().map((file) -> {
				try {
					return FileUpload.of(file.getFileName().toString(), Files.readAllBytes(file));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}).toList();
		}
		Response published = this.hub.publish("/api/v1/adapters/" + repository + "/versions/" + version, this.admin,
				files);
		assertThat(published.status()).as(published.toString()).isEqualTo(201);
	}

	private JsonNode job(long id) {
		Response response = this.hub.get("/api/v1/jobs/" + id);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	private String runnerId(String name) {
		Response listed = this.hub.get("/api/v1/runners", Map.of("Authorization", "Bearer " + this.admin));
		assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
		for (JsonNode runner : listed.json()) {
			if (runner.path("name").asString().equals(name)) {
				return runner.path("id").asString();
			}
		}
		throw new AssertionError("No runner " + name + " in " + listed);
	}

	/** A runner in its own JVM, as an operator starts one. */
	private Process startRunnerProcess(String name, Path log) throws IOException {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true",
				"--enable-native-access=ALL-UNNAMED", "-Xmx1g", EvaluationRunner.class.getName(), "--hub",
				this.hub.base().toString(), "--token", this.runnerToken, "--name", name, "--device", "cpu", "--cache",
				this.dataDir.resolve("cache-" + name).toAbsolutePath().toString());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("OPT_OUT_TRACKING", "true");
		Process process = builder.start();
		this.processes.add(process);
		return process;
	}

	/**
	 * A runner on a thread of this JVM; started once per name, closed after the class.
	 */
	private InProcessRunner runner(String name) {
		return this.runners.computeIfAbsent(name, (key) -> {
			EvaluationRunner runner = new EvaluationRunner(new RunnerSettings(this.hub.base().toString(),
					this.runnerToken, key, "cpu", this.dataDir.resolve("cache-" + key), Duration.ofMillis(500)));
			Thread thread = new Thread(runner, key);
			thread.setDaemon(true);
			thread.start();
			return new InProcessRunner(runner, thread);
		});
	}

	private static JsonNode await(String what, Duration timeout, java.util.function.Supplier<JsonNode> poll,
			Predicate<JsonNode> done, java.util.function.Supplier<String> diagnostics) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		JsonNode last = null;
		while (System.nanoTime() < deadline) {
			last = poll.get();
			if (done.test(last)) {
				return last;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("Not " + what + " within " + timeout + ": " + last + "\n" + diagnostics.get());
	}

	private static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex + ")";
		}
	}

	private static Path shared() {
		return Path.of(System.getProperty("plugboard.shared-data", "../../shared/data"));
	}

	private record InProcessRunner(EvaluationRunner runner, Thread thread) {

		void close() {
			this.runner.stop();
			try {
				this.thread.join(Duration.ofMinutes(1));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.runner.close();
		}

	}

}
