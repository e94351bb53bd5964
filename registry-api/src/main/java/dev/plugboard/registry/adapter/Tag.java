package dev.plugboard.registry.adapter;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A movable name for a version ({@code stable}, …); {@code latest} is computed, not
 * stored.
 */
@Entity
@Table(name = "tags")
public class Tag {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "adapter_id", nullable = false, updatable = false)
	private Long adapterId;

	@Column(nullable = false, updatable = false)
	private String name;

	@Column(name = "version_id", nullable = false)
	private Long versionId;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	protected Tag() {
	}

	Tag(Adapter adapter, String name, AdapterVersion version) {
		this.adapterId = adapter.getId();
		this.name = name;
		moveTo(version);
	}

	public String getName() {
		return this.name;
	}

	public Long getVersionId() {
		return this.versionId;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	void moveTo(AdapterVersion version) {
		this.versionId = version.getId();
		this.updatedAt = Instant.now();
	}

}
