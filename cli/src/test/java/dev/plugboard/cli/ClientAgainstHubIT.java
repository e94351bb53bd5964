package dev.plugboard.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import ai.djl.Device;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.plugboard.client.PlugboardClient;
import dev.plugboard.runner.BenchmarkUpload;
import dev.plugboard.runtime.AdaptedModel;
import dev.plugboard.runtime.adapters.AdapterFormat;
import dev.plugboard.runtime.adapters.AdapterWriter;
import dev.plugboard.runtime.adapters.StitchedAdapter;
import dev.plugboard.runtime.encoder.LayerModule;
import dev.plugboard.runtime.encoder.ModelDirectory;
import dev.plugboard.runtime.training.AdapterInit;
import dev.plugboard.runtime.training.Evaluation;
import dev.plugboard.runtime.training.LabelledText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client SDK and the CLI against a real hub in its own process (embedded PostgreSQL
 * and S3, the bundled MiniLM, the embedded runner): push, pull, stitch and predict; the
 * cache surviving a stopped hub, corruption, a cut connection and two processes at once;
 * and the failures users meet most, with their messages and exit codes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientAgainstHubIT {

	private static final String BASE_MODEL = "sentence-transformers/all-MiniLM-L6-v2";

	private static final String ADAPTER = "it/sst2-lora";

	private static final Path REFERENCE_LORA = Path.of("../adapter-runtime/target/reference-adapters/sst-2-lora");

	private final Path work = Path.of("target", "client-it", UUID.randomUUID().toString()).toAbsolutePath();

	private RunningHub hub;

	private String admin;

	/** The cache of the first pull, kept for the pull with the hub stopped. */
	private Path firstCache;

	@BeforeAll
	void start() throws Exception {
		this.hub = RunningHub.start("--plugboard.evaluation.heartbeat-interval=5s");
		this.admin = this.hub.adminToken();
	}

	@AfterAll
	void stop() throws Exception {
		if (this.hub != null) {
			this.hub.close();
		}
	}

	@Test
	@Order(1)
	void pushPullStitchAndPredictAsTheHubsRunnerDoes() throws Exception {
		PlugboardClient adminClient = client(this.work.resolve("admin-cache"));
		assertThat(BenchmarkUpload.upload(adminClient, shared().resolve("glue"))).contains("glue/sst2");
		Path adapter = adapterToPush(adminClient);

		Cli push = cli("push", ADAPTER + "@1.0.0", adapter.toString(), "--task", "sentiment", "--subtask", "sst-2",
				"--license", "apache-2.0", "--json");
		assertThat(push.exitCode).as(push.toString()).isZero();
		assertThat(push.json().get("version").getAsString()).isEqualTo("1.0.0");

		// The embedded runner scores it by itself.
		JsonObject result = awaitResult(adminClient, Duration.ofMinutes(20));
		double runnerAccuracy = result.getAsJsonObject("metrics").get("accuracy").getAsDouble();

		this.firstCache = this.work.resolve("user-cache");
		PlugboardClient user = client(this.firstCache);
		List<LabelledText> dev = LabelledText.readTsv(shared().resolve("glue/SST-2/dev.tsv"), "sentence", "label");
		double sdkAccuracy;
		try (AdaptedModel model = AdaptedModel.pull(user, BASE_MODEL, Device.cpu())) {
			StitchedAdapter stitched = model.loadAdapter("sentiment/sst-2@it");
			assertThat(stitched.name()).isEqualTo(ADAPTER);
			model.activate(stitched.name());
			sdkAccuracy = Evaluation.accuracy(model, dev);
		}
		System.out.printf("SDK accuracy %.6f, runner accuracy %.6f%n", sdkAccuracy, runnerAccuracy);
		assertThat(sdkAccuracy).isEqualTo(runnerAccuracy);
		assertThat(result.get("examples").getAsInt()).isEqualTo(dev.size());

		Cli scores = cli("scores", ADAPTER + "@1.0.0");
		assertThat(scores.exitCode).as(scores.toString()).isZero();
		assertThat(scores.out).contains("glue/sst2")
			.contains(String.format(java.util.Locale.ROOT, "%.4f", runnerAccuracy));
		Cli search = cli("search", "sentiment", "--subtask", "sst-2", "--sort", "score", "--json");
		assertThat(search.exitCode).as(search.toString()).isZero();
		assertThat(search.out).contains(ADAPTER);
	}

	@Test
	@Order(2)
	void anEmbeddingAdapterPulledByNameEmbedsAsTheSameFilesLoadedFromDisk() throws Exception {
		Path peft = shared().resolve("real-adapters/peft-lora-minilm-l6-v2");
		Cli push = cli("push", "it/minilm-lora@1.0.0", peft.toString());
		assertThat(push.exitCode).as(push.toString()).isZero();
		List<String> texts = List.of("A gripping, beautifully acted film.", "The plot falls apart in the last act.");
		PlugboardClient user = client(this.work.resolve("embedding-cache"));
		try (AdaptedModel model = AdaptedModel.pull(user, BASE_MODEL, Device.cpu())) {
			model.activate(model.loadAdapter("it/minilm-lora").name());
			float[][] pulled = model.embed(texts, true);
			model.add(peft);
			model.activate(peft.getFileName().toString());
			float[][] local = model.embed(texts, true);
			assertThat(pulled).isDeepEqualTo(local);
		}
	}

	@Test
	@Order(3)
	void theReadmeExampleRunsAsWritten() throws Exception {
		// README.md, "Client SDK and CLI": the push, then the Java block (only the hub's
		// URL differs).
		Cli push = cli("push", "alice/minilm-sst2@1.0.0",
				shared().resolve("real-adapters/peft-lora-minilm-l6-v2").toString(), "--task", "sentiment", "--subtask",
				"sst-2");
		assertThat(push.exitCode).as(push.toString()).isZero();
		// The default cache is under the user's home: point that into the test's
		// directory.
		String home = System.getProperty("user.home");
		System.setProperty("user.home", this.work.resolve("readme-home").toString());
		try {
			PlugboardClient hub = PlugboardClient.builder(this.hub.url()).build();
			try (AdaptedModel model = AdaptedModel.pull(hub, "sentence-transformers/all-MiniLM-L6-v2")) {
				StitchedAdapter adapter = model.loadAdapter("sentiment/sst-2@alice"); // or
																						// "alice/minilm-sst2@1.0.0"
				model.activate(adapter.name());
				float[] embedding = model.embed(List.of("A gripping, beautifully acted film."), true)[0];
				assertThat(embedding).hasSize(384);
			}
		}
		finally {
			System.setProperty("user.home", home);
		}
	}

	@Test
	@Order(4)
	void aCorruptedCacheFileIsDetectedAndFetchedAgain() throws Exception {
		Path cache = this.work.resolve("corruption-cache");
		Cli first = cli("pull", ADAPTER + "@1.0.0", "--cache", cache.toString(), "--json");
		assertThat(first.exitCode).as(first.toString()).isZero();
		JsonObject weights = file(first.json(), "adapter_model.safetensors");
		Path copy = Path.of(first.json().get("directory").getAsString()).resolve("adapter_model.safetensors");
		byte[] bytes = Files.readAllBytes(copy);
		bytes[bytes.length / 2] ^= 0x5a;
		Files.write(copy, bytes);

		Cli second = cli("pull", ADAPTER + "@1.0.0", "--cache", cache.toString(), "--json");
		assertThat(second.exitCode).as(second.toString()).isZero();
		assertThat(second.json().get("downloaded_bytes").getAsLong()).as("only the damaged file is fetched again")
			.isEqualTo(weights.get("size").getAsLong());
		assertThat(sha256(copy)).isEqualTo(weights.get("sha256").getAsString());
	}

	@Test
	@Order(5)
	void aDownloadCutInTheMiddleResumesWhereItStopped() throws Exception {
		PlugboardClient probe = client(this.work.resolve("probe-cache"));
		long size = probe.resolve(ADAPTER + "@1.0.0")
			.files()
			.stream()
			.filter((f) -> f.path().equals("adapter_model.safetensors"))
			.findFirst()
			.orElseThrow()
			.size();
		long cutAfter = size / 2;
		try (CuttingProxy proxy = new CuttingProxy(this.hub.url(), "/files/adapter_model.safetensors", cutAfter)) {
			Cli pull = cli("pull", ADAPTER + "@1.0.0", "--hub", proxy.url(), "--cache",
					this.work.resolve("resume-cache").toString(), "--json");
			assertThat(pull.exitCode).as(pull.toString()).isZero();
			assertThat(sha256(Path.of(pull.json().get("directory").getAsString()).resolve("adapter_model.safetensors")))
				.isEqualTo(file(pull.json(), "adapter_model.safetensors").get("sha256").getAsString());
			List<String> weightRequests = proxy.requests()
				.stream()
				.filter((r) -> r.contains("/files/adapter_model.safetensors"))
				.toList();
			assertThat(weightRequests).as(proxy.requests().toString()).hasSize(2);
			assertThat(weightRequests.get(0)).doesNotContain("Range");
			assertThat(weightRequests.get(1)).endsWith("Range: bytes=" + cutAfter + "-");
		}
	}

	@Test
	@Order(6)
	void twoProcessesPullingTheSameAdapterAtOnceBothSucceedWithOneDownload() throws Exception {
		// No task: no evaluation job, so the runner downloads nothing while the counts
		// are
		// compared.
		Cli published = cli("push", "it/concurrent@1.0.0",
				adapterToPush(client(this.work.resolve("admin-cache"))).toString());
		assertThat(published.exitCode).as(published.toString()).isZero();
		Map<String, Long> before = downloads("it/concurrent", "1.0.0");
		Path cache = this.work.resolve("shared-cache");
		List<Process> processes = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			processes.add(new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-jar",
					Path.of("target", "plugboard-cli.jar").toAbsolutePath().toString(), "pull", "it/concurrent@1.0.0",
					"--hub", this.hub.url(), "--cache", cache.toString(), "--json")
				.redirectErrorStream(false)
				.redirectOutput(this.work.resolve("process-" + i + ".out").toFile())
				.redirectError(this.work.resolve("process-" + i + ".err").toFile())
				.start());
		}
		for (int i = 0; i < 2; i++) {
			assertThat(processes.get(i).waitFor(120, TimeUnit.SECONDS)).isTrue();
			assertThat(processes.get(i).exitValue()).as(Files.readString(this.work.resolve("process-" + i + ".err")))
				.isZero();
		}
		Map<String, Long> after = downloads("it/concurrent", "1.0.0");
		for (Map.Entry<String, Long> file : before.entrySet()) {
			assertThat(after.get(file.getKey()) - file.getValue()).as(file.getKey() + " was downloaded once")
				.isEqualTo(1);
		}
		String first = Files.readString(this.work.resolve("process-0.out"));
		String second = Files.readString(this.work.resolve("process-1.out"));
		long downloaded = JsonParser.parseString(first).getAsJsonObject().get("downloaded_bytes").getAsLong()
				+ JsonParser.parseString(second).getAsJsonObject().get("downloaded_bytes").getAsLong();
		long total = 0;
		for (JsonElement file : JsonParser.parseString(first).getAsJsonObject().getAsJsonArray("files")) {
			total += file.getAsJsonObject().get("size").getAsLong();
		}
		assertThat(downloaded).as("the bytes crossed the network once in all").isEqualTo(total);
	}

	@Test
	@Order(7)
	void wrongTokenUnknownAdapterAndHubDownGiveClearMessagesAndExitCodes() throws Exception {
		Cli wrongToken = cli("login", "--token", "pb_notARealToken");
		assertThat(wrongToken.exitCode).isEqualTo(ExitCodes.NOT_AUTHORIZED);
		assertThat(wrongToken.err).contains("unknown or revoked").contains("plugboard login");

		Cli pushWithoutRights = run("push", "other/x@1.0.0",
				shared().resolve("real-adapters/peft-lora-minilm-l6-v2").toString(), "--hub", this.hub.url(), "--token",
				"pb_notARealToken");
		assertThat(pushWithoutRights.exitCode).isEqualTo(ExitCodes.NOT_AUTHORIZED);

		Cli unknown = cli("pull", "nobody/nothing");
		assertThat(unknown.exitCode).isEqualTo(ExitCodes.NOT_FOUND);
		assertThat(unknown.err).contains("nobody/nothing");

		Cli unknownVersion = cli("pull", ADAPTER + "@9.9.9");
		assertThat(unknownVersion.exitCode).isEqualTo(ExitCodes.NOT_FOUND);

		Cli login = cli("login", "--token", this.admin);
		assertThat(login.exitCode).as(login.toString()).isZero();
		assertThat(login.out).contains("admin");

		int closed = RunningHub.freePort();
		Cli down = run("pull", "x/y", "--hub", "http://127.0.0.1:" + closed, "--retries", "1", "--cache",
				this.work.resolve("down-cache").toString());
		assertThat(down.exitCode).isEqualTo(ExitCodes.UNREACHABLE);
		assertThat(down.err).contains("cannot reach the hub at http://127.0.0.1:" + closed);

		Cli usage = run("pull");
		assertThat(usage.exitCode).isEqualTo(2);
		assertThat(usage.err).contains("REFERENCE");
	}

	@Test
	@Order(8)
	void aSecondPullIsServedFromTheCacheWithTheHubStopped() throws Exception {
		assertThat(this.firstCache).as("the first test pulled into it").isNotNull();
		Cli online = cli("pull", ADAPTER, "--cache", this.firstCache.toString(), "--json");
		assertThat(online.exitCode).as(online.toString()).isZero();
		this.hub.stop();

		Cli again = cli("pull", ADAPTER, "--cache", this.firstCache.toString(), "--retries", "0", "--json");
		assertThat(again.exitCode).as(again.toString()).isZero();
		assertThat(again.json().get("offline").getAsBoolean()).isTrue();
		assertThat(again.json().get("directory").getAsString()).isEqualTo(online.json().get("directory").getAsString());
		assertThat(again.err).contains("unreachable");

		Cli offline = cli("pull", ADAPTER + "@1.0.0", "--cache", this.firstCache.toString(), "--offline", "--json");
		assertThat(offline.exitCode).as(offline.toString()).isZero();

		Cli missing = cli("pull", "it/never-pulled", "--cache", this.firstCache.toString(), "--offline");
		assertThat(missing.exitCode).isEqualTo(ExitCodes.NOT_CACHED);
		assertThat(missing.err).contains("never pulled");

		// The base model loads from the cache too: stitching works with no hub at all.
		PlugboardClient offlineClient = PlugboardClient.builder(this.hub.url())
			.cacheDirectory(this.firstCache)
			.offline(true)
			.build();
		try (AdaptedModel model = AdaptedModel.pull(offlineClient, BASE_MODEL, Device.cpu())) {
			model.activate(model.loadAdapter("sentiment/sst-2@it").name());
			assertThat(model.classify(List.of("A gripping, beautifully acted film."))[0]).hasSize(2);
		}
	}

	private Path adapterToPush(PlugboardClient client) throws IOException {
		if (Files.isRegularFile(REFERENCE_LORA.resolve("adapter_config.json"))) {
			return REFERENCE_LORA;
		}
		// Without the trained reference adapter: an untrained one with a random head,
		// which
		// predicts just as deterministically.
		Path directory = this.work.resolve("adapter-" + UUID.randomUUID());
		ModelDirectory base = ModelDirectory.open(client.pull(BASE_MODEL).directory());
		AdapterWriter.write(
				AdapterInit.lora("sst2-lora", base.config(), List.of(LayerModule.QUERY, LayerModule.VALUE), 8, 16,
						List.of("negative", "positive"), directory.hashCode()),
				AdapterFormat.PEFT, directory, BASE_MODEL, base.config());
		return directory;
	}

	private JsonObject awaitResult(PlugboardClient client, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		JsonObject last = null;
		while (System.nanoTime() < deadline) {
			last = client.evaluations(ADAPTER, "1.0.0");
			for (JsonElement job : last.getAsJsonArray("jobs")) {
				assertThat(job.getAsJsonObject().get("status").getAsString()).as(last.toString())
					.isNotEqualTo("failed");
			}
			if (!last.getAsJsonArray("results").isEmpty()) {
				return last.getAsJsonArray("results").get(0).getAsJsonObject();
			}
			Thread.sleep(2_000);
		}
		throw new AssertionError("No result within " + timeout + ": " + last);
	}

	private Map<String, Long> downloads(String repository, String version) {
		JsonObject found = client(this.work.resolve("probe-cache"))
			.getJson("api/v1/adapters/" + repository + "/versions/" + version)
			.getAsJsonObject();
		Map<String, Long> downloads = new HashMap<>();
		for (JsonElement file : found.getAsJsonArray("files")) {
			downloads.put(file.getAsJsonObject().get("path").getAsString(),
					file.getAsJsonObject().get("downloads").getAsLong());
		}
		return downloads;
	}

	private static JsonObject file(JsonObject pulled, String path) {
		for (JsonElement file : pulled.getAsJsonArray("files")) {
			if (file.getAsJsonObject().get("path").getAsString().equals(path)) {
				return file.getAsJsonObject();
			}
		}
		throw new AssertionError(path + " not in " + pulled);
	}

	private PlugboardClient client(Path cache) {
		return PlugboardClient.builder(this.hub.url()).token(this.admin).cacheDirectory(cache).build();
	}

	/**
	 * Runs the CLI against the hub under test as the admin, with a private home and
	 * cache.
	 */
	private Cli cli(String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		if (!all.contains("--hub")) {
			all.addAll(List.of("--hub", this.hub.url()));
		}
		if (!all.contains("--token") && !args[0].equals("login")) {
			all.addAll(List.of("--token", this.admin));
		}
		if (!all.contains("--cache")) {
			all.addAll(List.of("--cache", this.work.resolve("cli-cache").toString()));
		}
		return run(all.toArray(String[]::new));
	}

	private Cli run(String... args) {
		System.setProperty("plugboard.home", this.work.resolve("home").toString());
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exitCode = Plugboard.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
		return new Cli(List.of(args), exitCode, out.toString(), err.toString());
	}

	private static String sha256(Path file) throws Exception {
		return java.util.HexFormat.of()
			.formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
	}

	private static Path shared() {
		return Path.of(System.getProperty("plugboard.shared-data", "../../shared/data"));
	}

	private record Cli(List<String> args, int exitCode, String out, String err) {

		JsonObject json() {
			return JsonParser.parseString(this.out).getAsJsonObject();
		}

	}

}
