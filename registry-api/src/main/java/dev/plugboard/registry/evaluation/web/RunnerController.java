package dev.plugboard.registry.evaluation.web;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.plugboard.registry.evaluation.EvaluationProperties;
import dev.plugboard.registry.evaluation.Job;
import dev.plugboard.registry.evaluation.JobQueue;
import dev.plugboard.registry.evaluation.RunnerRegistration;
import dev.plugboard.registry.evaluation.Runners;
import dev.plugboard.registry.evaluation.web.EvaluationViews.LeaseView;
import dev.plugboard.registry.evaluation.web.EvaluationViews.RegisteredView;
import dev.plugboard.registry.evaluation.web.EvaluationViews.RunnerView;
import dev.plugboard.registry.identity.Caller;
import dev.plugboard.registry.system.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Runners register with a runner token and lease jobs. */
@RestController
@RequestMapping("/api/v1/runners")
@SecurityRequirement(name = "bearer")
class RunnerController {

	private static final java.util.regex.Pattern NAME = java.util.regex.Pattern
		.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");

	private final Runners runners;

	private final JobQueue queue;

	private final EvaluationViews views;

	private final EvaluationProperties properties;

	RunnerController(Runners runners, JobQueue queue, EvaluationViews views, EvaluationProperties properties) {
		this.runners = runners;
		this.queue = queue;
		this.views = views;
		this.properties = properties;
	}

	@PostMapping
	@Operation(summary = "Register a runner (runner token); the same name and token again updates it (200)")
	ResponseEntity<RegisteredView> register(@Parameter(hidden = true) Caller caller,
			@RequestBody(required = false) JsonNode body) {
		caller.requireRunner();
		ObjectNode request = Bodies.object(body, true);
		String name = Bodies.string(request, "name", true, 128);
		if (!NAME.matcher(name).matches()) {
			throw new InvalidRequestException(
					"'name' must be 1-128 of A-Z a-z 0-9 . _ : @ -, starting with a letter or digit");
		}
		String device = Bodies.string(request, "device", false, 64);
		RunnerRegistration registration = new RunnerRegistration(name, (device != null) ? device : "cpu",
				Bodies.nonNegativeLong(request, "memory_mb"), Bodies.strings(request, "base_models", 1000),
				Bodies.objectField(request, "runtime"));
		Runners.Registered registered = this.runners.register(caller, registration);
		RegisteredView view = new RegisteredView(registered.runner().id(), registered.runner().name(),
				Math.max(1, this.properties.leaseDuration().toSeconds()),
				Math.max(1, this.properties.heartbeatInterval().toSeconds()));
		return ResponseEntity.status(registered.created() ? HttpStatus.CREATED : HttpStatus.OK).body(view);
	}

	@GetMapping
	@Operation(summary = "Registered runners with their capabilities and when they were last seen (admin)")
	List<RunnerView> list(@Parameter(hidden = true) Caller caller) {
		return this.runners.list(caller).stream().map(this.views::runner).toList();
	}

	@PostMapping("/{id}/lease")
	@Operation(summary = "Lease the oldest open job: 200 with the job, 204 when there is none")
	ResponseEntity<LeaseView> lease(@Parameter(hidden = true) Caller caller, @PathVariable UUID id) {
		Optional<Job> leased = this.queue.lease(caller, id);
		return leased.map((job) -> ResponseEntity.ok(this.views.lease(job)))
			.orElseGet(() -> ResponseEntity.noContent().build());
	}

}
