package dev.plugboard.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import dev.plugboard.registry.HubClient.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue lives in PostgreSQL: a hub restarting while a runner holds a job loses
 * neither that job (its lease still heartbeats and reports) nor the queued ones.
 */
class EvaluationRestartIT {

	private final Path dataDir = Path.of("target", "evaluation-restart-it", UUID.randomUUID().toString());

	@Test
	void aHubRestartMidJobLosesNoJob() throws Exception {
		String runnerToken;
		String runner;
		JsonNode held;
		String ns = "restart-eval";
		try (ConfigurableApplicationContext first = start()) {
			HubClient hub = HubClient.of(first);
			EvaluationFixtures fixtures = new EvaluationFixtures(hub, admin());
			runnerToken = fixtures.runnerToken();
			String baseModel = fixtures.baseModel(ns);
			fixtures.benchmark(ns + "/bench", "sentiment", "sst-2");
			fixtures.adapter(ns, "lora", "sentiment", "sst-2", baseModel, "lora");
			assertThat(fixtures.publish(ns + "/lora", "1.0.0", 1f).status()).isEqualTo(201);
			assertThat(fixtures.publish(ns + "/lora", "1.1.0", 2f).status()).isEqualTo(201);
			runner = fixtures.register(runnerToken, "survivor");
			held = fixtures.lease(runnerToken, runner).json();
			assertThat(held.path("adapter").path("version").asString()).isEqualTo("1.0.0");
		}
		try (ConfigurableApplicationContext second = start()) {
			HubClient hub = HubClient.of(second);
			EvaluationFixtures fixtures = new EvaluationFixtures(hub, admin());
			assertThat(hub.get("/api/v1/jobs/" + held.path("id").asLong()).json().path("status").asString())
				.isEqualTo("leased");
			Response heartbeat = fixtures.heartbeat(runnerToken, held);
			assertThat(heartbeat.status()).as(heartbeat.toString()).isEqualTo(200);
			assertThat(fixtures.result(runnerToken, held, 0.9).status()).isEqualTo(200);
			Response next = fixtures.lease(runnerToken, runner);
			assertThat(next.status()).as("the queued job is still there").isEqualTo(200);
			assertThat(next.json().path("adapter").path("version").asString()).isEqualTo("1.1.0");
			assertThat(fixtures.result(runnerToken, next.json(), 0.8).status()).isEqualTo(200);
			assertThat(fixtures.lease(runnerToken, runner).status()).isEqualTo(204);
			assertThat(fixtures.evaluations(ns + "/lora", "1.0.0").path("results").get(0).path("score").asDouble())
				.isEqualTo(0.9);
			assertThat(fixtures.evaluations(ns + "/lora", "1.1.0").path("results").get(0).path("score").asDouble())
				.isEqualTo(0.8);
		}
	}

	private String admin() throws Exception {
		return Files.readString(this.dataDir.resolve("admin-token")).strip();
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(PlugboardApplication.class).run("--server.port=0",
				"--plugboard.data-dir=" + this.dataDir, "--plugboard.evaluation.lease-duration=10m");
	}

}
