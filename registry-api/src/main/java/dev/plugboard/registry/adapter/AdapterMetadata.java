package dev.plugboard.registry.adapter;

import java.util.List;

/**
 * A change to a repository's metadata. A {@code null} component leaves that field as it
 * is; a {@link Change} sets it (to {@code null} when its value is null). Values are
 * already validated.
 */
public record AdapterMetadata(Change<String> description, Change<String> modelName, Change<String> modelType,
		Change<String> method, Change<String> adapterConfig, Change<String> configId, Change<String> adapterType,
		Change<String> task, Change<String> subtask, Change<List<String>> languages, Change<String> license,
		Change<List<String>> tags, Change<String> author, Change<String> citation, Change<String> links) {

	public record Change<T>(T value) {
	}

}
