package dev.plugboard.registry.adapter;

public class AdapterNotFoundException extends AdapterProblem {

	public AdapterNotFoundException(String repositoryId) {
		super("adapter-not-found", "No adapter " + repositoryId);
		with("adapter", repositoryId);
	}

}
