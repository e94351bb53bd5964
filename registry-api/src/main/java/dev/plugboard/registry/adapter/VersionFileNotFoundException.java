package dev.plugboard.registry.adapter;

public class VersionFileNotFoundException extends AdapterProblem {

	public VersionFileNotFoundException(String repositoryId, String version, String path) {
		super("file-not-found", "No file '" + path + "' in version " + version + " of " + repositoryId);
		with("adapter", repositoryId).with("version", version).with("path", path);
	}

}
