package dev.plugboard.registry.adapter.web;

import dev.plugboard.registry.system.DomainProblem;

/** A Range that starts past the end of the file. */
class RangeNotSatisfiableException extends RuntimeException implements DomainProblem {

	RangeNotSatisfiableException(long size) {
		super("The requested range is outside the file's " + size + " bytes");
	}

	@Override
	public String problemKind() {
		return "range-not-satisfiable";
	}

}
