package dev.plugboard.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of one hub: resolve references, pull versions into a verified local cache,
 * push versions, and read the catalog, evaluations and leaderboards.
 * <p>
 * Transport failures, 429, 5xx and corrupted transfers are retried with exponential
 * backoff; 4xx never are. Downloads resume with {@code Range} where they stopped, and
 * every file is checked against its sha256 before it enters the cache. In offline mode
 * nothing touches the network: references resolve from what earlier pulls recorded, or
 * fail with {@link NotCachedException}. Thread-safe; several processes may share a cache.
 */
public final class PlugboardClient {

	private static final Logger logger = LoggerFactory.getLogger(PlugboardClient.class);

	private static final int BUFFER = 64 * 1024;

	private static final com.google.gson.Gson GSON = new com.google.gson.Gson();

	private final URI endpoint;

	private final String token;

	private final ContentCache cache;

	private final SnapshotStore snapshots;

	private final boolean offline;

	private final HttpClient http;

	private final Duration timeout;

	private final int retries;

	private final Duration initialBackoff;

	private PlugboardClient(Builder builder) {
		this.endpoint = URI.create(builder.endpoint.endsWith("/") ? builder.endpoint : builder.endpoint + "/");
		if (!"http".equals(this.endpoint.getScheme()) && !"https".equals(this.endpoint.getScheme())) {
			throw new IllegalArgumentException("The hub's endpoint must be an http(s) URL: " + builder.endpoint);
		}
		this.token = (builder.token == null || builder.token.isBlank()) ? null : builder.token.strip();
		this.cache = new ContentCache(builder.cacheDirectory);
		this.snapshots = new SnapshotStore(this.cache.root());
		this.offline = builder.offline;
		this.timeout = builder.timeout;
		this.retries = builder.retries;
		this.initialBackoff = builder.initialBackoff;
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

	public boolean offline() {
		return this.offline;
	}

	// Resolve and pull

	/** Resolves a reference; see {@link #resolve(String, String)}. */
	public ResolvedVersion resolve(String reference) {
		return resolve(reference, null);
	}

	/**
	 * Resolves any reference the hub understands: {@code ns/name}, {@code ns/name@1.0.0},
	 * {@code ns/name@tag}, {@code ns/name@<commit>}, AdapterHub's
	 * {@code task/subtask@org} and {@code sha256:<hex>}. Offline, answers what the cache
	 * recorded for it.
	 * @param baseModel narrows {@code task/subtask@org} down to adapters of this base
	 * model; null for any
	 * @throws HubException with the hub's problem (404 unknown, 409 ambiguous or yanked)
	 * @throws NotCachedException offline, when no pull recorded the reference
	 */
	public ResolvedVersion resolve(String reference, String baseModel) {
		Objects.requireNonNull(reference, "reference");
		if (this.offline) {
			return this.snapshots.lookup(this.endpoint.toString(), reference, baseModel)
				.orElseThrow(() -> new NotCachedException("Offline: " + describe(reference, baseModel)
						+ " was never pulled into the cache at " + this.cache.root() + "; pull it once online"));
		}
		StringBuilder path = new StringBuilder("api/v1/resolve?ref=").append(encode(reference));
		if (baseModel != null && !baseModel.isBlank()) {
			path.append("&model=").append(encode(baseModel));
		}
		return ResolvedVersion.fromJson(getJson(path.toString()).getAsJsonObject());
	}

	/** Pulls a reference; see {@link #pull(String, String, TransferListener)}. */
	public Snapshot pull(String reference) {
		return pull(reference, null, TransferListener.NONE);
	}

	/**
	 * Resolves a reference and lays its version out as a directory of verified files:
	 * files already cached are checked (a corrupted one is fetched again), missing ones
	 * are downloaded (resuming partial downloads), each file once however many processes
	 * pull it at the same time.
	 * @param baseModel see {@link #resolve(String, String)}
	 * @param listener hears the bytes as they arrive
	 */
	public Snapshot pull(String reference, String baseModel, TransferListener listener) {
		ResolvedVersion version;
		boolean fromCache = this.offline;
		try {
			version = resolve(reference, baseModel);
		}
		catch (HubException ex) {
			// Like huggingface_hub: when the hub cannot be reached, what was pulled
			// before
			// is still usable.
			Optional<ResolvedVersion> cached = unreachable(ex)
					? this.snapshots.lookup(this.endpoint.toString(), reference, baseModel) : Optional.empty();
			if (cached.isEmpty()) {
				throw ex;
			}
			logger.warn("The hub is unreachable ({}); using {}@{} from the cache", ex.getMessage(),
					cached.get().repository(), cached.get().version());
			version = cached.get();
			fromCache = true;
		}
		if (version.yanked()) {
			logger.warn("{}@{} is yanked; it is served only because it was named exactly", version.repository(),
					version.version());
		}
		Snapshot snapshot = fetch(version, listener, fromCache);
		if (!fromCache) {
			this.snapshots.record(this.endpoint.toString(), reference, baseModel, version);
		}
		return snapshot;
	}

	private static boolean unreachable(HubException ex) {
		return ex.status() == 0 && !(ex instanceof NotCachedException) && !(ex instanceof ChecksumMismatchException)
				&& ex.getCause() instanceof IOException;
	}

	/**
	 * Lays a version the hub described (a resolve answer, a job lease) out as a directory
	 * of verified files, fetching what the cache lacks.
	 */
	public Snapshot fetch(ResolvedVersion version, TransferListener listener) {
		return fetch(version, listener, this.offline);
	}

	private Snapshot fetch(ResolvedVersion version, TransferListener listener, boolean cacheOnly) {
		listener.started(version.repository() + "@" + version.version(), version.size());
		long downloaded = 0;
		try {
			for (FileRef file : version.files()) {
				downloaded += fetch(file, listener, cacheOnly);
			}
		}
		finally {
			listener.finished();
		}
		Path directory = this.cache.materialize(this.snapshots.directory(version), version.files());
		return new Snapshot(version, directory, downloaded, cacheOnly);
	}

	/** The file from the cache, downloading and verifying it first when missing. */
	public Path download(FileRef file) {
		fetch(file, TransferListener.NONE, this.offline);
		return this.cache.find(file).orElseThrow();
	}

	/**
	 * Makes sure a verified copy of a file is cached.
	 * @return the bytes downloaded for it
	 */
	private long fetch(FileRef file, TransferListener listener, boolean cacheOnly) {
		if (this.cache.verify(file)) {
			listener.advanced(file.size());
			return 0;
		}
		if (cacheOnly) {
			throw new NotCachedException("Offline: " + file.path() + " (sha256 " + file.sha256()
					+ ") is missing from the cache or damaged, and the hub is not asked");
		}
		return this.cache.locked(file.sha256(), () -> {
			// Another thread or process may have finished it while this one waited.
			if (this.cache.find(file).isPresent()) {
				listener.advanced(file.size());
				return 0L;
			}
			long[] received = new long[1];
			long[] reported = new long[1];
			retrying("GET " + file.downloadUrl(), () -> {
				received[0] += resume(file, listener, reported);
				return null;
			});
			return received[0];
		});
	}

	/**
	 * One attempt at a file: asks for the bytes after what the partial download holds
	 * ({@code If-Range} on the sha256 ETag, so a changed file restarts from zero),
	 * appends them, then verifies the whole. Call holding the file's lock.
	 * @param reported bytes already reported to the listener, updated
	 * @return bytes received in this attempt
	 */
	private long resume(FileRef file, TransferListener listener, long[] reported)
			throws IOException, InterruptedException {
		Path part = this.cache.partPath(file.sha256());
		Files.createDirectories(part.getParent());
		long have = Files.exists(part) ? Files.size(part) : 0;
		if (have > file.size()) {
			Files.delete(part);
			have = 0;
		}
		if (have > reported[0]) {
			listener.advanced(have - reported[0]);
			reported[0] = have;
		}
		if (have == file.size()) {
			this.cache.commit(file);
			return 0;
		}
		HttpRequest.Builder request = request(file.downloadUrl()).GET();
		if (have > 0) {
			request.header("Range", "bytes=" + have + "-").header("If-Range", "\"" + file.sha256() + "\"");
		}
		HttpResponse<InputStream> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
		long received = 0;
		try (InputStream body = response.body()) {
			boolean append;
			if (response.statusCode() == 206 && have > 0
					&& response.headers().firstValue("Content-Range").orElse("").startsWith("bytes " + have + "-")) {
				append = true;
				logger.info("Resuming {} at byte {} of {}", file.path(), have, file.size());
			}
			else if (response.statusCode() == 200) {
				append = false;
				if (have > 0) {
					// The hub sent the whole file: what was counted as done is not.
					reported[0] = 0;
				}
			}
			else {
				throw problem(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
			}
			try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
				byte[] buffer = new byte[BUFFER];
				int n;
				while ((n = body.read(buffer)) >= 0) {
					out.write(buffer, 0, n);
					received += n;
					reported[0] += n;
					listener.advanced(n);
				}
			}
		}
		this.cache.commit(file);
		return received;
	}

	// Push

	/**
	 * Publishes a local adapter directory (or a zip, tar or tar.gz bundle) as a new
	 * version, creating the repository first when it does not exist. Safe to retry: the
	 * hub answers the same version with the same content with the existing version.
	 * @param repository {@code namespace/name}
	 * @param metadata repository fields ({@code task}, {@code subtask},
	 * {@code model_name}, {@code method}, {@code license}, {@code description}, …) set
	 * when the repository is created, and updated when it exists; may be empty
	 * @param listener hears the bytes as they are sent
	 * @return the published version, as the hub describes it
	 */
	public JsonObject push(String repository, String version, Path source, Map<String, ?> metadata,
			TransferListener listener) {
		requireOnline("push");
		String[] id = repositoryId(repository);
		Objects.requireNonNull(version, "version");
		if (!Files.exists(source)) {
			throw new IllegalArgumentException("Nothing to push at " + source);
		}
		JsonObject fields = new JsonObject();
		metadata.forEach((key, value) -> fields.add(key, GSON.toJsonTree(value)));
		String repositoryPath = "api/v1/adapters/" + encode(id[0]) + "/" + encode(id[1]);
		Optional<JsonElement> existing = optional(() -> getJson(repositoryPath));
		if (existing.isEmpty()) {
			JsonObject create = fields.deepCopy();
			create.addProperty("namespace", id[0]);
			create.addProperty("name", id[1]);
			postJson("api/v1/adapters", create);
		}
		else if (!fields.isEmpty()) {
			send("PATCH", repositoryPath, fields);
		}
		Path bundle = Files.isDirectory(source) ? Bundles.zip(source) : source;
		try {
			long size = Files.size(bundle);
			String contentType = Files.isDirectory(source) ? "application/zip" : "application/octet-stream";
			listener.started(repository + "@" + version, size);
			try {
				JsonElement published = retrying("PUT " + repositoryPath + "/versions/" + version, () -> {
					HttpRequest request = request(repositoryPath + "/versions/" + encode(version))
						.header("Content-Type", contentType)
						.PUT(HttpRequest.BodyPublishers.fromPublisher(
								HttpRequest.BodyPublishers.ofInputStream(() -> counting(bundle, listener)), size))
						.build();
					return answer(this.http.send(request, HttpResponse.BodyHandlers.ofString()));
				});
				return published.getAsJsonObject();
			}
			finally {
				listener.finished();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + bundle, ex);
		}
		finally {
			if (!bundle.equals(source)) {
				try {
					Files.deleteIfExists(bundle);
				}
				catch (IOException ex) {
					logger.debug("Cannot delete {}", bundle, ex);
				}
			}
		}
	}

	// Catalog, evaluations and accounts

	/**
	 * Searches the catalog; see the hub's {@code GET /api/v1/search}.
	 * @param parameters {@code q}, filters ({@code task}, {@code subtask},
	 * {@code base_model}, {@code method}, {@code language}, {@code license},
	 * {@code namespace}, {@code repo_type}), {@code sort}, {@code mode}, {@code limit},
	 * {@code cursor}; null values are left out
	 */
	public JsonObject search(Map<String, String> parameters) {
		requireOnline("search");
		return getJson("api/v1/search" + query(parameters)).getAsJsonObject();
	}

	/** A repository's metadata, tags and latest version. */
	public JsonObject repository(String repository) {
		requireOnline("info");
		String[] id = repositoryId(repository);
		return getJson("api/v1/adapters/" + encode(id[0]) + "/" + encode(id[1])).getAsJsonObject();
	}

	/** A repository's versions, newest first, with their files and tags. */
	public JsonElement versions(String repository) {
		requireOnline("versions");
		String[] id = repositoryId(repository);
		return getJson("api/v1/adapters/" + encode(id[0]) + "/" + encode(id[1]) + "/versions");
	}

	/** A version's evaluation jobs and results. */
	public JsonObject evaluations(String repository, String version) {
		requireOnline("scores");
		String[] id = repositoryId(repository);
		return getJson("api/v1/adapters/" + encode(id[0]) + "/" + encode(id[1]) + "/versions/" + encode(version)
				+ "/evaluations")
			.getAsJsonObject();
	}

	/**
	 * Queues evaluations of a version: on one benchmark, or (null) on every benchmark of
	 * its task. Needs write permission in the repository's namespace.
	 */
	public JsonObject evaluate(String repository, String version, String benchmark) {
		requireOnline("eval");
		String[] id = repositoryId(repository);
		JsonObject body = new JsonObject();
		if (benchmark != null) {
			body.addProperty("benchmark", benchmark);
		}
		return postJson("api/v1/adapters/" + encode(id[0]) + "/" + encode(id[1]) + "/versions/" + encode(version)
				+ "/evaluations", body)
			.getAsJsonObject();
	}

	/** A benchmark's leaderboard: the best version of each repository. */
	public JsonObject leaderboard(String benchmark, String baseModel, String method, Integer limit) {
		requireOnline("leaderboard");
		String[] id = repositoryId(benchmark);
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("base_model", baseModel);
		parameters.put("method", method);
		parameters.put("limit", (limit != null) ? limit.toString() : null);
		return getJson("api/v1/benchmarks/" + encode(id[0]) + "/" + encode(id[1]) + "/leaderboard" + query(parameters))
			.getAsJsonObject();
	}

	/** Who this client's token is (401 {@link HubException} when it is not valid). */
	public JsonObject whoami() {
		requireOnline("login");
		if (this.token == null) {
			throw new HubException(401, null, "No token given", null);
		}
		return getJson("api/v1/whoami").getAsJsonObject();
	}

	// Plain JSON calls

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
		requireOnline("PUT " + path);
		return retrying("PUT " + path, () -> {
			HttpRequest request = request(path).header("Content-Type", contentType)
				.PUT(HttpRequest.BodyPublishers.ofByteArray(body))
				.build();
			return answer(this.http.send(request, HttpResponse.BodyHandlers.ofString()));
		});
	}

	private JsonElement send(String method, String path, JsonElement body) {
		requireOnline(method + " " + path);
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
			.header("Accept", "application/json, application/problem+json, */*")
			.header("User-Agent", "plugboard-client/" + version());
		if (this.token != null) {
			builder.header("Authorization", "Bearer " + this.token);
		}
		return builder;
	}

	private <T> T retrying(String what, Call<T> call) {
		long backoff = this.initialBackoff.toMillis();
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
					throw new HubException(0, null, what + " failed: cannot reach the hub at " + this.endpoint + " ("
							+ ((ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName()) + ")", ex);
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
			type = Json.string(problem, "type");
			String title = problem.has("title") ? problem.get("title").getAsString() : message;
			message = problem.has("detail") ? title + ": " + problem.get("detail").getAsString() : title;
		}
		catch (RuntimeException ex) {
			// Not a problem document; the status is all there is.
		}
		return new HubException(status, type, message, null);
	}

	private void requireOnline(String what) {
		if (this.offline) {
			throw new NotCachedException("Offline: " + what + " needs the hub");
		}
	}

	private static Optional<JsonElement> optional(java.util.function.Supplier<JsonElement> call) {
		try {
			return Optional.ofNullable(call.get());
		}
		catch (HubException ex) {
			if (ex.status() == 404) {
				return Optional.empty();
			}
			throw ex;
		}
	}

	private static InputStream counting(Path file, TransferListener listener) {
		try {
			return new java.io.FilterInputStream(Files.newInputStream(file)) {
				@Override
				public int read(byte[] b, int off, int len) throws IOException {
					int n = super.read(b, off, len);
					if (n > 0) {
						listener.advanced(n);
					}
					return n;
				}
			};
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String[] repositoryId(String repository) {
		String[] parts = (repository == null) ? new String[0] : repository.split("/", -1);
		if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
			throw new IllegalArgumentException("Expected 'namespace/name', got '" + repository + "'");
		}
		return parts;
	}

	private static String query(Map<String, String> parameters) {
		StringJoiner joiner = new StringJoiner("&", "?", "").setEmptyValue("");
		parameters.forEach((key, value) -> {
			if (value != null) {
				joiner.add(encode(key) + "=" + encode(value));
			}
		});
		return joiner.toString();
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static String describe(String reference, String baseModel) {
		return (baseModel != null) ? reference + " (base model " + baseModel + ")" : reference;
	}

	/** This client's version, from the jar's manifest. */
	public static String version() {
		String version = PlugboardClient.class.getPackage().getImplementationVersion();
		return (version != null) ? version : "dev";
	}

	@FunctionalInterface
	private interface Call<T> {

		T run() throws IOException, InterruptedException;

	}

	/** Configures a client. */
	public static final class Builder {

		private final String endpoint;

		private String token;

		private Path cacheDirectory = defaultCacheDirectory();

		private boolean offline;

		private Duration timeout = Duration.ofMinutes(5);

		private Duration connectTimeout = Duration.ofSeconds(10);

		private int retries = 4;

		private Duration initialBackoff = Duration.ofMillis(200);

		private Builder(String endpoint) {
			this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
		}

		/** The bearer token; null for anonymous reads. */
		public Builder token(String token) {
			this.token = token;
			return this;
		}

		/**
		 * Where pulled files are kept; {@code $PLUGBOARD_CACHE}, else
		 * {@code ~/.cache/plugboard}, by default.
		 */
		public Builder cacheDirectory(Path cacheDirectory) {
			this.cacheDirectory = Objects.requireNonNull(cacheDirectory, "cacheDirectory");
			return this;
		}

		/** Serve pulls from the cache only, never touching the network. */
		public Builder offline(boolean offline) {
			this.offline = offline;
			return this;
		}

		/** How long to wait for a response's headers. */
		public Builder timeout(Duration timeout) {
			this.timeout = timeout;
			return this;
		}

		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
			return this;
		}

		/** Retries after the first attempt (0 for none). */
		public Builder retries(int retries) {
			if (retries < 0) {
				throw new IllegalArgumentException("retries must not be negative");
			}
			this.retries = retries;
			return this;
		}

		/** The first retry's delay; each further one doubles it, up to 10 s. */
		public Builder initialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
			return this;
		}

		public PlugboardClient build() {
			return new PlugboardClient(this);
		}

		private static Path defaultCacheDirectory() {
			String configured = System.getenv("PLUGBOARD_CACHE");
			return (configured != null && !configured.isBlank()) ? Path.of(configured)
					: Path.of(System.getProperty("user.home"), ".cache", "plugboard");
		}

	}

}
