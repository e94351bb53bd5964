package dev.plugboard.registry.identity;

import java.util.Locale;

import dev.plugboard.registry.system.InvalidRequestException;

/**
 * What a token may do: read, write and admin each include the ones before them;
 * {@code runner} (register evaluation runners, lease jobs, report results) stands apart
 * and is included only in admin.
 */
public enum Permission {

	READ, WRITE, ADMIN, RUNNER;

	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	public boolean includes(Permission other) {
		if (this == RUNNER || other == RUNNER) {
			return this == other || this == ADMIN;
		}
		return compareTo(other) >= 0;
	}

	public static Permission of(String id) {
		for (Permission permission : values()) {
			if (permission.id().equals(id)) {
				return permission;
			}
		}
		throw new InvalidRequestException("Unknown permission '" + id + "'; use read, write, admin or runner");
	}

}
