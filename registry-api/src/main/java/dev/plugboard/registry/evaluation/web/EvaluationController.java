package dev.plugboard.registry.evaluation.web;

import java.util.List;

import dev.plugboard.registry.evaluation.EvaluationDispatcher;
import dev.plugboard.registry.evaluation.EvaluationResults;
import dev.plugboard.registry.evaluation.EvaluationResults.VersionEvaluations;
import dev.plugboard.registry.evaluation.Job;
import dev.plugboard.registry.evaluation.web.EvaluationViews.EvaluationsView;
import dev.plugboard.registry.evaluation.web.EvaluationViews.TriggeredView;
import dev.plugboard.registry.identity.Caller;
import dev.plugboard.registry.system.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A version's evaluations: jobs and results, and the manual trigger. */
@RestController
@RequestMapping("/api/v1/adapters/{namespace}/{name}/versions/{version}/evaluations")
class EvaluationController {

	private final EvaluationDispatcher dispatcher;

	private final EvaluationResults results;

	private final EvaluationViews views;

	EvaluationController(EvaluationDispatcher dispatcher, EvaluationResults results, EvaluationViews views) {
		this.dispatcher = dispatcher;
		this.results = results;
		this.views = views;
	}

	@GetMapping
	@Operation(summary = "The version's evaluation jobs (newest first) and results (one per benchmark)")
	EvaluationsView list(@PathVariable String namespace, @PathVariable String name, @PathVariable String version) {
		VersionEvaluations evaluations = this.results.ofVersion(namespace, name, version);
		return new EvaluationsView(evaluations.adapter().repositoryId(), evaluations.version().getVersion(),
				this.views.jobs(evaluations.jobs()), evaluations.results().stream().map(this.views::result).toList());
	}

	@PostMapping
	@ResponseStatus(HttpStatus.ACCEPTED)
	@SecurityRequirement(name = "bearer")
	@Operation(summary = "Queue evaluations (owner or admin): on {\"benchmark\": \"ns/name\"}, or on every benchmark "
			+ "matching the adapter's task and subtask")
	TriggeredView trigger(@Parameter(hidden = true) Caller caller, @PathVariable String namespace,
			@PathVariable String name, @PathVariable String version, @RequestBody(required = false) JsonNode body) {
		ObjectNode request = Bodies.object(body, false);
		String benchmark = null;
		if (request != null) {
			for (String field : request.propertyNames()) {
				if (!field.equals("benchmark")) {
					throw new InvalidRequestException("Unknown field '" + field + "'; the only field is 'benchmark'");
				}
			}
			benchmark = Bodies.string(request, "benchmark", false, 256);
		}
		List<Job> jobs = this.dispatcher.trigger(caller, namespace, name, version, benchmark);
		return new TriggeredView(this.views.jobs(jobs));
	}

}
