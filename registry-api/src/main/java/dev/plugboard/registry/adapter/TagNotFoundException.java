package dev.plugboard.registry.adapter;

public class TagNotFoundException extends AdapterProblem {

	public TagNotFoundException(String repositoryId, String tag) {
		super("tag-not-found", "No tag '" + tag + "' on " + repositoryId);
		with("adapter", repositoryId);
	}

}
