package dev.plugboard.registry.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.plugboard.registry.evaluation.Benchmarks;
import dev.plugboard.registry.system.NotFoundException;
import dev.plugboard.registry.taxonomy.Subtask;
import dev.plugboard.registry.taxonomy.Task;
import dev.plugboard.registry.taxonomy.Taxonomy;
import dev.plugboard.search.SearchFilters;
import dev.plugboard.search.SearchMode;
import dev.plugboard.search.SearchQuery;
import dev.plugboard.search.SortOrder;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The AdapterHub taxonomy, browsable: all tasks by adapter type, a task with its
 * subtasks, a subtask with its metric, benchmarks and best adapters.
 */
@Controller
class TaskPageController {

	private static final int SHOWN = 20;

	private final Taxonomy taxonomy;

	private final Benchmarks benchmarks;

	private final CatalogSearch search;

	TaskPageController(Taxonomy taxonomy, Benchmarks benchmarks, CatalogSearch search) {
		this.taxonomy = taxonomy;
		this.benchmarks = benchmarks;
		this.search = search;
	}

	@GetMapping("/tasks")
	String tasks(Model model) {
		model.addAttribute("types", this.taxonomy.adapterTypes());
		model.addAttribute("tasks", this.taxonomy.tasks(null));
		this.search.search(adapters(null, null, SortOrder.DOWNLOADS, 1))
			.ifPresent((results) -> model.addAttribute("counts", results.facets().getOrDefault("task", Map.of())));
		return "tasks";
	}

	@GetMapping("/tasks/{task}")
	String task(@PathVariable String task, Model model) {
		Optional<Task> known = this.taxonomy.task(task);
		Optional<CatalogSearch.Results> found = this.search.search(adapters(task, null, SortOrder.DOWNLOADS, SHOWN));
		if (known.isEmpty() && found.map((results) -> results.total() == 0).orElse(true)) {
			throw new NotFoundException("not-found", "There is no task '" + task + "' and no adapter for it");
		}
		model.addAttribute("taskId", task);
		model.addAttribute("task", known.orElse(null));
		model.addAttribute("subtasks", this.taxonomy.subtasks(task));
		model.addAttribute("benchmarks", this.benchmarks.list(task, null));
		found.ifPresent((results) -> {
			model.addAttribute("results", results);
			model.addAttribute("subtaskCounts", results.facets().getOrDefault("subtask", Map.of()));
		});
		return "task";
	}

	@GetMapping("/tasks/{task}/{subtask}")
	String subtask(@PathVariable String task, @PathVariable String subtask, Model model) {
		Optional<Subtask> known = this.taxonomy.subtask(task, subtask);
		Optional<CatalogSearch.Results> found = this.search.search(adapters(task, subtask, SortOrder.SCORE, SHOWN));
		if (known.isEmpty() && found.map((results) -> results.total() == 0).orElse(true)) {
			throw new NotFoundException("not-found",
					"There is no subtask '" + subtask + "' of task '" + task + "' and no adapter for it");
		}
		model.addAttribute("taskId", task);
		model.addAttribute("subtaskId", subtask);
		model.addAttribute("subtask", known.orElse(null));
		model.addAttribute("benchmarks", this.benchmarks.list(task, subtask));
		found.ifPresent((results) -> model.addAttribute("results", results));
		return "subtask";
	}

	private static SearchQuery adapters(String task, String subtask, SortOrder sort, int limit) {
		return new SearchQuery("", new SearchFilters(task, subtask, null, null, null, null, null, null, "adapter"),
				SearchMode.KEYWORD, sort, limit, null);
	}

}
