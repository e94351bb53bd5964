package dev.plugboard.registry.evaluation.web;

import dev.plugboard.registry.evaluation.FailureReport;
import dev.plugboard.registry.evaluation.Job;
import dev.plugboard.registry.evaluation.JobQueue;
import dev.plugboard.registry.evaluation.ResultReport;
import dev.plugboard.registry.evaluation.web.EvaluationViews.HeartbeatView;
import dev.plugboard.registry.evaluation.web.EvaluationViews.JobView;
import dev.plugboard.registry.evaluation.web.EvaluationViews.ReportedView;
import dev.plugboard.registry.identity.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A leased job's side of the runner protocol: heartbeat, result, failure; each proves the
 * lease with its {@code lease_id}.
 */
@RestController
@RequestMapping("/api/v1/jobs")
class JobController {

	private final JobQueue queue;

	private final EvaluationViews views;

	JobController(JobQueue queue, EvaluationViews views) {
		this.queue = queue;
		this.views = views;
	}

	@GetMapping("/{id}")
	@Operation(summary = "A job's status, attempts and last error")
	JobView get(@PathVariable long id) {
		return this.views.job(this.queue.get(id));
	}

	@PostMapping("/{id}/heartbeat")
	@SecurityRequirement(name = "bearer")
	@Operation(summary = "Extend the lease; 409 lease-lost when it is no longer the caller's")
	HeartbeatView heartbeat(@Parameter(hidden = true) Caller caller, @PathVariable long id,
			@RequestBody(required = false) JsonNode body) {
		caller.requireRunner();
		ObjectNode request = Bodies.object(body, true);
		Job job = this.queue.heartbeat(caller, id, Bodies.uuid(request, "lease_id"));
		return new HeartbeatView(job.id(), job.leaseExpiresAt());
	}

	@PostMapping("/{id}/result")
	@SecurityRequirement(name = "bearer")
	@Operation(summary = "Report the result of the lease; the same lease again changes nothing (200)")
	ReportedView result(@Parameter(hidden = true) Caller caller, @PathVariable long id,
			@RequestBody(required = false) JsonNode body) {
		caller.requireRunner();
		ObjectNode request = Bodies.object(body, true);
		ResultReport report = new ResultReport(Bodies.uuid(request, "lease_id"),
				Bodies.numbers(request, "metrics", true), Bodies.string(request, "primary_metric", false, 64),
				Bodies.string(request, "device", false, 64), Bodies.nonNegativeLong(request, "duration_ms"),
				Bodies.nonNegativeLong(request, "examples"), Bodies.nonNegativeNumber(request, "examples_per_second"),
				Bodies.numbers(request, "timings_ms", false), Bodies.objectField(request, "runtime"));
		JobQueue.Reported reported = this.queue.result(caller, id, report);
		return new ReportedView(this.views.job(reported.job()), reported.changed());
	}

	@PostMapping("/{id}/failure")
	@SecurityRequirement(name = "bearer")
	@Operation(summary = "Report a failure: not retryable fails the job at once, retryable queues it again while "
			+ "attempts are left")
	ReportedView failure(@Parameter(hidden = true) Caller caller, @PathVariable long id,
			@RequestBody(required = false) JsonNode body) {
		caller.requireRunner();
		ObjectNode request = Bodies.object(body, true);
		FailureReport report = new FailureReport(Bodies.uuid(request, "lease_id"),
				Bodies.string(request, "reason", true, 100_000), Bodies.string(request, "logs", false, 10_000_000),
				Bodies.bool(request, "retryable", false));
		JobQueue.Reported reported = this.queue.failure(caller, id, report);
		return new ReportedView(this.views.job(reported.job()), reported.changed());
	}

}
