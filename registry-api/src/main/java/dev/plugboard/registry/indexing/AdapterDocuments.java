package dev.plugboard.registry.indexing;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.plugboard.registry.adapter.Adapter;
import dev.plugboard.registry.evaluation.EvaluationResults;
import dev.plugboard.registry.evaluation.EvaluationResults.HeadlineScore;
import dev.plugboard.registry.taxonomy.Subtask;
import dev.plugboard.registry.taxonomy.Task;
import dev.plugboard.registry.taxonomy.Taxonomy;
import dev.plugboard.search.AdapterDocument;

import org.springframework.stereotype.Component;

/**
 * Translates a repository into the search module's document, adding the taxonomy's
 * display names and the subtask's description: users search for "movie reviews", not for
 * {@code sst-2}. Each document carries the repository's headline evaluation score, so
 * search can sort by it.
 */
@Component
class AdapterDocuments {

	private final Taxonomy taxonomy;

	private final EvaluationResults results;

	AdapterDocuments(Taxonomy taxonomy, EvaluationResults results) {
		this.taxonomy = taxonomy;
		this.results = results;
	}

	/** Documents for repositories, with their headline evaluation scores. */
	List<AdapterDocument> of(List<Adapter> adapters) {
		Map<Long, HeadlineScore> scores = this.results.headlineScores(adapters.stream().map(Adapter::getId).toList());
		return adapters.stream().map((adapter) -> of(adapter, scores.get(adapter.getId()))).toList();
	}

	private AdapterDocument of(Adapter adapter, HeadlineScore score) {
		Optional<Task> task = (adapter.getTask() != null) ? this.taxonomy.task(adapter.getTask()) : Optional.empty();
		Optional<Subtask> subtask = (adapter.getTask() != null && adapter.getSubtask() != null)
				? this.taxonomy.subtask(adapter.getTask(), adapter.getSubtask()) : Optional.empty();
		return new AdapterDocument(adapter.repositoryId(), adapter.getNamespace(), adapter.getName(),
				adapter.getDescription(), adapter.getTask(), task.map(Task::getDisplayname).orElse(null),
				adapter.getSubtask(), subtask.map(Subtask::getDisplayname).orElse(null),
				subtask.map(Subtask::getDescription).orElse(null), adapter.getModelName(), adapter.getModelType(),
				adapter.getMethod(), List.of(adapter.getLanguages()), adapter.getLicense(), List.of(adapter.getTags()),
				adapter.getAuthor(), adapter.getDownloads(), adapter.getUpdatedAt(),
				(score != null) ? score.value() : null, adapter.getRepoType().id());
	}

}
