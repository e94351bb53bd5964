package dev.plugboard.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to a running hub over real HTTP, the way any client would. */
public final class HubClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private final URI base;

	public HubClient(URI base) {
		this.base = base;
	}

	/** A client of a hub started in this JVM (on a random port). */
	public static HubClient of(org.springframework.context.ConfigurableApplicationContext context) {
		int port = ((org.springframework.boot.web.server.context.WebServerApplicationContext) context).getWebServer()
			.getPort();
		return new HubClient(URI.create("http://127.0.0.1:" + port + "/"));
	}

	public URI base() {
		return this.base;
	}

	public Response get(String path) {
		return send(request(path, null).GET());
	}

	public Response get(String path, Map<String, String> headers) {
		HttpRequest.Builder builder = request(path, null).GET();
		headers.forEach(builder::header);
		return send(builder);
	}

	public Response head(String path) {
		return send(request(path, null).method("HEAD", HttpRequest.BodyPublishers.noBody()));
	}

	public Response json(String method, String path, String token, String body) {
		HttpRequest.Builder builder = request(path, token).header("Content-Type", "application/json");
		return send(builder.method(method,
				(body == null) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
	}

	public Response raw(String method, String path, String token, String contentType, byte[] body) {
		HttpRequest.Builder builder = request(path, token);
		if (contentType != null) {
			builder.header("Content-Type", contentType);
		}
		return send(builder.method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
	}

	/** PUTs files as multipart parts named {@code file}, the filename being the path. */
	public Response publish(String path, String token, List<FileUpload> files) {
		String boundary = "plugboard-" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (FileUpload file : files) {
			write(body, "--" + boundary + "\r\n");
			write(body, "Content-Disposition: form-data; name=\"" + file.field() + "\"; filename=\"" + file.path()
					+ "\"\r\n");
			write(body, "Content-Type: application/octet-stream\r\n\r\n");
			body.writeBytes(file.content());
			write(body, "\r\n");
		}
		write(body, "--" + boundary + "--\r\n");
		return raw("PUT", path, token, "multipart/form-data; boundary=" + boundary, body.toByteArray());
	}

	private static void write(ByteArrayOutputStream out, String text) {
		out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

	private HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(this.base.resolve(path));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder;
	}

	private Response send(HttpRequest.Builder builder) {
		try {
			HttpResponse<byte[]> response = this.http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
			return new Response(response.statusCode(), response.headers().map(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** One file of a multipart publish. */
	public record FileUpload(String field, String path, byte[] content) {

		public static FileUpload of(String path, byte[] content) {
			return new FileUpload("file", path, content);
		}

		public static FileUpload of(String path, String content) {
			return of(path, content.getBytes(StandardCharsets.UTF_8));
		}

	}

	public record Response(int status, Map<String, List<String>> headers, byte[] body) {

		public String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		public String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.map((entry) -> entry.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

		/**
		 * The problem {@code type} without the common prefix, e.g.
		 * {@code adapter-not-found}.
		 */
		public String problemType() {
			String type = json().path("type").asString("");
			return type.substring(type.lastIndexOf('/') + 1);
		}

		@Override
		public String toString() {
			return this.status + " " + text();
		}

	}

}
