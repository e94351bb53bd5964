package dev.plugboard.registry.adapter;

/**
 * What a version says about itself besides its files.
 *
 * @param description free text (imported cards describe each version)
 * @param score the benchmark score a catalog card reported, or null
 * @param weights the computed description of the weights as JSON, or null
 */
public record VersionNotes(String description, Double score, String weights) {

	public static VersionNotes none() {
		return new VersionNotes(null, null, null);
	}

}
