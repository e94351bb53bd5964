package dev.plugboard.registry.adapter;

/** Versions are immutable: the same version with other bytes is refused. */
public class VersionConflictException extends AdapterProblem {

	public VersionConflictException(String repositoryId, String version) {
		super("version-conflict", "Version " + version + " of " + repositoryId
				+ " is already published with different content; versions are immutable, publish a new version");
		with("adapter", repositoryId).with("version", version);
	}

}
