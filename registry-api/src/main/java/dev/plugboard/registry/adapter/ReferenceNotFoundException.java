package dev.plugboard.registry.adapter;

public class ReferenceNotFoundException extends AdapterProblem {

	public ReferenceNotFoundException(String reference, String reason) {
		super("reference-not-found", "Nothing matches '" + reference + "': " + reason);
		with("reference", reference);
	}

}
