package dev.plugboard.registry.identity;

import dev.plugboard.registry.system.DomainProblem;

public class TokenNotFoundException extends RuntimeException implements DomainProblem {

	public TokenNotFoundException(long id) {
		super("No token with id " + id);
	}

	@Override
	public String problemKind() {
		return "token-not-found";
	}

}
