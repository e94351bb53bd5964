package dev.plugboard.registry.adapter;

public class AdapterAlreadyExistsException extends AdapterProblem {

	public AdapterAlreadyExistsException(String repositoryId) {
		super("adapter-exists", "Adapter " + repositoryId + " already exists");
		with("adapter", repositoryId);
	}

}
