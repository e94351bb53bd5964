package dev.plugboard.registry.adapter;

/**
 * A repository exists with another type than the operation needs (a base-model import
 * onto an adapter repository, or the other way round).
 */
public class RepositoryTypeConflictException extends AdapterProblem {

	public RepositoryTypeConflictException(String repositoryId, RepositoryType existing, RepositoryType wanted) {
		super("repository-type-conflict", "Repository " + repositoryId + " exists as " + existing.id() + ", not as "
				+ wanted.id() + "; a repository's type is fixed when it is created");
		with("adapter", repositoryId);
		with("repo_type", existing.id());
	}

}
