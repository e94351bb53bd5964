package dev.plugboard.registry.adapter;

import java.util.Objects;

import tools.jackson.databind.json.JsonMapper;

/**
 * Compares JSON texts by meaning: PostgreSQL hands jsonb back re-formatted and with keys
 * re-ordered, so string equality would call every re-import a change.
 */
final class JsonText {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private JsonText() {
	}

	static boolean same(String a, String b) {
		if (a == null || b == null) {
			return Objects.equals(a, b);
		}
		return a.equals(b) || JSON.readTree(a).equals(JSON.readTree(b));
	}

}
