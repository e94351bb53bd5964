package dev.plugboard.formats;

import java.util.Objects;

/**
 * One problem found in rejected input.
 *
 * @param subject what the problem is about: a tensor name, a file path, a JSON location
 * or the rejected identifier itself
 * @param reason what is wrong with it, as a sentence fragment for humans
 */
public record Violation(String subject, String reason) {

	public Violation {
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(reason, "reason");
	}

}
