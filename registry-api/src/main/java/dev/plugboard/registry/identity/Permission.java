package dev.plugboard.registry.identity;

import java.util.Locale;

import dev.plugboard.registry.system.InvalidRequestException;

/** What a token may do: each permission includes the ones before it. */
public enum Permission {

	READ, WRITE, ADMIN;

	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	public boolean includes(Permission other) {
		return compareTo(other) >= 0;
	}

	public static Permission of(String id) {
		for (Permission permission : values()) {
			if (permission.id().equals(id)) {
				return permission;
			}
		}
		throw new InvalidRequestException("Unknown permission '" + id + "'; use read, write or admin");
	}

}
