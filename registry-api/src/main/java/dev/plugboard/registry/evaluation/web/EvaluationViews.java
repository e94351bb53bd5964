package dev.plugboard.registry.evaluation.web;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.plugboard.registry.evaluation.Benchmark;
import dev.plugboard.registry.evaluation.Benchmarks;
import dev.plugboard.registry.evaluation.EvaluationProperties;
import dev.plugboard.registry.evaluation.Job;
import dev.plugboard.registry.evaluation.Result;
import dev.plugboard.registry.evaluation.Runner;
import dev.plugboard.registry.evaluation.VersionRefs;
import dev.plugboard.registry.evaluation.VersionRefs.VersionRef;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/** The JSON shapes of the evaluation API (snake_case on the wire). */
@Component
class EvaluationViews {

	private final VersionRefs refs;

	private final Benchmarks benchmarks;

	private final EvaluationProperties properties;

	private final JsonMapper json;

	EvaluationViews(VersionRefs refs, Benchmarks benchmarks, EvaluationProperties properties, JsonMapper json) {
		this.refs = refs;
		this.benchmarks = benchmarks;
		this.properties = properties;
		this.json = json;
	}

	BenchmarkView benchmark(Benchmark benchmark) {
		JsonNode spec = tree(benchmark.spec());
		return new BenchmarkView(benchmark.id(), benchmark.namespace(), benchmark.name(), spec,
				benchmark.adapterhubTask(), benchmark.adapterhubSubtask(), benchmark.primaryMetric(),
				dataset(benchmark, spec), benchmark.createdAt(), benchmark.updatedAt(), Urls.benchmark(benchmark.id()));
	}

	/** The dataset file, named as the spec names it ({@code dataset_file}). */
	private static DatasetView dataset(Benchmark benchmark, JsonNode spec) {
		if (!benchmark.hasDataset()) {
			return null;
		}
		JsonNode file = spec.get("dataset_file");
		return new DatasetView((file != null && file.isString()) ? file.stringValue() : "dataset",
				benchmark.datasetSha256(), benchmark.datasetSize(), benchmark.datasetMediaType(),
				Urls.dataset(benchmark.id()));
	}

	RunnerView runner(Runner runner) {
		return new RunnerView(runner.id(), runner.name(), runner.tokenId(), tree(runner.capabilities()),
				runner.registeredAt(), runner.lastSeenAt());
	}

	JobView job(Job job) {
		return job(job, new HashMap<>());
	}

	List<JobView> jobs(List<Job> jobs) {
		Map<Long, VersionRef> cache = new HashMap<>();
		return jobs.stream().map((job) -> job(job, cache)).toList();
	}

	private JobView job(Job job, Map<Long, VersionRef> cache) {
		VersionRef adapter = cache.computeIfAbsent(job.versionId(), this.refs::version);
		VersionRef base = cache.computeIfAbsent(job.baseModelVersionId(), this.refs::version);
		return new JobView(job.id(), adapter.repository(), adapter.version(), job.benchmarkId(),
				new BaseModelRef(base.repository(), base.version()), job.trigger(), job.status(), job.attempts(),
				job.maxAttempts(), job.lastError(), job.leasedBy(), job.leaseExpiresAt(), job.createdAt(),
				job.updatedAt(), job.finishedAt(), Urls.job(job.id()));
	}

	/** What a runner needs to run a job it leased, with the URLs to fetch everything. */
	LeaseView lease(Job job) {
		Benchmark benchmark = this.benchmarks.find(job.benchmarkId());
		VersionRef adapter = this.refs.version(job.versionId());
		VersionRef base = this.refs.version(job.baseModelVersionId());
		JsonNode spec = tree(benchmark.spec());
		return new LeaseView(job.id(), job.leaseId(), job.leaseExpiresAt(), job.attempts(), job.maxAttempts(),
				Math.max(1, this.properties.heartbeatInterval().toSeconds()),
				new LeasedBenchmark(benchmark.id(), spec, dataset(benchmark, spec)),
				new LeasedVersion(adapter.repository(), adapter.version(), adapter.commit(), adapter.modelName(),
						adapter.method(), files(adapter)),
				new LeasedVersion(base.repository(), base.version(), base.commit(), null, null, files(base)));
	}

	private List<FileView> files(VersionRef version) {
		return this.refs.files(version.id())
			.stream()
			.map((file) -> new FileView(file.path(), file.sha256(), file.size(),
					Urls.file(version.namespace(), version.name(), version.version(), file.path())))
			.toList();
	}

	ResultView result(Result result) {
		VersionRef base = this.refs.version(result.baseModelVersionId());
		return new ResultView(result.benchmarkId(), result.jobId(), result.primaryMetric(), result.primaryValue(),
				tree(result.metrics()), new BaseModelRef(base.repository(), base.version()), result.device(),
				result.durationMs(), result.examples(), result.examplesPerSecond(), tree(result.timingsMs()),
				tree(result.runtime()), result.runner(), result.datasetSha256(), result.createdAt());
	}

	JsonNode tree(String text) {
		return (text == null) ? null : this.json.readTree(text);
	}

	/**
	 * @param path the file name the spec gives it ({@code dataset_file})
	 */
	record DatasetView(String path, String sha256, Long size, String mediaType, URI downloadUrl) {
	}

	record BenchmarkView(String id, String namespace, String name, JsonNode spec, String adapterhubTask,
			String adapterhubSubtask, String primaryMetric, DatasetView dataset, Instant createdAt, Instant updatedAt,
			URI url) {
	}

	record RunnerView(UUID id, String name, long tokenId, JsonNode capabilities, Instant registeredAt,
			Instant lastSeenAt) {
	}

	record RegisteredView(UUID id, String name, long leaseSeconds, long heartbeatSeconds) {
	}

	record BaseModelRef(String repository, String version) {
	}

	/**
	 * @param runner the runner of the current or last lease
	 */
	record JobView(long id, String adapter, String version, String benchmark, BaseModelRef baseModel, String trigger,
			String status, int attempts, int maxAttempts, String lastError, UUID runner, Instant leaseExpiresAt,
			Instant createdAt, Instant updatedAt, Instant finishedAt, URI url) {
	}

	record FileView(String path, String sha256, Long size, URI downloadUrl) {
	}

	record LeasedBenchmark(String id, JsonNode spec, DatasetView dataset) {
	}

	record LeasedVersion(String repository, String version, String commit, String modelName, String method,
			List<FileView> files) {
	}

	/**
	 * @param attempt which lease of the job this is, from 1
	 */
	record LeaseView(long id, UUID leaseId, Instant leaseExpiresAt, int attempt, int maxAttempts, long heartbeatSeconds,
			LeasedBenchmark benchmark, LeasedVersion adapter, LeasedVersion baseModel) {
	}

	record HeartbeatView(long id, Instant leaseExpiresAt) {
	}

	/**
	 * @param recorded false when the same lease had reported this already
	 */
	record ReportedView(JobView job, boolean recorded) {
	}

	/**
	 * @param score the value of the primary metric
	 */
	record ResultView(String benchmark, long jobId, String primaryMetric, double score, JsonNode metrics,
			BaseModelRef baseModel, String device, Long durationMs, Long examples, Double examplesPerSecond,
			JsonNode timingsMs, JsonNode runtime, UUID runner, String datasetSha256, Instant createdAt) {
	}

	record EvaluationsView(String adapter, String version, List<JobView> jobs, List<ResultView> results) {
	}

	record TriggeredView(List<JobView> jobs) {
	}

	/**
	 * @param modelName the adapter's base model as it names it
	 * @param baseModel the base-model repository and version it was evaluated on
	 */
	record LeaderboardEntry(int rank, String repository, String version, String modelName, BaseModelRef baseModel,
			String method, double score, JsonNode metrics, String device, Double examplesPerSecond, long jobId,
			Instant evaluatedAt) {
	}

	record LeaderboardView(String benchmark, String primaryMetric, String baseModel, String method,
			List<LeaderboardEntry> entries) {
	}

}
