package dev.plugboard.registry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.plugboard.registry.HubClient.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.plugboard.registry.EvaluationFixtures.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub side of evaluation on a hub of its own (leases of two seconds, so expiry is
 * quick to test, and a queue no other test fills), driven by fake runners over plain
 * HTTP: benchmarks, dispatch on publish, the lease protocol under concurrency, expiry,
 * failures and retries, results and leaderboards, and every bad input as a problem.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvaluationIT {

	private static final long LEASE_MILLIS = 2000;

	private final Path dataDir = Path.of("target", "evaluation-it", UUID.randomUUID().toString());

	private ConfigurableApplicationContext context;

	private HubClient hub;

	private String admin;

	private EvaluationFixtures fixtures;

	private String runnerToken;

	private String janitor;

	@BeforeAll
	void start() throws Exception {
		this.context = new SpringApplicationBuilder(PlugboardApplication.class).run("--server.port=0",
				"--plugboard.data-dir=" + this.dataDir, "--plugboard.evaluation.lease-duration=" + LEASE_MILLIS + "ms",
				"--plugboard.evaluation.heartbeat-interval=500ms", "--plugboard.evaluation.reclaim-interval=1h");
		this.hub = HubClient.of(this.context);
		this.admin = Files.readString(this.dataDir.resolve("admin-token")).strip();
		this.fixtures = new EvaluationFixtures(this.hub, this.admin);
		this.runnerToken = this.fixtures.runnerToken();
		this.janitor = this.fixtures.register(this.runnerToken, "janitor");
	}

	@AfterAll
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
	}

	/** Each test starts with an empty queue: whatever an earlier one left is failed. */
	@BeforeEach
	void drain() {
		Response leased;
		while ((leased = this.fixtures.lease(this.runnerToken, this.janitor)).status() == 200) {
			this.fixtures.failure(this.runnerToken, leased.json(), "drained", false);
		}
		assertThat(leased.status()).as(leased.toString()).isEqualTo(204);
	}

	@Test
	void benchmarksAreWrittenByAdminsAndReadByAnyone() throws Exception {
		String ns = unique("glue");
		String id = ns + "/sst2";
		String spec = EvaluationFixtures.spec("sentiment", "sst-2");
		assertProblem(this.hub.json("PUT", "/api/v1/benchmarks/" + id, null, spec), 401, "unauthenticated");
		assertProblem(this.hub.json("PUT", "/api/v1/benchmarks/" + id, token(ns, "write"), spec), 403,
				"permission-denied");
		assertProblem(this.hub.json("PUT", "/api/v1/benchmarks/" + id, this.runnerToken, spec), 403,
				"permission-denied");
		Response created = this.hub.json("PUT", "/api/v1/benchmarks/" + id, this.admin, spec);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.json().path("spec").path("id").asString()).as("id filled in").isEqualTo(id);
		assertThat(created.json().path("adapterhub_task").asString()).isEqualTo("sentiment");
		assertThat(created.json().path("primary_metric").asString()).isEqualTo("accuracy");
		assertThat(created.json().path("dataset").isNull()).isTrue();
		assertThat(this.hub.json("PUT", "/api/v1/benchmarks/" + id, this.admin, spec).status()).as("replaced")
			.isEqualTo(200);
		assertProblem(this.hub.get("/api/v1/benchmarks/" + id + "/dataset"), 404, "dataset-not-found");

		byte[] dataset = EvaluationFixtures.DATASET.getBytes(StandardCharsets.UTF_8);
		assertProblem(this.hub.raw("PUT", "/api/v1/benchmarks/" + id + "/dataset", token(ns, "write"),
				"application/x-ndjson", dataset), 403, "permission-denied");
		Response uploaded = this.hub.raw("PUT", "/api/v1/benchmarks/" + id + "/dataset", this.admin,
				"application/x-ndjson", dataset);
		assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(200);
		String sha256 = java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(dataset));
		assertThat(uploaded.json().path("dataset").path("sha256").asString()).isEqualTo(sha256);
		assertThat(uploaded.json().path("dataset").path("size").asLong()).isEqualTo(dataset.length);
		assertThat(uploaded.json().path("dataset").path("path").asString()).isEqualTo("dev.jsonl");

		Response download = this.hub.get("/api/v1/benchmarks/" + id + "/dataset");
		assertThat(download.status()).isEqualTo(200);
		assertThat(download.body()).isEqualTo(dataset);
		assertThat(download.header("ETag")).isEqualTo("\"" + sha256 + "\"");
		assertThat(download.header("X-Checksum-Sha256")).isEqualTo(sha256);
		assertThat(this.hub
			.get("/api/v1/benchmarks/" + id + "/dataset", java.util.Map.of("If-None-Match", "\"" + sha256 + "\""))
			.status()).isEqualTo(304);
		assertThat(this.hub.json("PUT", "/api/v1/benchmarks/" + id, this.admin, spec)
			.json()
			.path("dataset")
			.path("sha256")
			.asString()).as("a new spec keeps the dataset").isEqualTo(sha256);

		assertThat(this.hub.get("/api/v1/benchmarks/" + id).json().path("spec").path("input_columns").get(0).asString())
			.isEqualTo("sentence");
		assertThat(this.hub.get("/api/v1/benchmarks").json().path("items").findValuesAsString("id")).contains(id);
		assertThat(this.hub.get("/api/v1/benchmarks?task=sentiment&subtask=sst-2")
			.json()
			.path("items")
			.findValuesAsString("id")).contains(id);
		assertThat(this.hub.get("/api/v1/benchmarks?task=nothing").json().path("items").isEmpty()).isTrue();
	}

	@Test
	void badBenchmarksAreProblems() {
		String ns = unique("bad");
		Response invalid = this.hub.json("PUT", "/api/v1/benchmarks/" + ns + "/x", this.admin,
				"{\"id\":\"other/x\",\"input_columns\":[],\"metrics\":[\"accuracy\"],\"primary_metric\":\"f1\","
						+ "\"adapterhub_task\":\"sentiment\"}");
		assertProblem(invalid, 400, "invalid-benchmark-spec");
		assertThat(invalid.json().path("violations").findValuesAsString("subject")).contains("id", "input_columns",
				"label_column", "primary_metric", "adapterhub_subtask");
		assertProblem(this.hub.json("PUT", "/api/v1/benchmarks/" + ns + "/x", this.admin, "[1]"), 400,
				"invalid-benchmark-spec");
		// What the runner's parser refuses, no runner could run: the hub refuses it too.
		Response unreadable = this.hub.json("PUT", "/api/v1/benchmarks/" + ns + "/Upper", this.admin,
				EvaluationFixtures.spec("t", "s"));
		assertProblem(unreadable, 400, "invalid-benchmark-spec");
		assertThat(unreadable.json().path("violations").get(0).path("reason").asString()).contains("lowercase");
		assertProblem(
				this.hub.json("PUT", "/api/v1/benchmarks/" + ns + "/x", this.admin,
						EvaluationFixtures.spec("t", "s").replace("{", "{\"colour\": \"red\", ")),
				400, "invalid-benchmark-spec");
		assertProblem(this.hub.json("PUT", "/api/v1/benchmarks/" + ns + "/x", this.admin, "{\"metrics\":"), 400,
				"malformed-body");
		assertProblem(this.hub.json("PUT", "/api/v1/benchmarks/" + ns + "/a..b", this.admin,
				EvaluationFixtures.spec("t", "s")), 400, "invalid-name");
		assertProblem(this.hub.get("/api/v1/benchmarks/" + ns + "/nothing"), 404, "benchmark-not-found");
		assertProblem(this.hub.get("/api/v1/benchmarks/" + ns + "/nothing/leaderboard"), 404, "benchmark-not-found");
		assertProblem(this.hub.raw("PUT", "/api/v1/benchmarks/" + ns + "/nothing/dataset", this.admin,
				"application/octet-stream", new byte[] { 1 }), 404, "benchmark-not-found");
		this.hub.json("PUT", "/api/v1/benchmarks/" + ns + "/x", this.admin, EvaluationFixtures.spec("t", "s"));
		assertProblem(this.hub.raw("PUT", "/api/v1/benchmarks/" + ns + "/x/dataset", this.admin,
				"application/octet-stream", new byte[0]), 400, "invalid-request");
		assertProblem(this.hub.get("/api/v1/benchmarks/" + ns + "/x/leaderboard?limit=0"), 400, "invalid-request");
	}

	@Test
	void publishingAMatchingVersionQueuesItsJobsWithThePublish() {
		Scenario s = scenario();
		Response published = this.fixtures.publish(s.ns + "/lora", "1.0.0", 1f);
		assertThat(published.status()).as(published.toString()).isEqualTo(201);
		// The job is there as soon as the publish answers: it committed with the version.
		JsonNode jobs = this.fixtures.evaluations(s.ns + "/lora", "1.0.0").path("jobs");
		assertThat(jobs).hasSize(1);
		JsonNode job = jobs.get(0);
		assertThat(job.path("status").asString()).isEqualTo("queued");
		assertThat(job.path("trigger").asString()).isEqualTo("publish");
		assertThat(job.path("benchmark").asString()).isEqualTo(s.benchmark);
		assertThat(job.path("base_model").path("repository").asString()).isEqualTo(s.baseModel);
		assertThat(job.path("base_model").path("version").asString()).isEqualTo("1.0.0");
		assertThat(job.has("lease_id")).as("the lease id is the runner's secret").isFalse();
		assertThat(this.fixtures.publish(s.ns + "/lora", "1.0.0", 1f).status()).as("idempotent retry").isEqualTo(200);
		assertThat(this.fixtures.evaluations(s.ns + "/lora", "1.0.0").path("jobs")).hasSize(1);

		this.fixtures.adapter(s.ns, "other-task", s.task, "other", s.baseModel, "lora");
		this.fixtures.publish(s.ns + "/other-task", "1.0.0", 2f);
		assertThat(this.fixtures.evaluations(s.ns + "/other-task", "1.0.0").path("jobs")).isEmpty();
		this.fixtures.adapter(s.ns, "no-base", s.task, s.subtask, "nobody/unknown-model", "lora");
		this.fixtures.publish(s.ns + "/no-base", "1.0.0", 3f);
		assertThat(this.fixtures.evaluations(s.ns + "/no-base", "1.0.0").path("jobs"))
			.as("its base model is not available")
			.isEmpty();
		// A refused publish queues nothing either.
		assertThat(this.hub
			.publish("/api/v1/adapters/" + s.ns + "/lora/versions/2.0.0", this.admin,
					List.of(HubClient.FileUpload.of("adapter_config.json", "{")))
			.status()).isEqualTo(400);
		assertProblem(this.hub.get("/api/v1/adapters/" + s.ns + "/lora/versions/2.0.0/evaluations"), 404,
				"version-not-found");

		JsonNode leased = this.fixtures.lease(this.runnerToken, this.janitor).json();
		assertThat(leased.path("id").asLong()).isEqualTo(job.path("id").asLong());
		assertThat(this.fixtures.lease(this.runnerToken, this.janitor).status()).isEqualTo(204);
		assertThat(this.fixtures.result(this.runnerToken, leased, 0.5).status()).isEqualTo(200);
	}

	@Test
	void aLeaseCarriesEverythingARunnerFetchesAndAResultIsIdempotent() {
		Scenario s = scenario();
		this.fixtures.publish(s.ns + "/lora", "1.0.0", 1f);
		String runner = this.fixtures.register(this.runnerToken, "worker-" + s.ns);
		Response leasedResponse = this.fixtures.lease(this.runnerToken, runner);
		assertThat(leasedResponse.status()).as(leasedResponse.toString()).isEqualTo(200);
		JsonNode leased = leasedResponse.json();
		assertThat(leased.path("attempt").asInt()).isEqualTo(1);
		assertThat(leased.path("max_attempts").asInt()).isEqualTo(3);
		assertThat(UUID.fromString(leased.path("lease_id").asString())).isNotNull();
		assertThat(leased.path("benchmark").path("id").asString()).isEqualTo(s.benchmark);
		assertThat(leased.path("benchmark").path("spec").path("primary_metric").asString()).isEqualTo("accuracy");
		Response dataset = this.hub.get(path(leased.path("benchmark").path("dataset").path("download_url").asString()));
		assertThat(dataset.text()).isEqualTo(EvaluationFixtures.DATASET);
		JsonNode adapter = leased.path("adapter");
		assertThat(adapter.path("repository").asString()).isEqualTo(s.ns + "/lora");
		assertThat(adapter.path("version").asString()).isEqualTo("1.0.0");
		assertThat(adapter.path("files").findValuesAsString("path")).containsExactly("README.md", "adapter_config.json",
				"adapter_model.safetensors");
		JsonNode weights = adapter.path("files").get(2);
		Response downloaded = this.hub.get(path(weights.path("download_url").asString()));
		assertThat(downloaded.body()).isEqualTo(AdapterFixtures.loraWeights(2, 1f));
		assertThat(downloaded.header("X-Checksum-Sha256")).isEqualTo(weights.path("sha256").asString());
		JsonNode base = leased.path("base_model");
		assertThat(base.path("repository").asString()).isEqualTo(s.baseModel);
		assertThat(base.path("files").findValuesAsString("path")).containsExactly("config.json", "model.safetensors");

		Response heartbeat = this.fixtures.heartbeat(this.runnerToken, leased);
		assertThat(heartbeat.status()).as(heartbeat.toString()).isEqualTo(200);
		assertThat(heartbeat.json().path("lease_expires_at").asString())
			.isGreaterThanOrEqualTo(leased.path("lease_expires_at").asString());

		long outboxRows = outboxRows();
		Response first = this.fixtures.result(this.runnerToken, leased, 0.75);
		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		assertThat(first.json().path("recorded").asBoolean()).isTrue();
		assertThat(first.json().path("job").path("status").asString()).isEqualTo("succeeded");
		assertThat(outboxRows()).as("the result queued the repository for the search index").isEqualTo(outboxRows + 1);
		Response again = this.fixtures.result(this.runnerToken, leased, 0.99);
		assertThat(again.status()).as(again.toString()).isEqualTo(200);
		assertThat(again.json().path("recorded").asBoolean()).isFalse();
		assertThat(outboxRows()).isEqualTo(outboxRows + 1);
		assertProblem(this.fixtures.heartbeat(this.runnerToken, leased), 409, "lease-lost");
		assertProblem(this.fixtures.failure(this.runnerToken, leased, "late", true), 409, "lease-lost");

		JsonNode evaluations = this.fixtures.evaluations(s.ns + "/lora", "1.0.0");
		assertThat(evaluations.path("jobs").get(0).path("status").asString()).isEqualTo("succeeded");
		assertThat(evaluations.path("jobs").get(0).path("attempts").asInt()).isEqualTo(1);
		JsonNode result = evaluations.path("results").get(0);
		assertThat(result.path("benchmark").asString()).isEqualTo(s.benchmark);
		assertThat(result.path("score").asDouble()).as("the second post changed nothing").isEqualTo(0.75);
		assertThat(result.path("metrics").path("f1").asDouble()).isEqualTo(0.5);
		assertThat(result.path("timings_ms").path("compute").asDouble()).isEqualTo(800);
		assertThat(result.path("runtime").path("djl").asString()).isEqualTo("0.35.1");
		assertThat(result.path("device").asString()).isEqualTo("cpu");
		assertThat(result.path("examples").asLong()).isEqualTo(2);
		assertThat(result.path("runner").asString()).isEqualTo(runner);
		assertThat(result.path("base_model").path("repository").asString()).isEqualTo(s.baseModel);
		assertThat(result.path("dataset_sha256").asString()).hasSize(64);
		assertThat(this.hub.get("/api/v1/jobs/" + leased.path("id").asLong()).json().path("status").asString())
			.isEqualTo("succeeded");
	}

	@Test
	void twoRunnersLeasingConcurrentlyNeverGetTheSameJob() throws Exception {
		Scenario s = scenario();
		int count = 20;
		for (int i = 0; i < count; i++) {
			assertThat(this.fixtures.publish(s.ns + "/lora", "1.0." + i, i).status()).isEqualTo(201);
		}
		String tokenB = this.fixtures.runnerToken();
		List<String> runners = List.of(this.fixtures.register(this.runnerToken, "a-" + s.ns),
				this.fixtures.register(tokenB, "b-" + s.ns));
		List<String> tokens = List.of(this.runnerToken, tokenB);
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<List<Long>>> workers = new ArrayList<>();
			for (int r = 0; r < 2; r++) {
				String token = tokens.get(r);
				String runner = runners.get(r);
				Callable<List<Long>> work = () -> {
					go.await();
					List<Long> mine = new ArrayList<>();
					Response leased;
					while ((leased = this.fixtures.lease(token, runner)).status() == 200) {
						mine.add(leased.json().path("id").asLong());
						assertThat(this.fixtures.result(token, leased.json(), 0.5).status()).isEqualTo(200);
					}
					assertThat(leased.status()).isEqualTo(204);
					return mine;
				};
				workers.add(pool.submit(work));
			}
			go.countDown();
			List<Long> a = workers.get(0).get();
			List<Long> b = workers.get(1).get();
			Set<Long> all = new HashSet<>(a);
			all.addAll(b);
			assertThat(a.size() + b.size()).isEqualTo(count);
			assertThat(all).as("no job was handed out twice").hasSize(count);
			assertThat(Collections.disjoint(a, b)).isTrue();
		}
		finally {
			pool.shutdownNow();
		}
		for (int i = 0; i < count; i++) {
			JsonNode job = this.fixtures.evaluations(s.ns + "/lora", "1.0." + i).path("jobs").get(0);
			assertThat(job.path("status").asString()).isEqualTo("succeeded");
			assertThat(job.path("attempts").asInt()).isEqualTo(1);
		}
	}

	@Test
	void anExpiredLeaseReturnsTheJobAndTheOldLeaseIsRefused() throws Exception {
		Scenario s = scenario();
		this.fixtures.publish(s.ns + "/lora", "1.0.0", 1f);
		String first = this.fixtures.register(this.runnerToken, "dies-" + s.ns);
		String second = this.fixtures.register(this.runnerToken, "lives-" + s.ns);
		JsonNode old = this.fixtures.lease(this.runnerToken, first).json();
		assertThat(this.fixtures.lease(this.runnerToken, second).status()).as("the job is held").isEqualTo(204);
		Thread.sleep(LEASE_MILLIS + 500);
		assertProblem(this.fixtures.heartbeat(this.runnerToken, old), 409, "lease-lost");
		assertProblem(this.fixtures.result(this.runnerToken, old, 0.1), 409, "lease-lost");

		JsonNode retaken = this.fixtures.lease(this.runnerToken, second).json();
		assertThat(retaken.path("id").asLong()).isEqualTo(old.path("id").asLong());
		assertThat(retaken.path("attempt").asInt()).isEqualTo(2);
		assertThat(retaken.path("lease_id").asString()).isNotEqualTo(old.path("lease_id").asString());
		assertProblem(this.fixtures.result(this.runnerToken, old, 0.1), 409, "lease-lost");
		assertProblem(this.fixtures.failure(this.runnerToken, old, "late", false), 409, "lease-lost");
		assertThat(this.fixtures.result(this.runnerToken, retaken, 0.8).status()).isEqualTo(200);
		JsonNode evaluations = this.fixtures.evaluations(s.ns + "/lora", "1.0.0");
		assertThat(evaluations.path("results").get(0).path("score").asDouble()).isEqualTo(0.8);
		assertThat(evaluations.path("jobs").get(0).path("attempts").asInt()).isEqualTo(2);
		assertThat(evaluations.path("jobs").get(0).path("last_error").asString()).contains("expired");
	}

	@Test
	void aLeaseKeptAliveByHeartbeatsOutlivesTheLeaseDuration() throws Exception {
		Scenario s = scenario();
		this.fixtures.publish(s.ns + "/lora", "1.0.0", 1f);
		String runner = this.fixtures.register(this.runnerToken, "slow-" + s.ns);
		JsonNode leased = this.fixtures.lease(this.runnerToken, runner).json();
		for (int i = 0; i < 6; i++) {
			Thread.sleep(LEASE_MILLIS / 3);
			assertThat(this.fixtures.heartbeat(this.runnerToken, leased).status()).isEqualTo(200);
			assertThat(this.fixtures.lease(this.runnerToken, this.janitor).status()).isEqualTo(204);
		}
		assertThat(this.fixtures.result(this.runnerToken, leased, 0.6).status()).isEqualTo(200);
	}

	@Test
	void aNonRetryableFailureFailsTheJobOnceWithItsReason() {
		Scenario s = scenario();
		this.fixtures.publish(s.ns + "/lora", "1.0.0", 1f);
		String runner = this.fixtures.register(this.runnerToken, "strict-" + s.ns);
		JsonNode leased = this.fixtures.lease(this.runnerToken, runner).json();
		String reason = "lora_A of layer 0 has shape [2, 8]; the base model's query is [4, 4]";
		Response failed = this.fixtures.failure(this.runnerToken, leased, reason, false);
		assertThat(failed.status()).as(failed.toString()).isEqualTo(200);
		assertThat(failed.json().path("recorded").asBoolean()).isTrue();
		assertThat(failed.json().path("job").path("status").asString()).isEqualTo("failed");
		assertThat(failed.json().path("job").path("last_error").asString()).isEqualTo(reason);
		assertThat(this.fixtures.lease(this.runnerToken, runner).status()).as("no retry").isEqualTo(204);
		Response again = this.fixtures.failure(this.runnerToken, leased, reason, false);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().path("recorded").asBoolean()).isFalse();
		assertProblem(this.fixtures.result(this.runnerToken, leased, 0.5), 409, "lease-lost");
		JsonNode job = this.fixtures.evaluations(s.ns + "/lora", "1.0.0").path("jobs").get(0);
		assertThat(job.path("attempts").asInt()).isEqualTo(1);
		assertThat(job.path("finished_at").isNull()).isFalse();
	}

	@Test
	void retryableFailuresAreLeasedAgainUntilTheAttemptsAreSpent() {
		Scenario s = scenario();
		this.fixtures.publish(s.ns + "/lora", "1.0.0", 1f);
		String runner = this.fixtures.register(this.runnerToken, "flaky-" + s.ns);
		for (int attempt = 1; attempt <= 3; attempt++) {
			Response leased = this.fixtures.lease(this.runnerToken, runner);
			assertThat(leased.status()).as("attempt " + attempt).isEqualTo(200);
			assertThat(leased.json().path("attempt").asInt()).isEqualTo(attempt);
			Response failed = this.fixtures.failure(this.runnerToken, leased.json(), "network down " + attempt, true);
			assertThat(failed.json().path("job").path("status").asString())
				.isEqualTo((attempt < 3) ? "queued" : "failed");
		}
		assertThat(this.fixtures.lease(this.runnerToken, runner).status()).isEqualTo(204);
		JsonNode job = this.fixtures.evaluations(s.ns + "/lora", "1.0.0").path("jobs").get(0);
		assertThat(job.path("status").asString()).isEqualTo("failed");
		assertThat(job.path("attempts").asInt()).isEqualTo(3);
		assertThat(job.path("last_error").asString()).isEqualTo("network down 3");
	}

	@Test
	void theLeaderboardRanksTheBestPublishedVersionOfEachRepository() {
		Scenario s = scenario();
		String otherBase = this.fixtures.baseModel(s.ns + "-b");
		this.fixtures.adapter(s.ns, "bn", s.task, s.subtask, otherBase, "seq_bn");
		this.fixtures.adapter(s.ns, "yanked", s.task, s.subtask, s.baseModel, "lora");
		score(s.ns + "/lora", "1.0.0", 0.80);
		score(s.ns + "/lora", "1.1.0", 0.90);
		score(s.ns + "/lora", "1.2.0", 0.70);
		score(s.ns + "/bn", "1.0.0", 0.85);
		score(s.ns + "/yanked", "1.0.0", 0.99);
		assertThat(this.hub.json("POST", "/api/v1/adapters/" + s.ns + "/yanked/versions/1.0.0/yank", this.admin, "{}")
			.status()).isEqualTo(200);

		String board = "/api/v1/benchmarks/" + s.benchmark + "/leaderboard";
		JsonNode all = this.hub.get(board).json();
		assertThat(all.path("primary_metric").asString()).isEqualTo("accuracy");
		JsonNode entries = all.path("entries");
		assertThat(repositories(entries)).containsExactly(s.ns + "/lora", s.ns + "/bn");
		assertThat(entries.get(0).path("version").asString()).isEqualTo("1.1.0");
		assertThat(entries.get(0).path("score").asDouble()).isEqualTo(0.90);
		assertThat(entries.get(0).path("rank").asInt()).isEqualTo(1);
		assertThat(entries.get(0).path("method").asString()).isEqualTo("lora");
		assertThat(entries.get(0).path("model_name").asString()).isEqualTo(s.baseModel);
		assertThat(entries.get(0).path("base_model").path("repository").asString()).isEqualTo(s.baseModel);
		assertThat(entries.get(0).path("metrics").path("accuracy").asDouble()).isEqualTo(0.90);
		assertThat(entries.get(1).path("base_model").path("repository").asString()).isEqualTo(otherBase);

		assertThat(repositories(this.hub.get(board + "?method=seq_bn").json().path("entries")))
			.containsExactly(s.ns + "/bn");
		assertThat(repositories(this.hub.get(board + "?base_model=" + s.baseModel.toUpperCase(java.util.Locale.ROOT))
			.json()
			.path("entries"))).as("base model ignoring case").containsExactly(s.ns + "/lora");
		assertThat(this.hub.get(board + "?limit=1").json().path("entries")).hasSize(1);
		assertThat(this.hub.get(board + "?method=nothing").json().path("entries")).isEmpty();

		// The same ranking reaches search: documents carry the headline score, yanked
		// versions do not count, and unscored repositories sort last.
		this.fixtures.adapter(s.ns, "unscored", s.task, s.subtask, s.baseModel, "lora");
		String search = "/api/v1/search?namespace=" + s.ns + "&sort=score";
		JsonNode hits = awaitSearch(search, (found) -> found.path("hits").size() == 4
				&& found.path("hits").get(0).path("evaluation").path("value").asDouble() == 0.90);
		assertThat(hits.findValuesAsString("id")).containsExactly(s.ns + "/lora", s.ns + "/bn", s.ns + "/unscored",
				s.ns + "/yanked");
		JsonNode best = hits.get(0).path("evaluation");
		assertThat(best.path("benchmark").asString()).isEqualTo(s.benchmark);
		assertThat(best.path("metric").asString()).isEqualTo("accuracy");
		assertThat(best.path("version").asString()).isEqualTo("1.1.0");
		assertThat(hits.get(1).path("evaluation").path("value").asDouble()).isEqualTo(0.85);
		assertThat(hits.get(2).path("evaluation").isNull()).isTrue();
		assertThat(hits.get(3).path("evaluation").isNull()).as("its only scored version is yanked").isTrue();
	}

	/**
	 * Polls a search until the index caught up with the database (the outbox drains every
	 * 200 ms).
	 */
	private JsonNode awaitSearch(String search, java.util.function.Predicate<JsonNode> done) {
		long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
		JsonNode found;
		do {
			Response response = this.hub.get(search);
			assertThat(response.status()).as(response.toString()).isEqualTo(200);
			found = response.json();
			if (done.test(found)) {
				return found.path("hits");
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		while (System.nanoTime() < deadline);
		throw new AssertionError("The search index did not catch up: " + found);
	}

	@Test
	void ownersTriggerEvaluationsByHand() {
		Scenario s = scenario();
		String evaluations = "/api/v1/adapters/" + s.ns + "/lora/versions/1.0.0/evaluations";
		String write = token(s.ns, "write");
		// Published before the benchmark had a dataset: nothing was queued.
		String late = unique("late") + "/x";
		this.hub.json("PUT", "/api/v1/benchmarks/" + late, this.admin, EvaluationFixtures.spec(s.task, "x"));
		this.fixtures.publish(s.ns + "/lora", "1.0.0", 1f);
		JsonNode first = this.hub.json("POST", evaluations, write, null).json();
		assertThat(first.path("jobs")).hasSize(1);
		assertThat(first.path("jobs").get(0).path("trigger").asString()).isEqualTo("publish");
		Response accepted = this.hub.json("POST", evaluations, write, "{\"benchmark\":\"" + s.benchmark + "\"}");
		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
		assertThat(accepted.json().path("jobs").get(0).path("id").asLong()).as("the open job, not a second one")
			.isEqualTo(first.path("jobs").get(0).path("id").asLong());

		JsonNode leased = this.fixtures.lease(this.runnerToken, this.janitor).json();
		this.fixtures.result(this.runnerToken, leased, 0.5);
		Response rerun = this.hub.json("POST", evaluations, write, "{\"benchmark\":\"" + s.benchmark + "\"}");
		assertThat(rerun.status()).isEqualTo(202);
		JsonNode manual = rerun.json().path("jobs").get(0);
		assertThat(manual.path("trigger").asString()).isEqualTo("manual");
		assertThat(manual.path("status").asString()).isEqualTo("queued");
		JsonNode released = this.fixtures.lease(this.runnerToken, this.janitor).json();
		assertThat(released.path("id").asLong()).isEqualTo(manual.path("id").asLong());
		this.fixtures.result(this.runnerToken, released, 0.6);
		JsonNode both = this.fixtures.evaluations(s.ns + "/lora", "1.0.0");
		assertThat(both.path("jobs")).hasSize(2);
		assertThat(both.path("results")).as("a re-run replaces the result").hasSize(1);
		assertThat(both.path("results").get(0).path("score").asDouble()).isEqualTo(0.6);

		assertProblem(this.hub.json("POST", evaluations, null, null), 401, "unauthenticated");
		assertProblem(this.hub.json("POST", evaluations, token(unique("x"), "write"), null), 403, "permission-denied");
		assertProblem(this.hub.json("POST", evaluations, this.runnerToken, null), 403, "permission-denied");
		assertProblem(this.hub.json("POST", evaluations, write, "{\"benchmark\":\"nobody/nothing\"}"), 404,
				"benchmark-not-found");
		assertProblem(this.hub.json("POST", evaluations, write, "{\"benchmark\":\"no-slash\"}"), 400,
				"invalid-request");
		assertProblem(this.hub.json("POST", evaluations, write, "{\"benchmark\":\"" + late + "\"}"), 409,
				"benchmark-without-dataset");
		assertProblem(this.hub.json("POST", evaluations, write, "{\"benchmarks\":[]}"), 400, "invalid-request");
		assertProblem(this.hub.json("POST", evaluations, write, "[]"), 400, "malformed-body");
		assertProblem(
				this.hub.json("POST", "/api/v1/adapters/" + s.ns + "/lora/versions/9.9.9/evaluations", write, null),
				404, "version-not-found");

		this.fixtures.adapter(s.ns, "no-task", null, null, s.baseModel, "lora");
		this.fixtures.publish(s.ns + "/no-task", "1.0.0", 2f);
		assertProblem(
				this.hub.json("POST", "/api/v1/adapters/" + s.ns + "/no-task/versions/1.0.0/evaluations", write, null),
				409, "no-matching-benchmark");
		this.fixtures.adapter(s.ns, "no-base", s.task, s.subtask, "nobody/missing", "lora");
		this.fixtures.publish(s.ns + "/no-base", "1.0.0", 3f);
		assertProblem(
				this.hub.json("POST", "/api/v1/adapters/" + s.ns + "/no-base/versions/1.0.0/evaluations", write, null),
				409, "base-model-unavailable");
		this.hub.json("POST", "/api/v1/adapters/" + s.ns + "/lora/versions/1.0.0/yank", write, "{}");
		assertProblem(this.hub.json("POST", evaluations, write, null), 409, "version-yanked");
		assertProblem(this.hub.json("POST", "/api/v1/adapters/" + s.baseModel + "/versions/1.0.0/evaluations",
				this.admin, null), 400, "invalid-request");
	}

	@Test
	void theRunnerProtocolAnswersBadInputWithProblems() {
		Scenario s = scenario();
		String write = token(s.ns, "write");
		String body = "{\"name\":\"r\"}";
		assertProblem(this.hub.json("POST", "/api/v1/runners", null, body), 401, "unauthenticated");
		assertProblem(this.hub.json("POST", "/api/v1/runners", write, body), 403, "permission-denied");
		assertProblem(this.hub.json("POST", "/api/v1/runners", this.runnerToken, "{}"), 400, "invalid-request");
		assertProblem(this.hub.json("POST", "/api/v1/runners", this.runnerToken, "{\"name\":\"a b\"}"), 400,
				"invalid-request");
		assertProblem(this.hub.json("POST", "/api/v1/runners", this.runnerToken, "{\"name\":\"r\",\"memory_mb\":-1}"),
				400, "invalid-request");
		assertProblem(this.hub.json("POST", "/api/v1/runners", this.runnerToken, "\"r\""), 400, "malformed-body");
		Response registered = this.hub.json("POST", "/api/v1/runners", this.runnerToken,
				"{\"name\":\"again-" + s.ns + "\",\"device\":\"cuda:0\",\"future_field\":1}");
		assertThat(registered.status()).isEqualTo(201);
		assertThat(registered.json().path("lease_seconds").asLong()).isEqualTo(2);
		assertThat(registered.json().path("heartbeat_seconds").asLong()).as("at least a second").isEqualTo(1);
		Response updated = this.hub.json("POST", "/api/v1/runners", this.runnerToken,
				"{\"name\":\"again-" + s.ns + "\",\"device\":\"cpu\"}");
		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.json().path("id").asString()).isEqualTo(registered.json().path("id").asString());
		JsonNode listed = this.hub.get("/api/v1/runners", java.util.Map.of("Authorization", "Bearer " + this.admin))
			.json();
		assertThat(listed.findValuesAsString("name")).contains("again-" + s.ns);
		assertProblem(this.hub.get("/api/v1/runners", java.util.Map.of("Authorization", "Bearer " + this.runnerToken)),
				403, "permission-denied");

		String runner = registered.json().path("id").asString();
		assertProblem(this.fixtures.lease(write, runner), 403, "permission-denied");
		assertProblem(this.fixtures.lease(this.fixtures.runnerToken(), runner), 403, "permission-denied");
		assertProblem(this.fixtures.lease(this.runnerToken, UUID.randomUUID().toString()), 404, "runner-not-found");
		assertProblem(this.fixtures.lease(this.runnerToken, "not-a-uuid"), 400, "invalid-request");

		this.fixtures.publish(s.ns + "/lora", "1.0.0", 1f);
		JsonNode leased = this.fixtures.lease(this.runnerToken, runner).json();
		String job = "/api/v1/jobs/" + leased.path("id").asLong();
		String lease = leased.path("lease_id").asString();
		assertProblem(this.hub.json("POST", "/api/v1/jobs/999999999/heartbeat", this.runnerToken,
				"{\"lease_id\":\"" + lease + "\"}"), 404, "job-not-found");
		assertProblem(this.hub.get("/api/v1/jobs/999999999"), 404, "job-not-found");
		assertProblem(this.hub.get("/api/v1/jobs/abc"), 400, "invalid-request");
		assertProblem(this.hub.json("POST", job + "/heartbeat", write, "{\"lease_id\":\"" + lease + "\"}"), 403,
				"permission-denied");
		assertProblem(this.hub.json("POST", job + "/heartbeat", this.runnerToken, "{}"), 400, "invalid-request");
		assertProblem(this.hub.json("POST", job + "/heartbeat", this.runnerToken, "{\"lease_id\":\"x\"}"), 400,
				"invalid-request");
		assertProblem(this.hub.json("POST", job + "/heartbeat", this.runnerToken, null), 400, "malformed-body");
		assertProblem(this.hub.json("POST", job + "/heartbeat", this.runnerToken,
				"{\"lease_id\":\"" + UUID.randomUUID() + "\"}"), 409, "lease-lost");
		assertProblem(this.hub.json("POST", job + "/result", this.runnerToken,
				"{\"lease_id\":\"" + lease + "\",\"metrics\":{\"f1\":0.5}}"), 400, "invalid-result");
		assertProblem(
				this.hub.json("POST", job + "/result", this.runnerToken,
						"{\"lease_id\":\"" + lease + "\",\"metrics\":{\"accuracy\":0.5},\"primary_metric\":\"f1\"}"),
				400, "invalid-result");
		assertProblem(
				this.hub.json("POST", job + "/result", this.runnerToken,
						"{\"lease_id\":\"" + lease + "\",\"metrics\":{\"accuracy\":\"high\"}}"),
				400, "invalid-request");
		assertProblem(this.hub.json("POST", job + "/result", this.runnerToken, "{\"lease_id\":\"" + lease + "\"}"), 400,
				"invalid-request");
		assertProblem(this.hub.json("POST", job + "/failure", this.runnerToken, "{\"lease_id\":\"" + lease + "\"}"),
				400, "invalid-request");
		assertProblem(
				this.hub.json("POST", job + "/failure", this.runnerToken,
						"{\"lease_id\":\"" + lease + "\",\"reason\":\"x\",\"retryable\":\"yes\"}"),
				400, "invalid-request");
		assertThat(this.hub.get(job).json().path("status").asString()).as("still leased after bad reports")
			.isEqualTo("leased");
		assertThat(this.fixtures.result(this.runnerToken, leased, 0.5).status()).isEqualTo(200);
	}

	/**
	 * Rows ever written to the search outbox (the indexer deletes them as it goes, so the
	 * sequence counts them).
	 */
	private long outboxRows() {
		return this.context.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
			.queryForObject("select last_value from search_outbox_id_seq", Long.class);
	}

	private void score(String repository, String version, double accuracy) {
		assertThat(this.fixtures.publish(repository, version, (float) accuracy).status()).isEqualTo(201);
		JsonNode leased = this.fixtures.lease(this.runnerToken, this.janitor).json();
		assertThat(leased.path("adapter").path("repository").asString()).isEqualTo(repository);
		assertThat(this.fixtures.result(this.runnerToken, leased, accuracy).status()).isEqualTo(200);
	}

	/**
	 * A base model, a benchmark for a task and subtask of this test alone, and an adapter
	 * repository {@code ns/lora} matching both.
	 */
	private Scenario scenario() {
		String ns = unique("ev");
		String task = "task-" + ns;
		String subtask = "sub";
		String baseModel = this.fixtures.baseModel(ns);
		String benchmark = ns + "/bench";
		this.fixtures.benchmark(benchmark, task, subtask);
		this.fixtures.adapter(ns, "lora", task, subtask, baseModel, "lora");
		return new Scenario(ns, task, subtask, baseModel, benchmark);
	}

	private String token(String namespace, String permission) {
		Response response = this.hub.json("POST", "/api/v1/tokens", this.admin,
				"{\"namespace\":\"" + namespace + "\",\"permission\":\"" + permission + "\"}");
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.json().path("token").asString();
	}

	private static List<String> repositories(JsonNode entries) {
		List<String> repositories = new ArrayList<>();
		entries.forEach((entry) -> repositories.add(entry.path("repository").asString()));
		return repositories;
	}

	private static String path(String url) {
		return java.net.URI.create(url).getRawPath();
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private record Scenario(String ns, String task, String subtask, String baseModel, String benchmark) {
	}

}
