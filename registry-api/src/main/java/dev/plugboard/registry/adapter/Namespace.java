package dev.plugboard.registry.adapter;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A user or organisation that owns adapter repositories; created with its first one. */
@Entity
@Table(name = "namespaces")
class Namespace {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, updatable = false)
	private String name;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	protected Namespace() {
	}

	Namespace(String name) {
		this.name = name;
		this.createdAt = Instant.now();
	}

	Long getId() {
		return this.id;
	}

	String getName() {
		return this.name;
	}

}
