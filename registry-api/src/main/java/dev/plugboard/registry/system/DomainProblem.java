package dev.plugboard.registry.system;

import java.util.Map;

/**
 * Implemented by domain exceptions: they name their condition ({@link #problemKind()},
 * one of {@link ProblemResponses#kinds()}) and may carry extension members such as
 * {@code adapter} and {@code version}. They know no HTTP; {@link ProblemResponses}
 * decides status, type and title.
 */
public interface DomainProblem {

	String problemKind();

	default Map<String, Object> problemFacts() {
		return Map.of();
	}

}
