package dev.plugboard.runner.benchmark;

import java.util.List;

/**
 * One benchmark example.
 *
 * @param texts the values of the spec's input columns, in the spec's order (one or two)
 * @param label the gold class id: the index of the gold label in the spec's labels
 */
public record Example(List<String> texts, int label) {

	/**
	 * Checks the example and takes an immutable copy of the texts.
	 * @throws IllegalArgumentException when there are no texts, more than two, a null
	 * text or a negative label
	 */
	public Example {
		if (texts == null || texts.isEmpty() || texts.size() > 2) {
			throw new IllegalArgumentException("an example has 1 or 2 texts, found " + texts);
		}
		texts = List.copyOf(texts);
		if (label < 0) {
			throw new IllegalArgumentException("label must be a class id >= 0, found " + label);
		}
	}

}
