package dev.plugboard.registry.taxonomy;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * AdapterHub's taxonomy as browsable resources: adapter types, tasks, subtasks,
 * architectures.
 */
@Service
public class Taxonomy implements dev.plugboard.registry.adapter.ArchitectureConfigIds {

	private final AdapterTypeRepository types;

	private final TaskRepository tasks;

	private final SubtaskRepository subtasks;

	private final ArchitectureRepository architectures;

	Taxonomy(AdapterTypeRepository types, TaskRepository tasks, SubtaskRepository subtasks,
			ArchitectureRepository architectures) {
		this.types = types;
		this.tasks = tasks;
		this.subtasks = subtasks;
		this.architectures = architectures;
	}

	@Transactional(readOnly = true)
	public List<AdapterType> adapterTypes() {
		return this.types.findAll();
	}

	@Transactional(readOnly = true)
	public List<Task> tasks(String adapterType) {
		return (adapterType == null) ? this.tasks.findAllByOrderByAdapterTypeAscTaskAsc()
				: this.tasks.findByAdapterTypeOrderByTaskAsc(adapterType);
	}

	@Transactional(readOnly = true)
	public Optional<Task> task(String task) {
		return this.tasks.findById(task);
	}

	@Transactional(readOnly = true)
	public List<Subtask> subtasks(String task) {
		return this.subtasks.findByTaskOrderBySubtaskAsc(task);
	}

	@Transactional(readOnly = true)
	public Optional<Subtask> subtask(String task, String subtask) {
		return this.subtasks.findById(new Subtask.Key(task, subtask));
	}

	@Transactional(readOnly = true)
	public List<Architecture> architectures() {
		return this.architectures.findAllByOrderByNameAsc();
	}

	@Transactional(readOnly = true)
	public Optional<Architecture> architecture(String name) {
		return this.architectures.findById(name);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<String> configId(String architecture) {
		return this.architectures.findById(architecture).map(Architecture::getConfigId);
	}

	/**
	 * Inserts or replaces. Saving the same values again writes nothing: Hibernate's dirty
	 * check finds no change, so re-imports leave the rows untouched.
	 */
	@Transactional
	public void save(AdapterType type) {
		this.types.save(type);
	}

	@Transactional
	public void save(Task task) {
		this.tasks.save(task);
	}

	@Transactional
	public void save(Subtask subtask) {
		this.subtasks.save(subtask);
	}

	@Transactional
	public void save(Architecture architecture) {
		this.architectures.save(architecture);
	}

}
