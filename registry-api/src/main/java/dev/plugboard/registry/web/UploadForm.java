package dev.plugboard.registry.web;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import dev.plugboard.registry.adapter.AdapterMetadata;
import dev.plugboard.registry.adapter.AdapterMetadata.Change;
import dev.plugboard.registry.system.InvalidRequestException;

/**
 * The text fields of the upload form, which come before its files in the multipart body.
 * For a repository that does not exist yet they also carry its first metadata, checked by
 * the same rules as the REST API's.
 */
final class UploadForm {

	static final int MAX_FIELD = 100_000;

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,127}");

	private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/+-]{0,255}");

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

	AdapterMetadata metadata() {
		return new AdapterMetadata(change(get("description")), checked("model_name", MODEL_NAME), null,
				checked("method", IDENTIFIER), null, null, null, checked("task", IDENTIFIER),
				checked("subtask", IDENTIFIER), null, change(get("license")), null, null, null, null);
	}

	private Change<String> checked(String name, Pattern pattern) {
		String value = get(name);
		if (value != null && !pattern.matcher(value).matches()) {
			throw new InvalidRequestException("invalid-request",
					"'" + name + "' may hold letters, digits and . _ + - (and / in a model name)");
		}
		return change(value);
	}

	private static Change<String> change(String value) {
		return (value != null) ? new Change<>(value) : null;
	}

}
