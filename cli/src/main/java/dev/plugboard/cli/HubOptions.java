package dev.plugboard.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import com.google.gson.JsonObject;
import dev.plugboard.client.PlugboardClient;
import picocli.CommandLine.Option;

/**
 * The options every command shares. Each falls back to an environment variable, then to
 * what {@code plugboard login} saved, then to a default.
 */
final class HubOptions {

	static final String DEFAULT_HUB = "http://localhost:8080";

	@Option(names = "--hub", paramLabel = "URL",
			description = "The hub (env PLUGBOARD_HUB; else the one you logged in to; else " + DEFAULT_HUB + ").")
	String hub;

	@Option(names = "--token", paramLabel = "TOKEN",
			description = "The API token (env PLUGBOARD_TOKEN; else the one saved by login).")
	String token;

	@Option(names = "--cache", paramLabel = "DIR",
			description = "The download cache (env PLUGBOARD_CACHE; else ~/.cache/plugboard).")
	Path cache;

	@Option(names = "--offline", description = "Use the cache only; never touch the network (env PLUGBOARD_OFFLINE=1).")
	boolean offline;

	@Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
			description = "Seconds to wait for the hub's answer (default ${DEFAULT-VALUE}).")
	int timeoutSeconds;

	@Option(names = "--retries", paramLabel = "N", defaultValue = "4",
			description = "Retries on connection errors and 5xx, with exponential backoff (default ${DEFAULT-VALUE}).")
	int retries;

	@Option(names = "--json", description = "Print machine-readable JSON on stdout.")
	boolean json;

	@Option(names = { "-q", "--quiet" }, description = "No progress bars.")
	boolean quiet;

	@Option(names = "--verbose", description = "Show stack traces of failures.")
	boolean verbose;

	private final Credentials credentials;

	HubOptions() {
		this(Credentials.standard());
	}

	HubOptions(Credentials credentials) {
		this.credentials = credentials;
	}

	Credentials credentials() {
		return this.credentials;
	}

	String hub() {
		if (this.hub != null) {
			return this.hub;
		}
		String env = System.getenv("PLUGBOARD_HUB");
		if (env != null && !env.isBlank()) {
			return env;
		}
		return saved().map((saved) -> saved.get("hub").getAsString()).orElse(DEFAULT_HUB);
	}

	String token() {
		if (this.token != null) {
			return this.token;
		}
		String env = System.getenv("PLUGBOARD_TOKEN");
		if (env != null && !env.isBlank()) {
			return env;
		}
		// A saved token belongs to the hub it was saved for, never sent elsewhere.
		return saved().filter((saved) -> saved.get("hub").getAsString().equals(hub()))
			.map((saved) -> saved.get("token").getAsString())
			.orElse(null);
	}

	boolean offline() {
		return this.offline || "1".equals(System.getenv("PLUGBOARD_OFFLINE"))
				|| "true".equalsIgnoreCase(System.getenv("PLUGBOARD_OFFLINE"));
	}

	PlugboardClient client() {
		PlugboardClient.Builder builder = PlugboardClient.builder(hub())
			.token(token())
			.offline(offline())
			.timeout(Duration.ofSeconds(this.timeoutSeconds))
			.retries(this.retries);
		if (this.cache != null) {
			builder.cacheDirectory(this.cache);
		}
		return builder.build();
	}

	private Optional<JsonObject> saved() {
		return this.credentials.read().filter((saved) -> saved.has("hub") && saved.has("token"));
	}

}
