package dev.plugboard.registry.taxonomy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A task of the AdapterHub taxonomy ({@code sentiment}, or a language such as
 * {@code de}).
 */
@Entity
@Table(name = "tasks")
public class Task {

	@Id
	private String task;

	@Column(name = "adapter_type", nullable = false)
	private String adapterType;

	@Column(nullable = false)
	private String displayname;

	private String description;

	protected Task() {
	}

	public Task(String task, String adapterType, String displayname, String description) {
		this.task = task;
		this.adapterType = adapterType;
		this.displayname = displayname;
		this.description = description;
	}

	public String getTask() {
		return this.task;
	}

	public String getAdapterType() {
		return this.adapterType;
	}

	public String getDisplayname() {
		return this.displayname;
	}

	public String getDescription() {
		return this.description;
	}

}
