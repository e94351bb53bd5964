package dev.plugboard.registry.taxonomy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

/**
 * A named adapter configuration ({@code pfeiffer}, {@code houlsby}, …) and its config id.
 */
@Entity
@Table(name = "architectures")
public class Architecture {

	@Id
	private String name;

	@Column(nullable = false)
	private String displayname;

	private String description;

	private String citation;

	@Column(nullable = false, columnDefinition = "jsonb")
	@ColumnTransformer(write = "?::jsonb")
	private String config;

	@Column(name = "config_id", nullable = false)
	private String configId;

	protected Architecture() {
	}

	public Architecture(String name, String displayname, String description, String citation, String config,
			String configId) {
		this.name = name;
		this.displayname = displayname;
		this.description = description;
		this.citation = citation;
		this.config = config;
		this.configId = configId;
	}

	public String getName() {
		return this.name;
	}

	public String getDisplayname() {
		return this.displayname;
	}

	public String getDescription() {
		return this.description;
	}

	public String getCitation() {
		return this.citation;
	}

	public String getConfig() {
		return this.config;
	}

	public String getConfigId() {
		return this.configId;
	}

}
