package dev.plugboard.registry.evaluation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.plugboard.registry.adapter.Adapter;
import dev.plugboard.registry.adapter.AdapterCatalog;
import dev.plugboard.registry.adapter.AdapterVersion;
import dev.plugboard.registry.adapter.VersionCatalog;
import dev.plugboard.registry.system.InvalidRequestException;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading evaluations: a version's jobs and results, and leaderboards. */
@Service
public class EvaluationResults {

	public static final int MAX_LIMIT = 500;

	private static final String COLUMNS = "r.job_id, r.version_id, r.benchmark_id, r.base_model_version_id,"
			+ " r.dataset_sha256, r.metrics::text as metrics, r.primary_metric, r.primary_value, r.device,"
			+ " r.duration_ms, r.examples, r.examples_per_second, r.timings_ms::text as timings_ms,"
			+ " r.runtime::text as runtime, r.runner_id, r.created_at";

	private static final RowMapper<Result> ROWS = EvaluationResults::row;

	private final JdbcTemplate jdbc;

	private final AdapterCatalog catalog;

	private final VersionCatalog versions;

	private final Benchmarks benchmarks;

	EvaluationResults(JdbcTemplate jdbc, AdapterCatalog catalog, VersionCatalog versions, Benchmarks benchmarks) {
		this.jdbc = jdbc;
		this.catalog = catalog;
		this.versions = versions;
		this.benchmarks = benchmarks;
	}

	/** A version's jobs (newest first) and results (by benchmark). */
	@Transactional(readOnly = true)
	public VersionEvaluations ofVersion(String namespace, String name, String version) {
		Adapter adapter = this.catalog.get(namespace, name);
		AdapterVersion found = this.versions.version(adapter, version);
		List<Job> jobs = this.jdbc.query(
				"select " + JobQueue.COLUMNS + " from evaluation_jobs where version_id = ?" + " order by id desc",
				JobQueue.ROWS, found.getId());
		List<Result> results = this.jdbc.query(
				"select " + COLUMNS + " from evaluation_results r where r.version_id = ? order by r.benchmark_id", ROWS,
				found.getId());
		return new VersionEvaluations(adapter, found, jobs, results);
	}

	/** The results of several versions (by benchmark), by version id; one query. */
	@Transactional(readOnly = true)
	public Map<Long, List<Result>> resultsOfVersions(Collection<Long> versionIds) {
		if (versionIds.isEmpty()) {
			return Map.of();
		}
		return this.jdbc
			.query("select " + COLUMNS
					+ " from evaluation_results r where r.version_id = any(?) order by r.benchmark_id", ROWS,
					(Object) versionIds.toArray(Long[]::new))
			.stream()
			.collect(java.util.stream.Collectors.groupingBy(Result::versionId));
	}

	/**
	 * The best published (not yanked) version of each repository on a benchmark, by its
	 * primary metric (higher is better; ties go to the newer version), best first.
	 * @param baseModel only adapters of this base model ({@code model_name}, ignoring
	 * case), or null
	 * @param method only adapters of this method, or null
	 */
	@Transactional(readOnly = true)
	public Leaderboard leaderboard(String namespace, String name, String baseModel, String method, int limit) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new InvalidRequestException("limit must be between 1 and " + MAX_LIMIT);
		}
		Benchmark benchmark = this.benchmarks.get(namespace, name);
		String base = blankToNull(baseModel);
		String byMethod = blankToNull(method);
		List<Entry> entries = this.jdbc.query("""
				select * from (
					select distinct on (a.id) a.namespace, a.name, a.model_name, a.method, v.version,
						bn.namespace || '/' || bn.name as base_repository, bv.version as base_version,
				""" + COLUMNS + "\n" + """
					from evaluation_results r
					join adapter_versions v on v.id = r.version_id and v.status = 'published'
					join adapters a on a.id = v.adapter_id
					join adapter_versions bv on bv.id = r.base_model_version_id
					join adapters bn on bn.id = bv.adapter_id
					where r.benchmark_id = ?
						and (?::text is null or lower(a.model_name) = lower(?))
						and (?::text is null or a.method = ?)
					order by a.id, r.primary_value desc, v.created_at desc, v.id desc
				) best
				order by primary_value desc, namespace, name
				limit ?
				""",
				(rs, i) -> new Entry(rs.getString("namespace") + "/" + rs.getString("name"), rs.getString("version"),
						rs.getString("model_name"), rs.getString("method"), rs.getString("base_repository"),
						rs.getString("base_version"), row(rs, i)),
				benchmark.id(), base, base, byMethod, byMethod, limit);
		return new Leaderboard(benchmark, entries);
	}

	/**
	 * Each repository's headline score: the best primary-metric value of its published
	 * versions on a benchmark of its own task and subtask (the first such benchmark by id
	 * when there are several). Repositories without one are absent.
	 * @param adapterIds the repositories' database ids
	 * @return headline scores by repository database id
	 */
	@Transactional(readOnly = true)
	public Map<Long, HeadlineScore> headlineScores(Collection<Long> adapterIds) {
		if (adapterIds.isEmpty()) {
			return Map.of();
		}
		Map<Long, HeadlineScore> scores = new HashMap<>();
		this.jdbc.query("""
				select distinct on (a.id) a.id as adapter_id, r.benchmark_id, r.primary_metric, r.primary_value,
					v.version
				from adapters a
				join benchmarks b on b.adapterhub_task = lower(a.task) and b.adapterhub_subtask = lower(a.subtask)
				join adapter_versions v on v.adapter_id = a.id and v.status = 'published'
				join evaluation_results r on r.version_id = v.id and r.benchmark_id = b.id
				where a.id = any(?)
				order by a.id, b.id, r.primary_value desc, v.created_at desc, v.id desc
				""", (rs) -> {
			scores.put(rs.getLong("adapter_id"), new HeadlineScore(rs.getString("benchmark_id"),
					rs.getString("primary_metric"), rs.getDouble("primary_value"), rs.getString("version")));
		}, (Object) adapterIds.toArray(Long[]::new));
		return scores;
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	private static Result row(ResultSet rs, int index) throws SQLException {
		return new Result(rs.getLong("job_id"), rs.getLong("version_id"), rs.getString("benchmark_id"),
				rs.getLong("base_model_version_id"), rs.getString("dataset_sha256"), rs.getString("metrics"),
				rs.getString("primary_metric"), rs.getDouble("primary_value"), rs.getString("device"),
				rs.getObject("duration_ms", Long.class), rs.getObject("examples", Long.class),
				rs.getObject("examples_per_second", Double.class), rs.getString("timings_ms"), rs.getString("runtime"),
				rs.getObject("runner_id", UUID.class), Benchmarks.instant(rs, "created_at"));
	}

	public record VersionEvaluations(Adapter adapter, AdapterVersion version, List<Job> jobs, List<Result> results) {
	}

	/**
	 * @param repository {@code namespace/name} of the adapter
	 * @param modelName the adapter's base model as it names it
	 * @param baseRepository the base-model repository it was evaluated on
	 */
	public record Entry(String repository, String version, String modelName, String method, String baseRepository,
			String baseVersion, Result result) {
	}

	public record Leaderboard(Benchmark benchmark, List<Entry> entries) {
	}

	/**
	 * A repository's best score on the benchmark of its task and subtask.
	 *
	 * @param benchmark the benchmark id, {@code namespace/name}
	 * @param metric the benchmark's primary metric
	 * @param value the metric's value
	 * @param version the version that scored it
	 */
	public record HeadlineScore(String benchmark, String metric, double value, String version) {
	}

}
