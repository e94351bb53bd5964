package dev.plugboard.registry.adapter;

import java.util.Locale;

/** The media type a file is served with, from its extension. */
final class MediaTypes {

	private MediaTypes() {
	}

	static String of(String path) {
		String lower = path.toLowerCase(Locale.ROOT);
		if (lower.endsWith(".json")) {
			return "application/json";
		}
		if (lower.endsWith(".md")) {
			return "text/markdown; charset=utf-8";
		}
		if (lower.endsWith(".txt")) {
			return "text/plain; charset=utf-8";
		}
		if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
			return "application/yaml";
		}
		return "application/octet-stream";
	}

}
