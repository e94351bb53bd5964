package dev.plugboard.registry.taxonomy.web;

import java.util.List;

import dev.plugboard.registry.system.NotFoundException;
import dev.plugboard.registry.taxonomy.AdapterType;
import dev.plugboard.registry.taxonomy.Architecture;
import dev.plugboard.registry.taxonomy.Subtask;
import dev.plugboard.registry.taxonomy.Task;
import dev.plugboard.registry.taxonomy.Taxonomy;
import io.swagger.v3.oas.annotations.Operation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The AdapterHub taxonomy, browsable: adapter types, tasks with their subtasks,
 * architectures.
 */
@RestController
@RequestMapping("/api/v1/taxonomy")
class TaxonomyController {

	private final Taxonomy taxonomy;

	private final JsonMapper json;

	TaxonomyController(Taxonomy taxonomy, JsonMapper json) {
		this.taxonomy = taxonomy;
		this.json = json;
	}

	@GetMapping("/adapter-types")
	@Operation(summary = "Adapter types (text_task, text_lang)")
	List<AdapterType> adapterTypes() {
		return this.taxonomy.adapterTypes();
	}

	@GetMapping("/tasks")
	@Operation(summary = "Tasks, optionally of one adapter type")
	List<Task> tasks(@RequestParam(required = false) String type) {
		return this.taxonomy.tasks(type);
	}

	@GetMapping("/tasks/{task}")
	@Operation(summary = "A task and its subtasks")
	TaskView task(@PathVariable String task) {
		Task found = this.taxonomy.task(task)
			.orElseThrow(() -> new NotFoundException("taxonomy-not-found", "No task '" + task + "'"));
		return new TaskView(found.getTask(), found.getAdapterType(), found.getDisplayname(), found.getDescription(),
				this.taxonomy.subtasks(task));
	}

	@GetMapping("/tasks/{task}/subtasks/{subtask}")
	@Operation(summary = "A subtask (data set) with its metric")
	Subtask subtask(@PathVariable String task, @PathVariable String subtask) {
		return this.taxonomy.subtask(task, subtask)
			.orElseThrow(() -> new NotFoundException("taxonomy-not-found",
					"No subtask '" + subtask + "' under task '" + task + "'"));
	}

	@GetMapping("/architectures")
	@Operation(summary = "Named adapter architectures with their config and config id")
	List<ArchitectureView> architectures() {
		return this.taxonomy.architectures().stream().map(this::view).toList();
	}

	@GetMapping("/architectures/{name}")
	ArchitectureView architecture(@PathVariable String name) {
		return this.taxonomy.architecture(name)
			.map(this::view)
			.orElseThrow(() -> new NotFoundException("taxonomy-not-found", "No architecture '" + name + "'"));
	}

	private ArchitectureView view(Architecture architecture) {
		return new ArchitectureView(architecture.getName(), architecture.getDisplayname(),
				architecture.getDescription(), architecture.getCitation(), this.json.readTree(architecture.getConfig()),
				architecture.getConfigId());
	}

	record TaskView(String task, String adapterType, String displayname, String description, List<Subtask> subtasks) {
	}

	record ArchitectureView(String name, String displayname, String description, String citation, JsonNode config,
			String configId) {
	}

}
