package dev.plugboard.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The few hub endpoints the benchmark calls, over the JDK HTTP client (HTTP/1.1, the
 * protocol Python and curl clients of the hub use).
 */
final class HubApi {

	static final String CONFIG_JSON = "{\"peft_type\":\"LORA\",\"r\":8,\"lora_alpha\":16,\"target_modules\":[\"query\"]}";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration TRANSFER_TIMEOUT = Duration.ofMinutes(5);

	private final HttpClient client;

	private final URI base;

	private final String token;

	HubApi(HttpClient client, URI base, String token) {
		this.client = client;
		this.base = base;
		this.token = token;
	}

	static HttpClient newClient() {
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	HttpClient client() {
		return this.client;
	}

	URI base() {
		return this.base;
	}

	void createAdapter(String namespace, String name) throws IOException, InterruptedException {
		String body = "{\"namespace\":\"" + namespace + "\",\"name\":\"" + name + "\"}";
		HttpRequest request = HttpRequest.newBuilder(this.base.resolve("/api/v1/adapters"))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + this.token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
		expect(response, 201, "create " + namespace + "/" + name);
	}

	/** The adapter config plus, optionally, one more file; returns each file's sha256. */
	Map<String, String> publish(String namespace, String name, String version, MultipartBody body)
			throws IOException, InterruptedException {
		HttpRequest request = HttpRequest
			.newBuilder(this.base.resolve("/api/v1/adapters/" + namespace + "/" + name + "/versions/" + version))
			.timeout(TRANSFER_TIMEOUT)
			.header("Authorization", "Bearer " + this.token)
			.header("Content-Type", body.contentType())
			.PUT(body.publisher())
			.build();
		HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
		expect(response, 201, "publish " + namespace + "/" + name + "@" + version);
		Map<String, String> sha256ByPath = new HashMap<>();
		for (JsonNode file : JSON.readTree(response.body()).path("files")) {
			sha256ByPath.put(file.path("path").asString(), file.path("sha256").asString());
		}
		return sha256ByPath;
	}

	static MultipartBody configOnly() {
		byte[] config = CONFIG_JSON.getBytes(StandardCharsets.UTF_8);
		return new MultipartBody().file("adapter_config.json", config.length, () -> new ByteArrayInputStream(config));
	}

	URI fileUri(String namespace, String name, String version, String path) {
		return this.base
			.resolve("/api/v1/adapters/" + namespace + "/" + name + "/versions/" + version + "/files/" + path);
	}

	URI resolveUri(String ref) {
		return this.base.resolve("/api/v1/resolve?ref=" + ref);
	}

	/** The resolved version of {@code ref}, to check seeding before the load. */
	String resolvedVersion(String ref) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(resolveUri(ref)).timeout(Duration.ofSeconds(30)).build();
		HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
		expect(response, 200, "resolve " + ref);
		return JSON.readTree(response.body()).path("version").asString();
	}

	/**
	 * GETs {@code uri} and throws the body away in 256 KiB reads: the client does the
	 * same cheap work for the hub and for S3, so the difference is the server side.
	 * @return bytes received
	 */
	long download(URI uri) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(uri).timeout(TRANSFER_TIMEOUT).build();
		HttpResponse<InputStream> response = this.client.send(request, HttpResponse.BodyHandlers.ofInputStream());
		try (InputStream in = response.body()) {
			if (response.statusCode() != 200) {
				throw new IllegalStateException("GET " + uri.getPath() + " answered " + response.statusCode() + ": "
						+ new String(in.readNBytes(2000), StandardCharsets.UTF_8));
			}
			byte[] buffer = new byte[256 * 1024];
			long total = 0;
			int read;
			while ((read = in.read(buffer)) != -1) {
				total += read;
			}
			return total;
		}
	}

	private static void expect(HttpResponse<String> response, int status, String what) {
		if (response.statusCode() != status) {
			throw new IllegalStateException(
					what + " answered " + response.statusCode() + " (expected " + status + "): " + response.body());
		}
	}

}
