package dev.plugboard.registry.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.plugboard.registry.adapter.AdapterMetadata;
import dev.plugboard.registry.adapter.web.MetadataRequests;
import dev.plugboard.registry.system.InvalidRequestException;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The text fields of the upload form, which come before its files in the multipart body.
 * For a repository that does not exist yet they also carry its first metadata, checked by
 * the same rules as the REST API's.
 */
final class UploadForm {

	static final int MAX_FIELD = 100_000;

	/** The metadata fields the form offers for a new repository. */
	private static final List<String> METADATA_FIELDS = List.of("description", "model_name", "method", "task",
			"subtask", "license");

	private final Map<String, String> fields = new HashMap<>();

	void put(String name, String value) {
		this.fields.put(name, value);
	}

	String get(String name) {
		String value = this.fields.get(name);
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	Map<String, String> values() {
		return this.fields;
	}

	String required(String name) {
		String value = get(name);
		if (value == null) {
			throw new InvalidRequestException("invalid-request", "Fill in the " + name + " field");
		}
		return value;
	}

	/** The repository's first metadata, checked by the REST API's own rules. */
	AdapterMetadata metadata() {
		ObjectNode body = JsonNodeFactory.instance.objectNode();
		for (String field : METADATA_FIELDS) {
			String value = get(field);
			if (value != null) {
				body.put(field, value);
			}
		}
		return MetadataRequests.metadata(body, Set.of());
	}

}
