package dev.plugboard.registry.adapter;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.plugboard.registry.system.DomainProblem;

/** Base of the repository's domain exceptions: a kind plus the facts that locate it. */
abstract class AdapterProblem extends RuntimeException implements DomainProblem {

	private final String kind;

	private final Map<String, Object> facts = new LinkedHashMap<>();

	AdapterProblem(String kind, String message) {
		super(message);
		this.kind = kind;
	}

	AdapterProblem with(String key, Object value) {
		if (value != null) {
			this.facts.put(key, value);
		}
		return this;
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
