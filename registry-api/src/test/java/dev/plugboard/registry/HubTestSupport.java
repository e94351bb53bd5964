package dev.plugboard.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import dev.plugboard.storage.BlobStore;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the end-to-end tests: one hub on the embedded default (a real PostgreSQL, a
 * real S3 server) on a random port, shared by every test class that extends this, with
 * small upload limits so the limit cases are cheap.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "plugboard.upload.max-file-size=8MB",
		"plugboard.upload.max-version-size=16MB", "plugboard.upload.max-files=20" })
public abstract class HubTestSupport {

	private static final Path DATA_DIR = Path.of("target", "hub-test-data", UUID.randomUUID().toString());

	@LocalServerPort
	private int port;

	@Autowired
	protected BlobStore blobs;

	protected HubClient hub;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("plugboard.data-dir", DATA_DIR::toString);
	}

	@BeforeEach
	void connect() {
		this.hub = new HubClient(URI.create("http://127.0.0.1:" + this.port + "/"));
	}

	protected static String adminToken() {
		try {
			return Files.readString(DATA_DIR.resolve("admin-token")).strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A fresh namespace per test keeps tests independent on the shared hub. */
	protected static String uniqueNamespace(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	protected void createAdapter(String namespace, String name, String extraJson) {
		String body = "{\"namespace\":\"" + namespace + "\",\"name\":\"" + name + "\""
				+ ((extraJson == null || extraJson.isEmpty()) ? "" : "," + extraJson) + "}";
		HubClient.Response response = this.hub.json("POST", "/api/v1/adapters", adminToken(), body);
		if (response.status() != 201) {
			throw new AssertionError("create failed: " + response);
		}
	}

	protected String token(String namespace, String permission) {
		HubClient.Response response = this.hub.json("POST", "/api/v1/tokens", adminToken(),
				"{\"namespace\":\"" + namespace + "\",\"permission\":\"" + permission + "\"}");
		if (response.status() != 201) {
			throw new AssertionError("token failed: " + response);
		}
		return response.json().path("token").asString();
	}

}
