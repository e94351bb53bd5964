package dev.plugboard.registry.indexing;

import java.util.List;
import java.util.Optional;

import dev.plugboard.registry.adapter.Adapter;
import dev.plugboard.registry.taxonomy.Subtask;
import dev.plugboard.registry.taxonomy.Task;
import dev.plugboard.registry.taxonomy.Taxonomy;
import dev.plugboard.search.AdapterDocument;

import org.springframework.stereotype.Component;

/**
 * Translates a repository into the search module's document, adding the taxonomy's
 * display names and the subtask's description: users search for "movie reviews", not for
 * {@code sst-2}.
 */
@Component
class AdapterDocuments {

	private final Taxonomy taxonomy;

	AdapterDocuments(Taxonomy taxonomy) {
		this.taxonomy = taxonomy;
	}

	AdapterDocument of(Adapter adapter) {
		Optional<Task> task = (adapter.getTask() != null) ? this.taxonomy.task(adapter.getTask()) : Optional.empty();
		Optional<Subtask> subtask = (adapter.getTask() != null && adapter.getSubtask() != null)
				? this.taxonomy.subtask(adapter.getTask(), adapter.getSubtask()) : Optional.empty();
		return new AdapterDocument(adapter.repositoryId(), adapter.getNamespace(), adapter.getName(),
				adapter.getDescription(), adapter.getTask(), task.map(Task::getDisplayname).orElse(null),
				adapter.getSubtask(), subtask.map(Subtask::getDisplayname).orElse(null),
				subtask.map(Subtask::getDescription).orElse(null), adapter.getModelName(), adapter.getModelType(),
				adapter.getMethod(), List.of(adapter.getLanguages()), adapter.getLicense(), List.of(adapter.getTags()),
				adapter.getAuthor(), adapter.getDownloads(), adapter.getUpdatedAt());
	}

}
