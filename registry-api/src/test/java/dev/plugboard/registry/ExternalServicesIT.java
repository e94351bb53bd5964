package dev.plugboard.registry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.plugboard.registry.HubClient.Response;
import dev.plugboard.storage.EmbeddedS3Server;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production shape: with a datasource URL and an S3 endpoint configured, the hub
 * starts nothing embedded and uses those servers (here a separate PostgreSQL and S3
 * server started by the test). Also checks the redirect download mode against presigned
 * URLs.
 */
class ExternalServicesIT {

	@TempDir
	Path dir;

	@Test
	void usesConfiguredDatabaseAndStorageAndRedirectsDownloads() throws Exception {
		String secret = "pb_preset-admin-token-for-this-test-0123456789";
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
				EmbeddedS3Server s3 = EmbeddedS3Server.start(this.dir.resolve("s3"), "127.0.0.1", 0, "access",
						"secret-key-0123456789");
				ConfigurableApplicationContext hub = new SpringApplicationBuilder(PlugboardApplication.class).run(
						"--server.port=0", "--plugboard.data-dir=" + this.dir.resolve("data"),
						"--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
						"--spring.datasource.username=postgres", "--plugboard.storage.s3.endpoint=" + s3.endpoint(),
						"--plugboard.storage.s3.bucket=external-bucket", "--plugboard.storage.s3.access-key=access",
						"--plugboard.storage.s3.secret-key=secret-key-0123456789",
						"--plugboard.storage.download-mode=redirect", "--plugboard.security.admin-token=" + secret)) {
			assertThat(hub.getBeanNamesForType(EmbeddedPostgres.class)).isEmpty();
			assertThat(hub.getBeanNamesForType(EmbeddedS3Server.class)).isEmpty();
			assertThat(Files.exists(this.dir.resolve("data").resolve("admin-token")))
				.as("a preset admin token replaces the generated one")
				.isFalse();

			HubClient client = HubClient.of(hub);
			assertThat(
					client.json("POST", "/api/v1/adapters", secret, "{\"namespace\":\"ext\",\"name\":\"a\"}").status())
				.isEqualTo(201);
			assertThat(client.publish("/api/v1/adapters/ext/a/versions/1", secret, AdapterFixtures.lora(4f)).status())
				.isEqualTo(201);

			Response redirect = client.get("/api/v1/adapters/ext/a/versions/1/files/adapter_model.safetensors");
			assertThat(redirect.status()).isEqualTo(302);
			URI location = URI.create(redirect.header("Location"));
			assertThat(location.getPort()).isEqualTo(s3.endpoint().getPort());
			assertThat(redirect.header("X-Linked-Size"))
				.isEqualTo(String.valueOf(AdapterFixtures.loraWeights(2, 4f).length));
			HttpResponse<byte[]> fromStorage = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(location).build(), HttpResponse.BodyHandlers.ofByteArray());
			assertThat(fromStorage.statusCode()).isEqualTo(200);
			assertThat(fromStorage.body()).isEqualTo(AdapterFixtures.loraWeights(2, 4f));
			assertThat(client.get("/api/v1/adapters/ext/a").json().path("downloads").asLong()).isEqualTo(1);
		}
	}

}
