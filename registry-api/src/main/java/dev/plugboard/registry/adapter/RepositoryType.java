package dev.plugboard.registry.adapter;

import java.util.Arrays;
import java.util.Locale;

import dev.plugboard.registry.system.InvalidRequestException;

/**
 * What a repository holds, like the Hugging Face Hub's repo types. Chosen when the
 * repository is created, never changed: it decides how versions are validated.
 */
public enum RepositoryType {

	/** An adapter: versions need an {@code adapter_config.json}. The default. */
	ADAPTER("adapter"),

	/**
	 * A base model in the Hugging Face layout: versions need a {@code config.json} with a
	 * {@code model_type}.
	 */
	BASE_MODEL("base_model");

	private final String id;

	RepositoryType(String id) {
		this.id = id;
	}

	/** The name on the wire and in the database: {@code adapter}, {@code base_model}. */
	public String id() {
		return this.id;
	}

	/**
	 * @throws InvalidRequestException for anything but {@code adapter} and
	 * {@code base_model}
	 */
	public static RepositoryType of(String id) {
		for (RepositoryType type : values()) {
			if (type.id.equals(id)) {
				return type;
			}
		}
		throw new InvalidRequestException("'repo_type' must be one of "
				+ Arrays.stream(values()).map(RepositoryType::id).toList() + "; got '" + id + "'");
	}

	static RepositoryType fromColumn(String id) {
		return valueOf(id.toUpperCase(Locale.ROOT));
	}

}
