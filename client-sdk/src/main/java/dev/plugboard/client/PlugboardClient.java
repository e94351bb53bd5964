package dev.plugboard.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of one hub: JSON calls and verified, cached downloads. Transport failures, 429
 * and 5xx are retried with exponential backoff; 4xx never are. Thread-safe.
 */
public final class PlugboardClient {

	private static final Logger logger = LoggerFactory.getLogger(PlugboardClient.class);

	private final URI endpoint;

	private final String token;

	private final ContentCache cache;

	private final HttpClient http;

	private final Duration timeout;

	private final int retries;

	private PlugboardClient(Builder builder) {
		this.endpoint = URI.create(builder.endpoint.endsWith("/") ? builder.endpoint : builder.endpoint + "/");
		this.token = builder.token;
		this.cache = new ContentCache(builder.cacheDirectory);
		this.timeout = builder.timeout;
		this.retries = builder.retries;
		this.http = HttpClient.newBuilder()
			.connectTimeout(builder.connectTimeout)
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
	}

	public static Builder builder(String endpoint) {
		return new Builder(endpoint);
	}

	public ContentCache cache() {
		return this.cache;
	}

	public URI endpoint() {
		return this.endpoint;
	}

	/** GETs JSON from a hub path such as {@code api/v1/benchmarks}. */
	public JsonElement getJson(String path) {
		return send("GET", path, null);
	}

	/** POSTs a JSON body; returns the answer, or null for 204. */
	public JsonElement postJson(String path, JsonElement body) {
		return send("POST", path, body);
	}

	/** PUTs a JSON body; returns the answer, or null for 204. */
	public JsonElement putJson(String path, JsonElement body) {
		return send("PUT", path, body);
	}

	/** PUTs raw bytes (an uploaded file); returns the answer, or null for 204. */
	public JsonElement putBytes(String path, byte[] body, String contentType) {
		return retrying("PUT " + path, () -> {
			HttpRequest request = request(path).header("Content-Type", contentType)
				.PUT(HttpRequest.BodyPublishers.ofByteArray(body))
				.build();
			return answer(this.http.send(request, HttpResponse.BodyHandlers.ofString()));
		});
	}

	/** The file from the cache, downloading and verifying it first when missing. */
	public Path download(FileRef file) {
		return this.cache.find(file).orElseGet(() -> retrying("GET " + file.downloadUrl(), () -> {
			HttpRequest request = request(file.downloadUrl()).GET().build();
			HttpResponse<InputStream> response = this.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
			try (InputStream body = response.body()) {
				if (response.statusCode() != 200) {
					throw problem(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
				}
				return this.cache.store(file, body);
			}
		}));
	}

	private JsonElement send(String method, String path, JsonElement body) {
		return retrying(method + " " + path, () -> {
			HttpRequest.BodyPublisher publisher = (body == null) ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(body.toString());
			HttpRequest request = request(path).header("Content-Type", "application/json")
				.method(method, publisher)
				.build();
			return answer(this.http.send(request, HttpResponse.BodyHandlers.ofString()));
		});
	}

	private static JsonElement answer(HttpResponse<String> response) {
		if (response.statusCode() >= 400) {
			throw problem(response.statusCode(), response.body());
		}
		if (response.statusCode() == 204 || response.body().isBlank()) {
			return null;
		}
		return JsonParser.parseString(response.body());
	}

	private HttpRequest.Builder request(String path) {
		URI uri = path.startsWith("http://") || path.startsWith("https://") ? URI.create(path)
				: this.endpoint.resolve(path.startsWith("/") ? path.substring(1) : path);
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
			.timeout(this.timeout)
			.header("Accept", "application/json, application/problem+json, */*");
		if (this.token != null) {
			builder.header("Authorization", "Bearer " + this.token);
		}
		return builder;
	}

	private <T> T retrying(String what, Call<T> call) {
		long backoff = 200;
		for (int attempt = 0;; attempt++) {
			try {
				return call.run();
			}
			catch (HubException ex) {
				if (!ex.retryable() || attempt >= this.retries) {
					throw ex;
				}
				logger.warn("{} failed ({}); retry {} of {} in {} ms", what, ex.getMessage(), attempt + 1, this.retries,
						backoff);
			}
			catch (IOException ex) {
				if (attempt >= this.retries) {
					throw new HubException(0, null, what + " failed: " + ex, ex);
				}
				logger.warn("{} failed ({}); retry {} of {} in {} ms", what, ex, attempt + 1, this.retries, backoff);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new HubException(0, null, what + " interrupted", ex);
			}
			try {
				Thread.sleep(backoff);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new HubException(0, null, what + " interrupted", ex);
			}
			backoff = Math.min(backoff * 2, 10_000);
		}
	}

	private static HubException problem(int status, String body) {
		String type = null;
		String message = "HTTP " + status;
		try {
			JsonObject problem = JsonParser.parseString(body).getAsJsonObject();
			type = problem.has("type") ? problem.get("type").getAsString() : null;
			String title = problem.has("title") ? problem.get("title").getAsString() : message;
			message = problem.has("detail") ? title + ": " + problem.get("detail").getAsString() : title;
		}
		catch (RuntimeException ex) {
			// Not a problem document; the status is all there is.
		}
		return new HubException(status, type, message, null);
	}

	@FunctionalInterface
	private interface Call<T> {

		T run() throws IOException, InterruptedException;

	}

	/** Configures a client. */
	public static final class Builder {

		private final String endpoint;

		private String token;

		private Path cacheDirectory = Path.of(System.getProperty("user.home"), ".cache", "plugboard");

		private Duration timeout = Duration.ofMinutes(5);

		private Duration connectTimeout = Duration.ofSeconds(10);

		private int retries = 4;

		private Builder(String endpoint) {
			this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
		}

		public Builder token(String token) {
			this.token = token;
			return this;
		}

		public Builder cacheDirectory(Path cacheDirectory) {
			this.cacheDirectory = cacheDirectory;
			return this;
		}

		public Builder timeout(Duration timeout) {
			this.timeout = timeout;
			return this;
		}

		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
			return this;
		}

		public Builder retries(int retries) {
			this.retries = retries;
			return this;
		}

		public PlugboardClient build() {
			return new PlugboardClient(this);
		}

	}

}
