package dev.plugboard.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Composes the one text per repository that is embedded for semantic search. It reads as
 * a short English paragraph, most telling parts first, because the model sees only the
 * first 256 word pieces and mean pooling weighs every token alike: the repository name as
 * words, task and subtask display names, base model and method, languages and tags, then
 * the description and finally the subtask's description. Ids that only repeat a display
 * name are left out.
 * <p>
 * Changing this text changes every vector: bump {@link IndexSchema#VERSION}.
 */
public final class EmbeddingText {

	private EmbeddingText() {
	}

	/**
	 * The text the index embeds for a document (public so that tools and benchmarks use
	 * the very same text).
	 * @param doc the document
	 * @return the text to embed
	 */
	public static String compose(AdapterDocument doc) {
		List<String> sentences = new ArrayList<>();
		String name = (doc.name() != null) ? doc.name() : doc.id();
		sentences.add(words(name));
		String task = firstNonBlank(doc.taskDisplayName(), doc.task());
		String subtask = firstNonBlank(doc.subtaskDisplayName(), doc.subtask());
		if (task != null && subtask != null && !subtask.equalsIgnoreCase(task)) {
			sentences.add(task + ": " + subtask);
		}
		else if (task != null || subtask != null) {
			sentences.add(firstNonBlank(task, subtask));
		}
		List<String> model = new ArrayList<>();
		if (doc.method() != null) {
			model.add(doc.method() + " adapter");
		}
		if (doc.baseModel() != null) {
			model.add("for " + doc.baseModel());
		}
		if (!model.isEmpty()) {
			sentences.add(String.join(" ", model));
		}
		List<String> languages = doc.languages()
			.stream()
			.map((code) -> Objects.requireNonNullElse(IndexSchema.languageName(code), code))
			.distinct()
			.toList();
		if (!languages.isEmpty()) {
			sentences.add("Languages: " + String.join(", ", languages));
		}
		if (!doc.tags().isEmpty()) {
			sentences.add("Tags: " + String.join(", ", doc.tags()));
		}
		addIfPresent(sentences, doc.description());
		addIfPresent(sentences, doc.subtaskDescription());
		return sentences.stream().map(String::strip).map(EmbeddingText::period).collect(Collectors.joining(" "));
	}

	/** "bert-base-uncased_sentiment_sst-2" → "bert base uncased sentiment sst 2". */
	private static String words(String identifier) {
		return identifier.replaceAll("[_/\\-.]+", " ").strip();
	}

	private static String period(String sentence) {
		return (sentence.isEmpty() || ".!?".indexOf(sentence.charAt(sentence.length() - 1)) >= 0) ? sentence
				: sentence + ".";
	}

	private static void addIfPresent(List<String> sentences, String text) {
		if (text != null && !text.isBlank()) {
			sentences.add(text.replaceAll("\\s+", " "));
		}
	}

	private static String firstNonBlank(String a, String b) {
		return (a != null && !a.isBlank()) ? a : ((b != null && !b.isBlank()) ? b : null);
	}

}
