package dev.plugboard.registry.adapter;

/**
 * Equality filters for listing repositories; a null component does not filter, except
 * {@code repoType}, which defaults to adapters.
 */
public record AdapterFilter(RepositoryType repoType, String namespace, String modelName, String modelType,
		String method, String task, String subtask) {

	public static AdapterFilter none() {
		return new AdapterFilter(RepositoryType.ADAPTER, null, null, null, null, null, null);
	}

}
