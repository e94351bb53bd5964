package dev.plugboard.registry.system;

/**
 * A request whose content breaks a rule of the API (bad parameter, bad field, bad
 * cursor).
 */
public class InvalidRequestException extends RuntimeException implements DomainProblem {

	private final String kind;

	public InvalidRequestException(String message) {
		this("invalid-request", message);
	}

	public InvalidRequestException(String kind, String message) {
		super(message);
		this.kind = kind;
	}

	@Override
	public String problemKind() {
		return this.kind;
	}

}
