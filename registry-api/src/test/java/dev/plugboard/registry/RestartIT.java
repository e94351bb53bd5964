package dev.plugboard.registry;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.plugboard.registry.HubClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded default keeps everything across a restart: metadata, bytes, tokens. */
class RestartIT {

	@TempDir
	Path dataDir;

	@Test
	void everythingIsStillThereAfterARestart() throws Exception {
		String token;
		String ns = "restart";
		try (ConfigurableApplicationContext first = start()) {
			HubClient hub = HubClient.of(first);
			token = Files.readString(this.dataDir.resolve("admin-token")).strip();
			assertThat(hub.json("POST", "/api/v1/adapters", token, "{\"namespace\":\"" + ns + "\",\"name\":\"a\"}")
				.status()).isEqualTo(201);
			assertThat(hub.publish("/api/v1/adapters/" + ns + "/a/versions/1.0.0", token, AdapterFixtures.lora(7f))
				.status()).isEqualTo(201);
			hub.json("PUT", "/api/v1/adapters/" + ns + "/a/tags/stable", token, "{\"version\":\"1.0.0\"}");
		}
		try (ConfigurableApplicationContext second = start()) {
			HubClient hub = HubClient.of(second);
			assertThat(Files.readString(this.dataDir.resolve("admin-token")).strip())
				.as("no second admin token is made")
				.isEqualTo(token);
			Response resolved = hub.get("/api/v1/resolve?ref=" + ns + "/a@stable");
			assertThat(resolved.json().path("version").asString()).isEqualTo("1.0.0");
			Response download = hub.get("/api/v1/adapters/" + ns + "/a/versions/1.0.0/files/adapter_model.safetensors");
			assertThat(download.body()).isEqualTo(AdapterFixtures.loraWeights(2, 7f));
			assertThat(hub.publish("/api/v1/adapters/" + ns + "/a/versions/1.1.0", token, AdapterFixtures.lora(8f))
				.status()).as("the old token still works").isEqualTo(201);
		}
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(PlugboardApplication.class).run("--server.port=0",
				"--plugboard.data-dir=" + this.dataDir);
	}

}
