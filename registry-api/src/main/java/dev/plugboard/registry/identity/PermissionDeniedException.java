package dev.plugboard.registry.identity;

import dev.plugboard.registry.system.DomainProblem;

/** A valid token that may not do what was asked. */
public class PermissionDeniedException extends RuntimeException implements DomainProblem {

	public PermissionDeniedException(String message) {
		super(message);
	}

	@Override
	public String problemKind() {
		return "permission-denied";
	}

}
