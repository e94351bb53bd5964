package dev.plugboard.registry.adapter;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

/** An immutable, published version of an adapter repository. */
@Entity
@Table(name = "adapter_versions")
public class AdapterVersion {

	static final String PUBLISHED = "published";

	static final String YANKED = "yanked";

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "adapter_id", nullable = false, updatable = false)
	private Long adapterId;

	@Column(nullable = false, updatable = false)
	private String version;

	@Column(nullable = false)
	private String status;

	@Column(name = "content_digest", nullable = false, updatable = false)
	private String contentDigest;

	@Column(name = "yank_reason")
	private String yankReason;

	@Column(name = "yanked_at")
	private Instant yankedAt;

	@Column(name = "created_by", updatable = false)
	private Long createdBy;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Column(nullable = false, insertable = false, updatable = false)
	private long downloads;

	@Column(updatable = false)
	private String description;

	@Column(updatable = false)
	private Double score;

	/** What the weights are (format, method, hyper-parameters, parameters), as JSON. */
	@Column(columnDefinition = "jsonb", updatable = false)
	@ColumnTransformer(write = "?::jsonb")
	private String weights;

	protected AdapterVersion() {
	}

	AdapterVersion(Adapter adapter, String version, String contentDigest, Long createdBy, VersionNotes notes) {
		this.description = notes.description();
		this.score = notes.score();
		this.weights = notes.weights();
		this.adapterId = adapter.getId();
		this.version = version;
		this.status = PUBLISHED;
		this.contentDigest = contentDigest;
		this.createdBy = createdBy;
		this.createdAt = Instant.now();
	}

	public Long getId() {
		return this.id;
	}

	public Long getAdapterId() {
		return this.adapterId;
	}

	public String getVersion() {
		return this.version;
	}

	public boolean isYanked() {
		return YANKED.equals(this.status);
	}

	public String getStatus() {
		return this.status;
	}

	public String getContentDigest() {
		return this.contentDigest;
	}

	/**
	 * A stable 40-hex revision id derived from the content, the shape Hugging Face
	 * clients expect of a commit.
	 */
	public String commitId() {
		return this.contentDigest.substring(0, 40);
	}

	public String getYankReason() {
		return this.yankReason;
	}

	public Instant getYankedAt() {
		return this.yankedAt;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public String getDescription() {
		return this.description;
	}

	public Double getScore() {
		return this.score;
	}

	public String getWeights() {
		return this.weights;
	}

	public long getDownloads() {
		return this.downloads;
	}

	void yank(String reason) {
		this.status = YANKED;
		this.yankReason = reason;
		this.yankedAt = Instant.now();
	}

	void unyank() {
		this.status = PUBLISHED;
		this.yankReason = null;
		this.yankedAt = null;
	}

}
