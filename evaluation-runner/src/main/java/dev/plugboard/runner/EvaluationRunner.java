package dev.plugboard.runner;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import ai.djl.engine.Engine;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.plugboard.client.HubException;
import dev.plugboard.client.PlugboardClient;
import dev.plugboard.runtime.encoder.Devices;

/**
 * The runner's loop: register with the hub, lease a job, keep the lease alive with
 * heartbeats while scoring, post the result or the failure, repeat. Talks to the hub only
 * over REST with a runner token.
 */
public final class EvaluationRunner implements Runnable, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(EvaluationRunner.class);

	private static final int MAX_LOG_CHARS = 8_000;

	private final RunnerSettings settings;

	private final PlugboardClient client;

	private final JobExecutor executor;

	private final ScheduledExecutorService heartbeats;

	private final AtomicBoolean stopped = new AtomicBoolean();

	private String runnerId;

	private long heartbeatSeconds = 10;

	public EvaluationRunner(RunnerSettings settings) {
		this.settings = settings;
		this.client = PlugboardClient.builder(settings.hubUrl())
			.token(settings.token())
			.cacheDirectory(settings.cacheDirectory())
			.build();
		this.executor = new JobExecutor(this.client, Devices.choose(settings.device()));
		this.heartbeats = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "runner-heartbeat");
			thread.setDaemon(true);
			return thread;
		});
	}

	@Override
	public void run() {
		while (!this.stopped.get()) {
			try {
				if (this.runnerId == null) {
					register();
				}
				if (!leaseAndRun()) {
					sleep(this.settings.idlePoll().toMillis());
				}
			}
			catch (HubException ex) {
				if (ex.status() == 404 && this.runnerId != null) {
					// The hub forgot this runner (e.g. its database was reset): register
					// again.
					this.runnerId = null;
				}
				logger.warn("Hub call failed: {}", ex.getMessage());
				sleep(Math.max(2_000, this.settings.idlePoll().toMillis()));
			}
			catch (RuntimeException ex) {
				logger.error("Runner loop error", ex);
				sleep(Math.max(2_000, this.settings.idlePoll().toMillis()));
			}
		}
	}

	/** Registers (or re-registers) with the hub. */
	void register() {
		JsonObject body = new JsonObject();
		body.addProperty("name", this.settings.name());
		body.addProperty("device", JobExecutor.deviceName(this.executor.device()));
		body.addProperty("memory_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
		body.add("base_models", Job.strings(this.executor.loadedBaseModels()));
		body.add("runtime", runtime());
		JsonObject answer = this.client.postJson("api/v1/runners", body).getAsJsonObject();
		this.runnerId = answer.get("id").getAsString();
		if (answer.has("heartbeat_seconds")) {
			this.heartbeatSeconds = Math.max(1, answer.get("heartbeat_seconds").getAsLong());
		}
		logger.info("Registered with {} as runner {} ({}), device {}", this.settings.hubUrl(), this.runnerId,
				this.settings.name(), this.executor.device());
	}

	/** Leases one job and runs it; false when there was none. */
	boolean leaseAndRun() {
		JsonElement leased = this.client.postJson("api/v1/runners/" + this.runnerId + "/lease", new JsonObject());
		if (leased == null || leased.isJsonNull()) {
			return false;
		}
		JsonObject json = leased.getAsJsonObject();
		Job job = Job.parse(json.has("job") ? json.getAsJsonObject("job") : json);
		logger.info("Leased job {} (attempt {}): {}@{} on {}", job.id(), job.attempt(), job.adapter().repository(),
				job.adapter().version(), job.benchmarkId());
		AtomicBoolean leaseLost = new AtomicBoolean();
		ScheduledFuture<?> heartbeat = this.heartbeats.scheduleAtFixedRate(() -> heartbeat(job, leaseLost),
				this.heartbeatSeconds, this.heartbeatSeconds, TimeUnit.SECONDS);
		try {
			Outcome outcome = this.executor.run(job);
			heartbeat.cancel(false);
			postResult(job, outcome);
		}
		catch (JobFailure ex) {
			heartbeat.cancel(false);
			logger.warn("Job {} failed ({}): {}", job.id(), ex.retryable() ? "retryable" : "final", ex.getMessage());
			postFailure(job, ex.getMessage(), ex, ex.retryable());
		}
		catch (RuntimeException | OutOfMemoryError ex) {
			heartbeat.cancel(false);
			logger.warn("Job {} failed unexpectedly", job.id(), ex);
			postFailure(job, ex.toString(), ex, true);
		}
		return true;
	}

	private void heartbeat(Job job, AtomicBoolean leaseLost) {
		try {
			JsonObject body = new JsonObject();
			body.addProperty("lease_id", job.leaseId());
			this.client.postJson("api/v1/jobs/" + job.id() + "/heartbeat", body);
		}
		catch (HubException ex) {
			if (ex.status() == 409 || ex.status() == 404) {
				leaseLost.set(true);
				logger.warn("Lost the lease of job {}: {}", job.id(), ex.getMessage());
			}
			else {
				logger.warn("Heartbeat of job {} failed: {}", job.id(), ex.getMessage());
			}
		}
	}

	private void postResult(Job job, Outcome outcome) {
		JsonObject body = new JsonObject();
		body.addProperty("lease_id", job.leaseId());
		JsonObject metrics = new JsonObject();
		outcome.metrics().forEach(metrics::addProperty);
		body.add("metrics", metrics);
		body.addProperty("primary_metric", outcome.primaryMetric());
		body.addProperty("device", outcome.device());
		body.addProperty("duration_ms", outcome.durationMillis());
		body.addProperty("examples", outcome.examples());
		body.addProperty("examples_per_second", outcome.examplesPerSecond());
		JsonObject timings = new JsonObject();
		timings.addProperty("fetch", outcome.fetchMillis());
		timings.addProperty("load", outcome.loadMillis());
		timings.addProperty("compute", outcome.computeMillis());
		body.add("timings_ms", timings);
		body.add("runtime", runtime());
		try {
			this.client.postJson("api/v1/jobs/" + job.id() + "/result", body);
			logger.info("Job {} scored {} = {} in {} ms", job.id(), outcome.primaryMetric(),
					outcome.metrics().get(outcome.primaryMetric()), outcome.durationMillis());
		}
		catch (HubException ex) {
			logger.warn("The hub refused the result of job {}: {}", job.id(), ex.getMessage());
		}
	}

	private void postFailure(Job job, String reason, Throwable cause, boolean retryable) {
		JsonObject body = new JsonObject();
		body.addProperty("lease_id", job.leaseId());
		body.addProperty("reason", reason);
		StringWriter trace = new StringWriter();
		cause.printStackTrace(new PrintWriter(trace));
		String logs = trace.toString();
		body.addProperty("logs", (logs.length() > MAX_LOG_CHARS) ? logs.substring(0, MAX_LOG_CHARS) : logs);
		body.addProperty("retryable", retryable);
		try {
			this.client.postJson("api/v1/jobs/" + job.id() + "/failure", body);
		}
		catch (HubException ex) {
			logger.warn("The hub refused the failure report of job {}: {}", job.id(), ex.getMessage());
		}
	}

	static JsonObject runtime() {
		JsonObject runtime = new JsonObject();
		runtime.addProperty("runner", "plugboard-evaluation-runner");
		runtime.addProperty("djl", Engine.getDjlVersion());
		Engine engine = Engine.getEngine(Devices.ENGINE);
		runtime.addProperty("engine", engine.getEngineName() + " " + engine.getVersion());
		runtime.addProperty("java", System.getProperty("java.runtime.version"));
		runtime.addProperty("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
		return runtime;
	}

	private void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.stopped.set(true);
		}
	}

	/** Stops after the current job. */
	public void stop() {
		this.stopped.set(true);
	}

	@Override
	public void close() {
		stop();
		this.heartbeats.shutdownNow();
		this.executor.close();
	}

	public static void main(String[] args) {
		RunnerSettings settings;
		try {
			settings = RunnerSettings.fromArguments(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		EvaluationRunner runner = new EvaluationRunner(settings);
		Runtime.getRuntime().addShutdownHook(new Thread(runner::close));
		runner.run();
	}

}
