package dev.plugboard.registry.adapter.web;

import dev.plugboard.registry.adapter.Adapter;
import dev.plugboard.registry.adapter.AdapterVersion;

import org.springframework.http.HttpHeaders;

/**
 * Responses about a yanked version carry a warning, so tools notice even when they ignore
 * the body.
 */
final class Yanked {

	static final String HEADER = "X-Plugboard-Yanked";

	private Yanked() {
	}

	static void warn(HttpHeaders headers, Adapter adapter, AdapterVersion version) {
		if (!version.isYanked()) {
			return;
		}
		String reason = (version.getYankReason() != null) ? version.getYankReason() : "no reason given";
		String text = adapter.repositoryId() + "@" + version.getVersion() + " is yanked: " + reason;
		// RFC 7234 warn-text is a quoted-string; keep it ASCII and without quotes.
		String safe = text.replaceAll("[^\\x20-\\x7e]", "?").replace("\"", "'").replace("\\", "/");
		headers.add("Warning", "299 plugboard \"" + safe + "\"");
		headers.add(HEADER, "true");
	}

}
