package dev.plugboard.registry.adapter;

/** Equality filters for listing repositories; a null component does not filter. */
public record AdapterFilter(String namespace, String modelName, String modelType, String method, String task,
		String subtask) {

	public static AdapterFilter none() {
		return new AdapterFilter(null, null, null, null, null, null);
	}

}
