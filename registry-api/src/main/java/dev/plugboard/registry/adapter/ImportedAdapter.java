package dev.plugboard.registry.adapter;

/** The outcome of importing one repository from a catalog. */
public record ImportedAdapter(Adapter adapter, Outcome outcome) {

	public enum Outcome {

		CREATED, UPDATED, UNCHANGED

	}

}
