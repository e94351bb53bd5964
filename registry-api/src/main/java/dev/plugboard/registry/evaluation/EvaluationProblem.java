package dev.plugboard.registry.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.plugboard.registry.system.DomainProblem;

/**
 * A condition of the evaluation API (unknown benchmark, lost lease, …): a problem kind
 * plus the facts that locate it ({@code benchmark}, {@code job}, {@code runner}).
 */
public class EvaluationProblem extends RuntimeException implements DomainProblem {

	private final String kind;

	private final Map<String, Object> facts = new LinkedHashMap<>();

	public EvaluationProblem(String kind, String message) {
		super(message);
		this.kind = kind;
	}

	public EvaluationProblem with(String key, Object value) {
		if (value != null) {
			this.facts.put(key, value);
		}
		return this;
	}

	static EvaluationProblem benchmarkNotFound(String id) {
		return new EvaluationProblem("benchmark-not-found", "No benchmark '" + id + "'").with("benchmark", id);
	}

	static EvaluationProblem jobNotFound(long id) {
		return new EvaluationProblem("job-not-found", "No evaluation job " + id).with("job", id);
	}

	static EvaluationProblem leaseLost(long job, String why) {
		return new EvaluationProblem("lease-lost", "Job " + job + " is not leased under this lease id: " + why)
			.with("job", job);
	}

	@Override
	public String problemKind() {
		return this.kind;
	}

	@Override
	public Map<String, Object> problemFacts() {
		return Map.copyOf(this.facts);
	}

}
