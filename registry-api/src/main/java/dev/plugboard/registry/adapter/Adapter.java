package dev.plugboard.registry.adapter;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An adapter repository {@code namespace/name} and its metadata. */
@Entity
@Table(name = "adapters")
public class Adapter {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "namespace_id", nullable = false, updatable = false)
	private Long namespaceId;

	@Column(nullable = false, updatable = false)
	private String namespace;

	@Column(nullable = false, updatable = false)
	private String name;

	private String description;

	@Column(name = "model_name")
	private String modelName;

	@Column(name = "model_type")
	private String modelType;

	private String method;

	/** JSON text; the column is jsonb so PostgreSQL checks and indexes it. */
	@Column(name = "adapter_config", columnDefinition = "jsonb")
	@ColumnTransformer(write = "?::jsonb")
	private String adapterConfig;

	@Column(name = "config_id")
	private String configId;

	@Column(name = "adapter_type")
	private String adapterType;

	private String task;

	private String subtask;

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(nullable = false)
	private String[] languages = new String[0];

	private String license;

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(nullable = false)
	private String[] tags = new String[0];

	private String author;

	private String citation;

	@Column(columnDefinition = "jsonb")
	@ColumnTransformer(write = "?::jsonb")
	private String links;

	@Column(nullable = false, insertable = false, updatable = false)
	private long downloads;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	protected Adapter() {
	}

	Adapter(Namespace namespace, String name) {
		this.namespaceId = namespace.getId();
		this.namespace = namespace.getName();
		this.name = name;
		this.createdAt = Instant.now();
		this.updatedAt = this.createdAt;
	}

	public Long getId() {
		return this.id;
	}

	public String getNamespace() {
		return this.namespace;
	}

	public String getName() {
		return this.name;
	}

	/** {@code namespace/name}. */
	public String repositoryId() {
		return this.namespace + "/" + this.name;
	}

	public String getDescription() {
		return this.description;
	}

	public String getModelName() {
		return this.modelName;
	}

	public String getModelType() {
		return this.modelType;
	}

	public String getMethod() {
		return this.method;
	}

	public String getAdapterConfig() {
		return this.adapterConfig;
	}

	public String getConfigId() {
		return this.configId;
	}

	public String getAdapterType() {
		return this.adapterType;
	}

	public String getTask() {
		return this.task;
	}

	public String getSubtask() {
		return this.subtask;
	}

	public String[] getLanguages() {
		return this.languages.clone();
	}

	public String getLicense() {
		return this.license;
	}

	public String[] getTags() {
		return this.tags.clone();
	}

	public String getAuthor() {
		return this.author;
	}

	public String getCitation() {
		return this.citation;
	}

	public String getLinks() {
		return this.links;
	}

	public long getDownloads() {
		return this.downloads;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	void apply(AdapterMetadata metadata) {
		if (metadata.description() != null) {
			this.description = metadata.description().value();
		}
		if (metadata.modelName() != null) {
			this.modelName = metadata.modelName().value();
		}
		if (metadata.modelType() != null) {
			this.modelType = metadata.modelType().value();
		}
		if (metadata.method() != null) {
			this.method = metadata.method().value();
		}
		if (metadata.adapterConfig() != null) {
			this.adapterConfig = metadata.adapterConfig().value();
		}
		if (metadata.configId() != null) {
			this.configId = metadata.configId().value();
		}
		if (metadata.adapterType() != null) {
			this.adapterType = metadata.adapterType().value();
		}
		if (metadata.task() != null) {
			this.task = metadata.task().value();
		}
		if (metadata.subtask() != null) {
			this.subtask = metadata.subtask().value();
		}
		if (metadata.license() != null) {
			this.license = metadata.license().value();
		}
		if (metadata.author() != null) {
			this.author = metadata.author().value();
		}
		if (metadata.citation() != null) {
			this.citation = metadata.citation().value();
		}
		if (metadata.links() != null) {
			this.links = metadata.links().value();
		}
		if (metadata.languages() != null) {
			this.languages = metadata.languages().value().toArray(String[]::new);
		}
		if (metadata.tags() != null) {
			this.tags = metadata.tags().value().toArray(String[]::new);
		}
		this.updatedAt = Instant.now();
	}

}
