package dev.plugboard.registry.evaluation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.plugboard.registry.adapter.AdapterCatalog;
import dev.plugboard.registry.adapter.SearchOutbox;
import dev.plugboard.registry.identity.Caller;
import dev.plugboard.registry.system.InvalidRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The job queue and the runner protocol's state machine. Every transition locks the job's
 * row; leasing takes the oldest open job with {@code FOR UPDATE SKIP LOCKED}, so
 * concurrent runners never wait for each other and never get the same job.
 *
 * <pre>
 * queued ──lease──▶ leased ──result──▶ succeeded
 *   ▲                 │ ├──failure (not retryable, or attempts spent)──▶ failed
 *   └──failure (retryable) / lease expired, attempts left──┘ └──lease expired, attempts spent──▶ failed
 * </pre>
 *
 * Lease expiry is judged by the database's clock, so hub replicas agree.
 */
@Service
public class JobQueue {

	static final String COLUMNS = "id, version_id, benchmark_id, base_model_version_id, trigger, status, attempts,"
			+ " max_attempts, lease_id, leased_by, lease_expires_at, last_error, created_at, updated_at, finished_at";

	static final RowMapper<Job> ROWS = JobQueue::row;

	/** Logs kept per attempt: the tail, where the error is. */
	static final int MAX_LOG_CHARS = 64 * 1024;

	static final int MAX_REASON_CHARS = 4000;

	private static final Logger log = LoggerFactory.getLogger(JobQueue.class);

	private final JdbcTemplate jdbc;

	private final Runners runners;

	private final Benchmarks benchmarks;

	private final EvaluationProperties properties;

	private final AdapterCatalog catalog;

	private final SearchOutbox outbox;

	private final JsonMapper json;

	JobQueue(JdbcTemplate jdbc, Runners runners, Benchmarks benchmarks, EvaluationProperties properties,
			AdapterCatalog catalog, SearchOutbox outbox, JsonMapper json) {
		this.jdbc = jdbc;
		this.runners = runners;
		this.benchmarks = benchmarks;
		this.properties = properties;
		this.catalog = catalog;
		this.outbox = outbox;
		this.json = json;
	}

	/**
	 * Gives the runner the oldest open job: a queued one, or a leased one whose lease
	 * expired (which first counts as a spent attempt, and fails the job when it was the
	 * last).
	 * @return the leased job, or empty when there is nothing to do
	 */
	@Transactional
	public Optional<Job> lease(Caller caller, UUID runnerId) {
		Runner runner = this.runners.requireOwn(caller, runnerId);
		while (true) {
			List<Job> candidates = this.jdbc.query("select " + COLUMNS + " from evaluation_jobs"
					+ " where status = 'queued' or (status = 'leased' and lease_expires_at < now())"
					+ " order by id limit 1 for update skip locked", ROWS);
			if (candidates.isEmpty()) {
				return Optional.empty();
			}
			Job job = candidates.get(0);
			if (Job.LEASED.equals(job.status()) && !expire(job)) {
				continue;
			}
			UUID lease = UUID.randomUUID();
			Job leased = this.jdbc.queryForObject("update evaluation_jobs set status = 'leased',"
					+ " attempts = attempts + 1, lease_id = ?, leased_by = ?,"
					+ " lease_expires_at = now() + make_interval(secs => ?), updated_at = now()"
					+ " where id = ? returning " + COLUMNS, ROWS, lease, runner.id(), seconds(), job.id());
			this.jdbc.update(
					"insert into evaluation_attempts (lease_id, job_id, attempt, runner_id) values (?, ?, ?, ?)", lease,
					leased.id(), leased.attempts(), runner.id());
			log.info("Job {} ({} on version {}) leased to runner {} ({}), attempt {}/{}", leased.id(),
					leased.benchmarkId(), leased.versionId(), runner.name(), runner.id(), leased.attempts(),
					leased.maxAttempts());
			return Optional.of(leased);
		}
	}

	/** Extends a live lease by the lease duration. */
	@Transactional
	public Job heartbeat(Caller caller, long jobId, UUID lease) {
		caller.requireRunner();
		Job job = lock(jobId);
		requireLive(job, lease);
		this.jdbc.update("update runners set last_seen_at = now() where id = ?", job.leasedBy());
		return this.jdbc.queryForObject(
				"update evaluation_jobs set lease_expires_at = now() + make_interval(secs => ?), updated_at = now()"
						+ " where id = ? returning " + COLUMNS,
				ROWS, seconds(), jobId);
	}

	/**
	 * Records a result and finishes the job. The same lease reporting again changes
	 * nothing (the answer says so); a lease that expired or was replaced is refused. The
	 * result replaces an older one of the same version and benchmark, and the repository
	 * is queued for re-indexing in the same transaction.
	 * @return the job and whether this call recorded the result
	 */
	@Transactional
	public Reported result(Caller caller, long jobId, ResultReport report) {
		caller.requireRunner();
		Job job = lock(jobId);
		String outcome = outcome(job, report.leaseId());
		if (Job.SUCCEEDED.equals(outcome)) {
			return new Reported(job, false);
		}
		if (outcome != null) {
			throw EvaluationProblem.leaseLost(jobId, "this lease already ended (" + outcome + ")");
		}
		requireLive(job, report.leaseId());
		Benchmark benchmark = this.benchmarks.find(job.benchmarkId());
		Double primary = report.metrics().get(benchmark.primaryMetric());
		if (primary == null) {
			throw new EvaluationProblem("invalid-result", "The result has no value for " + benchmark.id()
					+ "'s primary metric '" + benchmark.primaryMetric() + "'")
				.with("job", jobId)
				.with("benchmark", benchmark.id());
		}
		if (report.primaryMetric() != null && !report.primaryMetric().equals(benchmark.primaryMetric())) {
			throw new EvaluationProblem("invalid-result", "The result names '" + report.primaryMetric()
					+ "' as primary metric; " + benchmark.id() + "'s is '" + benchmark.primaryMetric() + "'")
				.with("job", jobId)
				.with("benchmark", benchmark.id());
		}
		this.jdbc.update("""
				insert into evaluation_results (job_id, version_id, benchmark_id, base_model_version_id, dataset_sha256,
					metrics, primary_metric, primary_value, device, duration_ms, examples, examples_per_second,
					timings_ms, runtime, runner_id)
				values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)
				on conflict (version_id, benchmark_id) do update set job_id = excluded.job_id,
					base_model_version_id = excluded.base_model_version_id, dataset_sha256 = excluded.dataset_sha256,
					metrics = excluded.metrics, primary_metric = excluded.primary_metric,
					primary_value = excluded.primary_value, device = excluded.device,
					duration_ms = excluded.duration_ms, examples = excluded.examples,
					examples_per_second = excluded.examples_per_second, timings_ms = excluded.timings_ms,
					runtime = excluded.runtime, runner_id = excluded.runner_id, created_at = now()
				where evaluation_results.job_id < excluded.job_id
				""", job.id(), job.versionId(), job.benchmarkId(), job.baseModelVersionId(), benchmark.datasetSha256(),
				this.json.writeValueAsString(report.metrics()), benchmark.primaryMetric(), primary, report.device(),
				report.durationMs(), report.examples(), report.examplesPerSecond(),
				(report.timingsMs() != null) ? this.json.writeValueAsString(report.timingsMs()) : null,
				(report.runtime() != null) ? report.runtime().toString() : null, job.leasedBy());
		this.jdbc.update("update evaluation_attempts set outcome = 'succeeded', ended_at = now() where lease_id = ?",
				report.leaseId());
		Job done = finish(job, Job.SUCCEEDED, job.lastError());
		Long adapterId = this.jdbc.queryForObject("select adapter_id from adapter_versions where id = ?", Long.class,
				job.versionId());
		// Search documents carry scores: the outbox row commits with the result.
		this.catalog.byIds(List.of(adapterId)).forEach(this.outbox::changed);
		log.info("Job {} succeeded: {} = {}", jobId, benchmark.primaryMetric(), primary);
		return new Reported(done, true);
	}

	/**
	 * Records a failure. Not retryable, or no attempts left: the job fails with the
	 * reason kept. Retryable: back to the queue. The same lease reporting the same
	 * failure again changes nothing.
	 */
	@Transactional
	public Reported failure(Caller caller, long jobId, FailureReport report) {
		caller.requireRunner();
		Job job = lock(jobId);
		String outcome = outcome(job, report.leaseId());
		if (Job.FAILED.equals(outcome)) {
			return new Reported(job, false);
		}
		if (outcome != null) {
			throw EvaluationProblem.leaseLost(jobId, "this lease already ended (" + outcome + ")");
		}
		requireLive(job, report.leaseId());
		String reason = truncate(report.reason(), MAX_REASON_CHARS, false);
		this.jdbc.update(
				"update evaluation_attempts set outcome = 'failed', ended_at = now(), retryable = ?,"
						+ " reason = ?, logs = ? where lease_id = ?",
				report.retryable(), reason, truncate(report.logs(), MAX_LOG_CHARS, true), report.leaseId());
		boolean retry = report.retryable() && job.attempts() < job.maxAttempts();
		log.info("Job {} failed on attempt {}/{} ({}): {}", jobId, job.attempts(), job.maxAttempts(),
				retry ? "queued again" : "final", reason);
		if (retry) {
			return new Reported(requeue(job, reason), true);
		}
		return new Reported(finish(job, Job.FAILED, reason), true);
	}

	/**
	 * Returns every job whose lease expired to the queue (or fails it when its attempts
	 * are spent).
	 * @return how many jobs were reclaimed
	 */
	@Transactional
	public int reclaimExpired() {
		List<Job> expired = this.jdbc.query(
				"select " + COLUMNS + " from evaluation_jobs"
						+ " where status = 'leased' and lease_expires_at < now() order by id for update skip locked",
				ROWS);
		expired.forEach(this::expire);
		return expired.size();
	}

	/** A job by id, for anyone (the lease id is never shown). */
	@Transactional(readOnly = true)
	public Job get(long jobId) {
		List<Job> found = this.jdbc.query("select " + COLUMNS + " from evaluation_jobs where id = ?", ROWS, jobId);
		if (found.isEmpty()) {
			throw EvaluationProblem.jobNotFound(jobId);
		}
		return found.get(0);
	}

	/** Ends an expired lease; returns whether the job is queued again (else failed). */
	private boolean expire(Job job) {
		String reason = "The lease of attempt " + job.attempts() + " expired: runner " + job.leasedBy()
				+ " stopped heartbeating";
		this.jdbc.update("update evaluation_attempts set outcome = 'expired', ended_at = now(), reason = ?"
				+ " where lease_id = ? and outcome is null", reason, job.leaseId());
		if (job.attempts() >= job.maxAttempts()) {
			log.warn("Job {} failed: {} (attempts spent)", job.id(), reason);
			finish(job, Job.FAILED, reason);
			return false;
		}
		log.info("Job {} back in the queue: {}", job.id(), reason);
		requeue(job, reason);
		return true;
	}

	private Job requeue(Job job, String reason) {
		return this.jdbc.queryForObject("update evaluation_jobs set status = 'queued', lease_id = null,"
				+ " lease_expires_at = null, last_error = ?, updated_at = now() where id = ? returning " + COLUMNS,
				ROWS, reason, job.id());
	}

	private Job finish(Job job, String status, String lastError) {
		return this.jdbc.queryForObject("update evaluation_jobs set status = ?, lease_id = null,"
				+ " lease_expires_at = null, last_error = ?, finished_at = now(), updated_at = now() where id = ?"
				+ " returning " + COLUMNS, ROWS, status, lastError, job.id());
	}

	private Job lock(long jobId) {
		List<Job> found = this.jdbc.query("select " + COLUMNS + " from evaluation_jobs where id = ? for update", ROWS,
				jobId);
		if (found.isEmpty()) {
			throw EvaluationProblem.jobNotFound(jobId);
		}
		return found.get(0);
	}

	/** How the attempt of this lease of this job ended, or null when it has not. */
	private String outcome(Job job, UUID lease) {
		List<Map<String, Object>> attempt = this.jdbc
			.queryForList("select outcome from evaluation_attempts where lease_id = ? and job_id = ?", lease, job.id());
		if (attempt.isEmpty()) {
			throw EvaluationProblem.leaseLost(job.id(), "no lease of this job has that id");
		}
		return (String) attempt.get(0).get("outcome");
	}

	private void requireLive(Job job, UUID lease) {
		if (!Job.LEASED.equals(job.status()) || !lease.equals(job.leaseId())) {
			throw EvaluationProblem.leaseLost(job.id(), "the job is " + job.status() + " and no longer held by it")
				.with("status", job.status());
		}
		Boolean live = this.jdbc.queryForObject("select lease_expires_at > now() from evaluation_jobs where id = ?",
				Boolean.class, job.id());
		if (!Boolean.TRUE.equals(live)) {
			throw EvaluationProblem
				.leaseLost(job.id(),
						"the lease expired at " + job.leaseExpiresAt() + "; the job goes back to the queue")
				.with("status", job.status());
		}
	}

	private double seconds() {
		return this.properties.leaseDuration().toMillis() / 1000.0;
	}

	static String truncate(String text, int max, boolean keepTail) {
		if (text == null || text.length() <= max) {
			return text;
		}
		return keepTail ? text.substring(text.length() - max) : text.substring(0, max);
	}

	static void requireLeaseId(UUID lease) {
		if (lease == null) {
			throw new InvalidRequestException("'lease_id' is required: the id the lease answer gave");
		}
	}

	private static Job row(ResultSet rs, int index) throws SQLException {
		return new Job(rs.getLong("id"), rs.getLong("version_id"), rs.getString("benchmark_id"),
				rs.getLong("base_model_version_id"), rs.getString("trigger"), rs.getString("status"),
				rs.getInt("attempts"), rs.getInt("max_attempts"), rs.getObject("lease_id", UUID.class),
				rs.getObject("leased_by", UUID.class), Benchmarks.instant(rs, "lease_expires_at"),
				rs.getString("last_error"), Benchmarks.instant(rs, "created_at"), Benchmarks.instant(rs, "updated_at"),
				Benchmarks.instant(rs, "finished_at"));
	}

	/**
	 * @param changed false when the same lease had reported this already
	 */
	public record Reported(Job job, boolean changed) {
	}

}
