package dev.plugboard.registry.adapter;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A repository {@code namespace/name} and its metadata: an adapter, or a base model (see
 * {@link RepositoryType}).
 */
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

	@Column(name = "repo_type", nullable = false, updatable = false)
	private String repoType = RepositoryType.ADAPTER.id();

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

	@Column(nullable = false)
	private String source = "upload";

	/** Card fields with no column of their own (for imported AdapterHub cards). */
	@Column(columnDefinition = "jsonb")
	@ColumnTransformer(write = "?::jsonb")
	private String origin;

	@Column(name = "adapterhub_default", nullable = false)
	private boolean adapterhubDefault;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	protected Adapter() {
	}

	Adapter(Namespace namespace, String name, RepositoryType type) {
		this.namespaceId = namespace.getId();
		this.namespace = namespace.getName();
		this.name = name;
		this.repoType = type.id();
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

	public RepositoryType getRepoType() {
		return RepositoryType.fromColumn(this.repoType);
	}

	public boolean isBaseModel() {
		return getRepoType() == RepositoryType.BASE_MODEL;
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

	public String getSource() {
		return this.source;
	}

	public String getOrigin() {
		return this.origin;
	}

	public boolean isAdapterhubDefault() {
		return this.adapterhubDefault;
	}

	/**
	 * Records where an imported repository came from; returns whether anything changed.
	 */
	boolean importedFrom(String source, String origin, boolean adapterhubDefault) {
		if (Objects.equals(this.source, source) && JsonText.same(this.origin, origin)
				&& this.adapterhubDefault == adapterhubDefault) {
			return false;
		}
		this.source = source;
		this.origin = origin;
		this.adapterhubDefault = adapterhubDefault;
		this.updatedAt = Instant.now();
		return true;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	/**
	 * Applies a change; returns whether any field really changed (only then is the update
	 * time moved).
	 */
	boolean apply(AdapterMetadata metadata) {
		boolean changed = false;
		if (metadata.description() != null && !Objects.equals(this.description, metadata.description().value())) {
			this.description = metadata.description().value();
			changed = true;
		}
		if (metadata.modelName() != null && !Objects.equals(this.modelName, metadata.modelName().value())) {
			this.modelName = metadata.modelName().value();
			changed = true;
		}
		if (metadata.modelType() != null && !Objects.equals(this.modelType, metadata.modelType().value())) {
			this.modelType = metadata.modelType().value();
			changed = true;
		}
		if (metadata.method() != null && !Objects.equals(this.method, metadata.method().value())) {
			this.method = metadata.method().value();
			changed = true;
		}
		if (metadata.configId() != null && !Objects.equals(this.configId, metadata.configId().value())) {
			this.configId = metadata.configId().value();
			changed = true;
		}
		if (metadata.adapterType() != null && !Objects.equals(this.adapterType, metadata.adapterType().value())) {
			this.adapterType = metadata.adapterType().value();
			changed = true;
		}
		if (metadata.task() != null && !Objects.equals(this.task, metadata.task().value())) {
			this.task = metadata.task().value();
			changed = true;
		}
		if (metadata.subtask() != null && !Objects.equals(this.subtask, metadata.subtask().value())) {
			this.subtask = metadata.subtask().value();
			changed = true;
		}
		if (metadata.license() != null && !Objects.equals(this.license, metadata.license().value())) {
			this.license = metadata.license().value();
			changed = true;
		}
		if (metadata.author() != null && !Objects.equals(this.author, metadata.author().value())) {
			this.author = metadata.author().value();
			changed = true;
		}
		if (metadata.citation() != null && !Objects.equals(this.citation, metadata.citation().value())) {
			this.citation = metadata.citation().value();
			changed = true;
		}
		if (metadata.adapterConfig() != null && !JsonText.same(this.adapterConfig, metadata.adapterConfig().value())) {
			this.adapterConfig = metadata.adapterConfig().value();
			changed = true;
		}
		if (metadata.links() != null && !JsonText.same(this.links, metadata.links().value())) {
			this.links = metadata.links().value();
			changed = true;
		}
		if (metadata.languages() != null
				&& !Arrays.equals(this.languages, metadata.languages().value().toArray(String[]::new))) {
			this.languages = metadata.languages().value().toArray(String[]::new);
			changed = true;
		}
		if (metadata.tags() != null && !Arrays.equals(this.tags, metadata.tags().value().toArray(String[]::new))) {
			this.tags = metadata.tags().value().toArray(String[]::new);
			changed = true;
		}
		if (changed) {
			this.updatedAt = Instant.now();
		}
		return changed;
	}

}
