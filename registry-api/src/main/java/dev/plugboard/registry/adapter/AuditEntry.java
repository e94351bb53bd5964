package dev.plugboard.registry.adapter;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

/** What happened to a repository, by which token: publishes, yanks, tag moves, edits. */
@Entity
@Table(name = "audit_log")
public class AuditEntry {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, updatable = false)
	private Instant at;

	@Column(name = "token_id", updatable = false)
	private Long tokenId;

	@Column(nullable = false, updatable = false)
	private String action;

	@Column(name = "adapter_id", updatable = false)
	private Long adapterId;

	@Column(nullable = false, updatable = false, columnDefinition = "jsonb")
	@ColumnTransformer(write = "?::jsonb")
	private String detail;

	protected AuditEntry() {
	}

	AuditEntry(Long tokenId, String action, Long adapterId, String detail) {
		this.at = Instant.now();
		this.tokenId = tokenId;
		this.action = action;
		this.adapterId = adapterId;
		this.detail = detail;
	}

	public Long getId() {
		return this.id;
	}

	public Instant getAt() {
		return this.at;
	}

	public Long getTokenId() {
		return this.tokenId;
	}

	public String getAction() {
		return this.action;
	}

	public String getDetail() {
		return this.detail;
	}

}
