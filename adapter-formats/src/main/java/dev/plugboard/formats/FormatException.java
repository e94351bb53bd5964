package dev.plugboard.formats;

import java.util.List;
import java.util.Objects;

/**
 * Bad input rejected by this module: the only exception its parsers and validators throw
 * for content that does not meet a format. Anything else escaping them is a bug.
 *
 * <p>
 * {@link #kind()} is a stable, machine-readable identifier that callers may map to an API
 * error code; {@link #getMessage()} is a human-readable explanation;
 * {@link #violations()} lists the individual problems, each naming what it is about.
 */
public class FormatException extends RuntimeException {

	private final String kind;

	private final List<Violation> violations;

	/**
	 * Creates the exception.
	 * @param kind stable machine-readable kind, such as {@code "invalid-name"} or
	 * {@code "invalid-safetensors"}
	 * @param message human-readable explanation
	 * @param violations the individual problems, possibly empty; copied
	 */
	public FormatException(String kind, String message, List<Violation> violations) {
		super(message);
		this.kind = Objects.requireNonNull(kind, "kind");
		this.violations = List.copyOf(violations);
	}

	/**
	 * Returns the stable machine-readable kind of this failure.
	 * @return for example {@code "invalid-name"}, {@code "invalid-version"},
	 * {@code "invalid-tag"}, {@code "invalid-path"}, {@code "invalid-safetensors"},
	 * {@code "invalid-adapter-config"} or {@code "pickle-weights"}
	 */
	public String kind() {
		return this.kind;
	}

	/**
	 * Returns the individual problems found, in the order they were found.
	 * @return an unmodifiable list, possibly empty
	 */
	public List<Violation> violations() {
		return this.violations;
	}

}
