package dev.plugboard.registry.identity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A bearer token: only the sha256 of its secret is stored. */
@Entity
@Table(name = "api_tokens")
public class ApiToken {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "token_hash", nullable = false, updatable = false)
	private String tokenHash;

	/** Null for admin tokens, which act on every namespace. */
	@Column(updatable = false)
	private String namespace;

	@Column(nullable = false, updatable = false)
	private String permission;

	private String description;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Column(name = "last_used_at")
	private Instant lastUsedAt;

	@Column(name = "revoked_at")
	private Instant revokedAt;

	protected ApiToken() {
	}

	ApiToken(String tokenHash, String namespace, Permission permission, String description) {
		this.tokenHash = tokenHash;
		this.namespace = namespace;
		this.permission = permission.id();
		this.description = description;
		this.createdAt = Instant.now();
	}

	public Long getId() {
		return this.id;
	}

	public String getNamespace() {
		return this.namespace;
	}

	public Permission getPermission() {
		return Permission.of(this.permission);
	}

	public String getDescription() {
		return this.description;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getLastUsedAt() {
		return this.lastUsedAt;
	}

	public Instant getRevokedAt() {
		return this.revokedAt;
	}

	boolean isRevoked() {
		return this.revokedAt != null;
	}

	void revoke() {
		this.revokedAt = Instant.now();
	}

	void usedAt(Instant when) {
		this.lastUsedAt = when;
	}

}
