package dev.plugboard.registry;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.plugboard.formats.SafetensorsWriter;
import dev.plugboard.registry.HubClient.FileUpload;
import dev.plugboard.registry.HubClient.Response;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fake runner and the things evaluation tests need on a hub: a runner token, a tiny
 * base-model repository, benchmarks with datasets, matching adapters. Plain HTTP, like
 * any runner.
 */
final class EvaluationFixtures {

	static final String DATASET = """
			{"sentence": "a gripping, funny film", "label": 1}
			{"sentence": "tedious and overlong", "label": 0}
			""";

	private final HubClient hub;

	private final String admin;

	EvaluationFixtures(HubClient hub, String admin) {
		this.hub = hub;
		this.admin = admin;
	}

	String runnerToken() {
		Response response = this.hub.json("POST", "/api/v1/tokens", this.admin,
				"{\"permission\":\"runner\",\"description\":\"test runner\"}");
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		assertThat(response.json().path("info").path("namespace").isNull()).isTrue();
		return response.json().path("token").asString();
	}

	static String spec(String task, String subtask) {
		return """
				{"name": "A test benchmark", "adapterhub_task": "%s", "adapterhub_subtask": "%s", "split": "dev",
				 "input_columns": ["sentence"], "label_column": "label", "labels": ["negative", "positive"],
				 "metrics": ["accuracy", "f1"], "primary_metric": "accuracy", "dataset_file": "dev.jsonl",
				 "examples": 2, "license": "unknown", "source": "test"}
				""".formatted(task, subtask);
	}

	/** A benchmark serving {@code task/subtask}, with its dataset uploaded. */
	JsonNode benchmark(String id, String task, String subtask) {
		Response put = this.hub.json("PUT", "/api/v1/benchmarks/" + id, this.admin, spec(task, subtask));
		assertThat(put.status()).as(put.toString()).isIn(200, 201);
		Response dataset = this.hub.raw("PUT", "/api/v1/benchmarks/" + id + "/dataset", this.admin,
				"application/x-ndjson", DATASET.getBytes(StandardCharsets.UTF_8));
		assertThat(dataset.status()).as(dataset.toString()).isEqualTo(200);
		return dataset.json();
	}

	/**
	 * A base-model repository {@code ns/tiny-bert} with version 1.0.0; returns its id.
	 */
	String baseModel(String namespace) {
		Response created = this.hub.json("POST", "/api/v1/adapters", this.admin,
				"{\"namespace\":\"" + namespace + "\",\"name\":\"tiny-bert\",\"repo_type\":\"base_model\"}");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		Map<String, SafetensorsWriter.Tensor> tensors = new LinkedHashMap<>();
		tensors.put("encoder.layer.0.attention.self.query.weight",
				SafetensorsWriter.Tensor.f32(List.of(4L, 4L), new float[16]));
		ByteArrayOutputStream weights = new ByteArrayOutputStream();
		SafetensorsWriter.write(weights, tensors, Map.of());
		Response published = this.hub.publish("/api/v1/adapters/" + namespace + "/tiny-bert/versions/1.0.0", this.admin,
				List.of(FileUpload.of("config.json", "{\"model_type\": \"bert\", \"hidden_size\": 4}"),
						FileUpload.of("model.safetensors", weights.toByteArray())));
		assertThat(published.status()).as(published.toString()).isEqualTo(201);
		return namespace + "/tiny-bert";
	}

	/** An adapter repository for a task, subtask and base model (null to leave out). */
	void adapter(String namespace, String name, String task, String subtask, String baseModel, String method) {
		StringBuilder body = new StringBuilder("{\"namespace\":\"" + namespace + "\",\"name\":\"" + name + "\"");
		if (task != null) {
			body.append(",\"task\":\"").append(task).append("\",\"subtask\":\"").append(subtask).append('"');
		}
		if (baseModel != null) {
			body.append(",\"model_name\":\"").append(baseModel).append('"');
		}
		if (method != null) {
			body.append(",\"method\":\"").append(method).append('"');
		}
		Response created = this.hub.json("POST", "/api/v1/adapters", this.admin, body.append('}').toString());
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
	}

	Response publish(String repository, String version, float seed) {
		return this.hub.publish("/api/v1/adapters/" + repository + "/versions/" + version, this.admin,
				AdapterFixtures.lora(seed));
	}

	String register(String token, String name) {
		Response registered = this.hub.json("POST", "/api/v1/runners", token, "{\"name\":\"" + name
				+ "\",\"device\":\"cpu\",\"memory_mb\":2048,\"base_models\":[]," + "\"runtime\":{\"java\":\"21\"}}");
		assertThat(registered.status()).as(registered.toString()).isIn(200, 201);
		return registered.json().path("id").asString();
	}

	Response lease(String token, String runner) {
		return this.hub.json("POST", "/api/v1/runners/" + runner + "/lease", token, null);
	}

	Response result(String token, JsonNode leased, double accuracy) {
		return this.hub.json("POST", "/api/v1/jobs/" + leased.path("id").asLong() + "/result", token,
				"{\"lease_id\":\"" + leased.path("lease_id").asString() + "\",\"metrics\":{\"accuracy\":" + accuracy
						+ ",\"f1\":0.5},\"primary_metric\":\"accuracy\",\"device\":\"cpu\",\"duration_ms\":1200,"
						+ "\"examples\":2,\"examples_per_second\":1.6,"
						+ "\"timings_ms\":{\"fetch\":100,\"load\":300,\"compute\":800},"
						+ "\"runtime\":{\"java\":\"21\",\"djl\":\"0.35.1\"}}");
	}

	Response failure(String token, JsonNode leased, String reason, boolean retryable) {
		return this.hub.json("POST", "/api/v1/jobs/" + leased.path("id").asLong() + "/failure", token,
				"{\"lease_id\":\"" + leased.path("lease_id").asString() + "\",\"reason\":\"" + reason
						+ "\",\"logs\":\"line 1\\nline 2\",\"retryable\":" + retryable + "}");
	}

	Response heartbeat(String token, JsonNode leased) {
		return this.hub.json("POST", "/api/v1/jobs/" + leased.path("id").asLong() + "/heartbeat", token,
				"{\"lease_id\":\"" + leased.path("lease_id").asString() + "\"}");
	}

	JsonNode evaluations(String repository, String version) {
		Response response = this.hub.get("/api/v1/adapters/" + repository + "/versions/" + version + "/evaluations");
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	static void assertProblem(Response response, int status, String type) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.header("Content-Type")).as(response.toString()).startsWith("application/problem+json");
		assertThat(response.problemType()).as(response.toString()).isEqualTo(type);
		assertThat(response.json().path("title").asString()).isNotBlank();
	}

}
