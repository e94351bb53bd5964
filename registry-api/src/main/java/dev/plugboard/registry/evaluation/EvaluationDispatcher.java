package dev.plugboard.registry.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.plugboard.registry.adapter.Adapter;
import dev.plugboard.registry.adapter.AdapterCatalog;
import dev.plugboard.registry.adapter.AdapterVersion;
import dev.plugboard.registry.adapter.VersionCatalog;
import dev.plugboard.registry.adapter.VersionPublishedListener;
import dev.plugboard.registry.identity.Caller;
import dev.plugboard.registry.system.InvalidRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes evaluation jobs: for every published adapter version whose AdapterHub task and
 * subtask are a benchmark's (with its dataset uploaded) and whose base model is
 * available, in the publishing transaction; and on an owner's request.
 */
@Component
public class EvaluationDispatcher implements VersionPublishedListener {

	private static final Logger log = LoggerFactory.getLogger(EvaluationDispatcher.class);

	private final JdbcTemplate jdbc;

	private final Benchmarks benchmarks;

	private final VersionRefs refs;

	private final EvaluationProperties properties;

	private final AdapterCatalog catalog;

	private final VersionCatalog versions;

	EvaluationDispatcher(JdbcTemplate jdbc, Benchmarks benchmarks, VersionRefs refs, EvaluationProperties properties,
			AdapterCatalog catalog, VersionCatalog versions) {
		this.jdbc = jdbc;
		this.benchmarks = benchmarks;
		this.refs = refs;
		this.properties = properties;
		this.catalog = catalog;
		this.versions = versions;
	}

	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public void published(Adapter adapter, AdapterVersion version) {
		if (!this.properties.dispatchOnPublish() || adapter.isBaseModel()) {
			return;
		}
		List<Benchmark> matching = this.benchmarks.runnableFor(adapter.getTask(), adapter.getSubtask());
		if (matching.isEmpty()) {
			return;
		}
		Optional<Long> baseModel = this.refs.availableBaseModel(adapter.getModelName());
		if (baseModel.isEmpty()) {
			log.info(
					"{}@{} matches {} benchmark(s) but its base model '{}' is not a base-model repository here;"
							+ " not queued",
					adapter.repositoryId(), version.getVersion(), matching.size(), adapter.getModelName());
			return;
		}
		for (Benchmark benchmark : matching) {
			this.jdbc.update("""
					insert into evaluation_jobs (version_id, benchmark_id, base_model_version_id, trigger, status,
						max_attempts)
					values (?, ?, ?, 'publish', 'queued', ?)
					on conflict (version_id, benchmark_id) where trigger = 'publish' do nothing
					""", version.getId(), benchmark.id(), baseModel.get(), this.properties.maxAttempts());
		}
		log.info("Queued {} evaluation job(s) for {}@{}", matching.size(), adapter.repositoryId(),
				version.getVersion());
	}

	/**
	 * Queues jobs for a version on one benchmark, or on every benchmark matching its task
	 * and subtask. A job already queued or running for the same version and benchmark is
	 * returned instead of a second one.
	 * @param benchmarkId {@code namespace/name}, or null for the matching ones
	 */
	@Transactional
	public List<Job> trigger(Caller caller, String namespace, String name, String version, String benchmarkId) {
		Adapter adapter = this.catalog.get(namespace, name);
		caller.requireWrite(namespace);
		if (adapter.isBaseModel()) {
			throw new InvalidRequestException(
					adapter.repositoryId() + " is a base-model repository; adapters are what" + " benchmarks evaluate");
		}
		AdapterVersion target = this.versions.version(adapter, version);
		if (target.isYanked()) {
			throw new EvaluationProblem("version-yanked", "Version " + version + " of " + adapter.repositoryId()
					+ " is yanked; yanked versions are not" + " evaluated")
				.with("adapter", adapter.repositoryId())
				.with("version", version);
		}
		List<Benchmark> chosen;
		if (benchmarkId != null) {
			Benchmark benchmark = this.benchmarks.find(Benchmarks.parseId(benchmarkId));
			if (!benchmark.hasDataset()) {
				throw new EvaluationProblem("benchmark-without-dataset",
						"Benchmark " + benchmark.id() + " has no dataset yet; an admin uploads it with PUT "
								+ "/api/v1/benchmarks/" + benchmark.id() + "/dataset")
					.with("benchmark", benchmark.id());
			}
			chosen = List.of(benchmark);
		}
		else {
			chosen = this.benchmarks.runnableFor(adapter.getTask(), adapter.getSubtask());
			if (chosen.isEmpty()) {
				throw new EvaluationProblem("no-matching-benchmark",
						"No benchmark with a dataset serves " + adapter.repositoryId() + "'s task and subtask ("
								+ adapter.getTask() + "/" + adapter.getSubtask()
								+ "); name one with {\"benchmark\": \"ns/name\"}")
					.with("adapter", adapter.repositoryId());
			}
		}
		Long baseModel = this.refs.availableBaseModel(adapter.getModelName())
			.orElseThrow(() -> new EvaluationProblem("base-model-unavailable",
					"The base model '" + adapter.getModelName() + "' of " + adapter.repositoryId()
							+ " is not a base-model repository with a published version on this hub, so runners cannot"
							+ " fetch it; register it (POST /api/v1/base-models/import) or upload it first")
				.with("adapter", adapter.repositoryId())
				.with("base_model", adapter.getModelName()));
		// One trigger at a time per version, so two requests cannot both add a job.
		this.jdbc.queryForList("select id from adapter_versions where id = ? for update", target.getId());
		List<Job> jobs = new ArrayList<>();
		for (Benchmark benchmark : chosen) {
			List<Job> open = this.jdbc.query("select " + JobQueue.COLUMNS + " from evaluation_jobs"
					+ " where version_id = ? and benchmark_id = ? and status in ('queued', 'leased') order by id limit 1",
					JobQueue.ROWS, target.getId(), benchmark.id());
			if (!open.isEmpty()) {
				jobs.add(open.get(0));
				continue;
			}
			jobs.add(this.jdbc.queryForObject("""
					insert into evaluation_jobs (version_id, benchmark_id, base_model_version_id, trigger, requested_by,
						status, max_attempts)
					values (?, ?, ?, 'manual', ?, 'queued', ?)
					returning
					""" + JobQueue.COLUMNS, JobQueue.ROWS, target.getId(), benchmark.id(), baseModel, caller.tokenId(),
					this.properties.maxAttempts()));
		}
		return jobs;
	}

}
