package dev.plugboard.registry.system;

/**
 * Something other than an adapter resource is missing (a task, an index); the kind says
 * what.
 */
public class NotFoundException extends RuntimeException implements DomainProblem {

	private final String kind;

	public NotFoundException(String kind, String message) {
		super(message);
		this.kind = kind;
	}

	@Override
	public String problemKind() {
		return this.kind;
	}

}
