package dev.plugboard.search;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One adapter repository as the index sees it. Null fields are absent; null lists are
 * empty lists, and blank or null list elements are dropped.
 *
 * @param id the repository id, {@code namespace/name}; never blank
 * @param namespace the owning user or organisation
 * @param name the repository name
 * @param description the model card's summary (plain text)
 * @param task the task id, e.g. {@code sentiment}
 * @param taskDisplayName the task's human name, e.g. {@code Sentiment Analysis}
 * @param subtask the subtask (data set) id, e.g. {@code sst-2}
 * @param subtaskDisplayName the subtask's human name
 * @param subtaskDescription the subtask's description
 * @param baseModel the base model id, e.g. {@code bert-base-uncased}
 * @param modelType the base model's architecture family, e.g. {@code bert}
 * @param method the adaptation method, e.g. {@code lora} or {@code bottleneck}
 * @param languages language codes (BCP 47), e.g. {@code de}
 * @param license the SPDX license id
 * @param tags free-form tags
 * @param author the author's display name
 * @param downloads the download count (for sorting)
 * @param updatedAt the last update (for sorting); may be null
 * @param score the repository's evaluation score (for sorting): the best primary-metric
 * value of its published versions on the benchmark of its own task and subtask; null when
 * it has none. Scores of different benchmarks are not comparable, so sort by score within
 * one subtask
 * @param repoType the repository type ({@code adapter} or {@code base_model}), a filter
 */
public record AdapterDocument(String id, String namespace, String name, String description, String task,
		String taskDisplayName, String subtask, String subtaskDisplayName, String subtaskDescription, String baseModel,
		String modelType, String method, List<String> languages, String license, List<String> tags, String author,
		long downloads, Instant updatedAt, Double score, String repoType) {

	public AdapterDocument {
		Objects.requireNonNull(id, "id");
		if (id.isBlank()) {
			throw new IllegalArgumentException("id must not be blank");
		}
		if (score != null && !Double.isFinite(score)) {
			throw new IllegalArgumentException("score must be finite");
		}
		languages = clean(languages);
		tags = clean(tags);
	}

	private static List<String> clean(List<String> values) {
		return (values != null) ? values.stream().filter((v) -> v != null && !v.isBlank()).toList() : List.of();
	}

}
