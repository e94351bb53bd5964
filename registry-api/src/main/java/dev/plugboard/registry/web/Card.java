package dev.plugboard.registry.web;

import java.time.Instant;
import java.util.List;

import dev.plugboard.registry.adapter.Adapter;
import dev.plugboard.registry.evaluation.EvaluationResults.HeadlineScore;

/**
 * One repository in a list of results: enough to choose it without opening it.
 *
 * @param summary the start of its description as plain text
 * @param evaluation its headline score, or null
 */
record Card(String id, String namespace, String name, String summary, String task, String subtask, String modelName,
		String method, List<String> languages, String license, long downloads, Instant updatedAt,
		HeadlineScore evaluation) {

	private static final int SUMMARY_LENGTH = 200;

	static Card of(Adapter adapter, HeadlineScore evaluation) {
		return new Card(adapter.repositoryId(), adapter.getNamespace(), adapter.getName(),
				summary(adapter.getDescription()), adapter.getTask(), adapter.getSubtask(), adapter.getModelName(),
				adapter.getMethod(), List.of(adapter.getLanguages()), adapter.getLicense(), adapter.getDownloads(),
				adapter.getUpdatedAt(), evaluation);
	}

	/** The first prose of a Markdown card, without its heading marks and emphasis. */
	static String summary(String description) {
		if (description == null) {
			return null;
		}
		StringBuilder text = new StringBuilder();
		for (String line : description.split("\n")) {
			String stripped = line.strip();
			if (stripped.startsWith("#") || stripped.startsWith("```") || stripped.startsWith("|")
					|| stripped.startsWith("<") || stripped.startsWith("![")) {
				continue;
			}
			if (!stripped.isEmpty()) {
				text.append(text.isEmpty() ? "" : " ").append(stripped);
			}
			if (text.length() > SUMMARY_LENGTH) {
				break;
			}
		}
		String plain = text.toString().replaceAll("[*_`]", "").replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
		if (plain.isEmpty()) {
			return null;
		}
		return (plain.length() <= SUMMARY_LENGTH) ? plain : plain.substring(0, SUMMARY_LENGTH).strip() + "…";
	}

}
