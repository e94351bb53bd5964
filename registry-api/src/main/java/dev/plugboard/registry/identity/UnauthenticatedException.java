package dev.plugboard.registry.identity;

import dev.plugboard.registry.system.AuthenticationChallenge;
import dev.plugboard.registry.system.DomainProblem;

/** A write without a token, or with a token that is unknown, malformed or revoked. */
public class UnauthenticatedException extends RuntimeException implements DomainProblem, AuthenticationChallenge {

	public UnauthenticatedException(String message) {
		super(message);
	}

	@Override
	public String problemKind() {
		return "unauthenticated";
	}

}
