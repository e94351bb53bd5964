package dev.plugboard.registry;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs here, so the production compose file is checked for the shape it
 * promises: health checks, start order on health, and settings the hub really reads.
 */
class DockerComposeTests {

	@Test
	@SuppressWarnings("unchecked")
	void composeFileStartsHubAfterHealthyDatabaseAndStorage() throws IOException {
		Map<String, Object> compose;
		try (Reader reader = Files.newBufferedReader(Path.of("..", "docker-compose.yml"))) {
			compose = new Yaml().load(reader);
		}
		Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
		assertThat(services).containsKeys("postgres", "minio", "minio-buckets", "registry-api");
		assertThat(services.get("postgres")).containsKey("healthcheck");
		assertThat(services.get("minio")).containsKey("healthcheck");
		assertThat(services.get("registry-api")).containsKey("healthcheck").containsKey("build");

		Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) services.get("registry-api")
			.get("depends_on");
		assertThat(dependsOn.get("postgres")).containsEntry("condition", "service_healthy");
		assertThat(dependsOn.get("minio")).containsEntry("condition", "service_healthy");
		assertThat(dependsOn.get("minio-buckets")).containsEntry("condition", "service_completed_successfully");
		assertThat((List<String>) services.get("minio-buckets").get("entrypoint")).last()
			.asString()
			.contains("mc mb --ignore-existing");

		Map<String, String> environment = (Map<String, String>) services.get("registry-api").get("environment");
		assertThat(environment).containsKeys("SPRING_DATASOURCE_URL", "PLUGBOARD_STORAGE_S3_ENDPOINT",
				"PLUGBOARD_STORAGE_S3_BUCKET", "PLUGBOARD_STORAGE_S3_ACCESS_KEY", "PLUGBOARD_STORAGE_S3_SECRET_KEY",
				"PLUGBOARD_SECURITY_ADMIN_TOKEN");
		assertThat(Files.exists(Path.of("..", "Dockerfile"))).isTrue();
	}

}
