package dev.plugboard.registry.adapter;

/** A tag that points at a yanked version no longer resolves. */
public class VersionYankedException extends AdapterProblem {

	public VersionYankedException(String repositoryId, String tag, String version) {
		super("version-yanked", "Tag '" + tag + "' of " + repositoryId + " points at version " + version
				+ ", which is yanked; ask for the exact version or move the tag");
		with("adapter", repositoryId).with("version", version).with("tag", tag);
	}

}
