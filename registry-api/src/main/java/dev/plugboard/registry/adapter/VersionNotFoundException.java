package dev.plugboard.registry.adapter;

public class VersionNotFoundException extends AdapterProblem {

	public VersionNotFoundException(String repositoryId, String version) {
		super("version-not-found", "No version '" + version + "' of " + repositoryId);
		with("adapter", repositoryId).with("version", version);
	}

}
