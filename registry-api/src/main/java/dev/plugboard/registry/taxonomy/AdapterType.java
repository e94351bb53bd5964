package dev.plugboard.registry.taxonomy;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * AdapterHub's adapter types: {@code text_task} (Task) and {@code text_lang} (Language).
 */
@Entity
@Table(name = "adapter_types")
public class AdapterType {

	@Id
	private String id;

	private String displayname;

	private String description;

	protected AdapterType() {
	}

	public AdapterType(String id, String displayname, String description) {
		this.id = id;
		this.displayname = displayname;
		this.description = description;
	}

	public String getId() {
		return this.id;
	}

	public String getDisplayname() {
		return this.displayname;
	}

	public String getDescription() {
		return this.description;
	}

}
