package dev.plugboard.registry;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.plugboard.formats.Dtype;
import dev.plugboard.formats.SafetensorsHeader;
import dev.plugboard.formats.SafetensorsWriter;
import dev.plugboard.formats.TensorInfo;
import dev.plugboard.registry.HubClient.FileUpload;
import dev.plugboard.registry.HubClient.Response;
import dev.plugboard.registry.basemodel.BundledBaseModelStartup;
import dev.plugboard.runtime.baseimport.BaseModelImport;
import dev.plugboard.runtime.baseimport.BundledBaseModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base models as repositories of their own type: the bundled ones registered through the
 * admin API (converted from the ONNX exports, published like uploads, downloaded back
 * byte for byte), and user uploads validated as base models rather than adapters.
 */
class BaseModelsIT extends HubTestSupport {

	private static final String IMPORT = "/api/v1/base-models/import";

	@Autowired
	private BundledBaseModelStartup startup;

	@TempDir
	Path temp;

	@Test
	void registersTheBundledModelsOnceAndServesThemLikeAdapterFiles() throws Exception {
		String minilm = "sentence-transformers/all-MiniLM-L6-v2";
		String bge = "BAAI/bge-small-en-v1.5";
		assertThat(this.hub.get("/api/v1/base-models/bundled").json().findValuesAsString("model"))
			.containsExactly(minilm, bge);

		assertProblem(this.hub.json("POST", IMPORT, null, model(minilm)), 401, "unauthenticated");
		assertProblem(this.hub.json("POST", IMPORT, token("sentence-transformers", "write"), model(minilm)), 403,
				"permission-denied");
		assertProblem(this.hub.json("POST", IMPORT, adminToken(), model("bert-base-uncased")), 400,
				"unknown-base-model");
		assertProblem(this.hub.json("POST", IMPORT, adminToken(), "{}"), 400, "invalid-request");
		assertProblem(this.hub.json("POST", IMPORT, adminToken(), "{\"model\":\"" + minilm + "\",\"x\":1}"), 400,
				"invalid-request");
		assertProblem(this.hub.json("POST", IMPORT, adminToken(), "[\"" + minilm + "\"]"), 400, "malformed-body");

		JsonNode minilmVersion = register(minilm, 6);
		JsonNode bgeVersion = register(bge, 12);

		// The hub's conversion gives the same bytes as converting here: the version is
		// reproducible (what makes registering again on another replica a no-op).
		Path local = BaseModelImport.importTo(BundledBaseModel.ALL_MINILM_L6_V2, this.temp.resolve("minilm")).weights();
		assertThat(sha256(Files.readAllBytes(local)))
			.isEqualTo(file(minilmVersion, "model.safetensors").path("sha256").asString());

		// Registering again changes nothing: same version, no new audit record, no new
		// version, and the start-up registration finds nothing missing.
		int minilmAudit = audit(minilm);
		int bgeAudit = audit(bge);
		for (var registered : Map.of(minilm, minilmVersion, bge, bgeVersion).entrySet()) {
			Response again = this.hub.json("POST", IMPORT, adminToken(), model(registered.getKey()));
			assertThat(again.status()).as(again.toString()).isEqualTo(200);
			assertThat(again.json().path("commit").asString())
				.isEqualTo(registered.getValue().path("commit").asString());
		}
		assertThat(this.startup.registerMissing()).isZero();
		assertThat(audit(minilm)).isEqualTo(minilmAudit);
		assertThat(audit(bge)).isEqualTo(bgeAudit);
		assertThat(this.hub.get("/api/v1/adapters/" + minilm + "/versions").json().size()).isEqualTo(1);
		assertThat(this.hub.get("/api/v1/base-models/bundled").json().findValuesAsString("version"))
			.containsExactly("1.0.0", "1.0.0");

		// Runners find base models by listing them, and resolve them like adapters.
		JsonNode listed = this.hub.get("/api/v1/base-models?limit=500").json().path("items");
		assertThat(listed.findValuesAsString("id")).contains(minilm, bge);
		assertThat(listed.findValuesAsString("repo_type")).containsOnly("base_model");
		assertThat(this.hub.get("/api/v1/adapters?namespace=BAAI").json().path("items").size())
			.as("the adapter listing holds adapters")
			.isZero();
		assertThat(this.hub.get("/api/v1/adapters?namespace=BAAI&repo_type=base_model")
			.json()
			.path("items")
			.findValuesAsString("id")).containsExactly(bge);
		JsonNode resolved = this.hub.get("/api/v1/resolve?ref=" + minilm).json();
		assertThat(resolved.path("version").asString()).isEqualTo("1.0.0");
		JsonNode repository = this.hub.get("/api/v1/base-models/" + minilm).json();
		assertThat(repository.path("repo_type").asString()).isEqualTo("base_model");
		assertThat(repository.path("model_type").asString()).isEqualTo("bert");
		assertThat(repository.path("license").asString()).isEqualTo("apache-2.0");
		assertThat(repository.path("source").asString()).isEqualTo("bundled");
		assertThat(repository.path("latest_version").asString()).isEqualTo("1.0.0");

		// An adapter naming a registered base model links to it.
		String ns = uniqueNamespace("linked");
		createAdapter(ns, "lora", "\"model_name\":\"sentence-transformers/all-minilm-l6-v2\"");
		assertThat(this.hub.get("/api/v1/adapters/" + ns + "/lora").json().path("base_model_repo").asString())
			.isEqualTo(minilm);
		assertThat(this.hub.get("/api/v1/adapters?namespace=" + ns)
			.json()
			.path("items")
			.get(0)
			.path("base_model_repo")
			.asString()).isEqualTo(minilm);
		assertProblem(this.hub.get("/api/v1/base-models/" + ns + "/lora"), 404, "adapter-not-found");
	}

	/**
	 * Registers a bundled model and checks what was published, down to the downloaded
	 * weights.
	 */
	private JsonNode register(String id, int layers) throws Exception {
		Response created = this.hub.json("POST", IMPORT, adminToken(), model(id));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.header("Location")).endsWith("/api/v1/adapters/" + id + "/versions/1.0.0");
		JsonNode version = created.json();
		assertThat(version.path("version").asString()).isEqualTo("1.0.0");
		assertThat(version.path("files").findValuesAsString("path")).containsExactlyInAnyOrder("1_Pooling/config.json",
				"config.json", "model.safetensors", "tokenizer.json");
		assertThat(version.path("weights").path("model_type").asString()).isEqualTo("bert");
		assertThat(version.path("weights").path("parameters").asLong()).isGreaterThan(20_000_000L);

		String files = "/api/v1/adapters/" + id + "/versions/1.0.0/files/";
		Response weights = this.hub.get(files + "model.safetensors");
		assertThat(weights.status()).isEqualTo(200);
		String sha256 = sha256(weights.body());
		assertThat(sha256).isEqualTo(file(version, "model.safetensors").path("sha256").asString())
			.isEqualTo(weights.header("X-Checksum-Sha256"));
		assertThat((long) weights.body().length).isEqualTo(file(version, "model.safetensors").path("size").asLong());
		SafetensorsHeader header = SafetensorsHeader.read(new ByteArrayInputStream(weights.body()),
				weights.body().length);
		TensorInfo query = header.tensors().get("encoder.layer.0.attention.self.query.weight");
		assertThat(query).as("query weight of layer 0 in " + header.tensors().keySet()).isNotNull();
		assertThat(query.shape()).containsExactly(384L, 384L);
		assertThat(query.dtype()).isEqualTo(Dtype.F32);
		assertThat(header.tensors()).containsKey("encoder.layer." + (layers - 1) + ".output.LayerNorm.weight")
			.doesNotContainKey("encoder.layer." + layers + ".output.LayerNorm.weight");

		JsonNode config = this.hub.get(files + "config.json").json();
		assertThat(config.path("model_type").asString()).isEqualTo("bert");
		assertThat(config.path("num_hidden_layers").asInt()).isEqualTo(layers);
		assertThat(this.hub.get(files + "tokenizer.json").json().path("model").path("vocab").size()).isEqualTo(30522);
		return version;
	}

	@Test
	void userUploadsToABaseModelRepositoryAreValidatedAsBaseModels() {
		String ns = uniqueNamespace("base");
		String token = token(ns, "write");
		Response created = this.hub.json("POST", "/api/v1/adapters", token,
				"{\"namespace\":\"" + ns + "\",\"name\":\"tiny-bert\",\"repo_type\":\"base_model\"}");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.json().path("repo_type").asString()).isEqualTo("base_model");
		String versions = "/api/v1/adapters/" + ns + "/tiny-bert/versions/";
		byte[] weights = tinyBert();
		String config = "{\"model_type\": \"bert\", \"hidden_size\": 4, \"num_hidden_layers\": 1}";

		assertProblem(this.hub.publish(versions + "1.0.0", token,
				List.of(FileUpload.of("model.safetensors", weights), FileUpload.of("adapter_config.json", "{}"))), 400,
				"missing-model-config");
		assertProblem(this.hub.publish(versions + "1.0.0", token, List
			.of(FileUpload.of("config.json", "{\"hidden_size\": 4}"), FileUpload.of("model.safetensors", weights))),
				400, "invalid-model-config");
		assertProblem(
				this.hub.publish(versions + "1.0.0", token,
						List.of(FileUpload.of("config.json", "{"), FileUpload.of("model.safetensors", weights))),
				400, "invalid-model-config");
		byte[] broken = AdapterFixtures
			.safetensors("{\"w\":{\"dtype\":\"F32\",\"shape\":[4,4],\"data_offsets\":[0,64]}}", 16);
		Response refused = this.hub.publish(versions + "1.0.0", token,
				List.of(FileUpload.of("config.json", config), FileUpload.of("model.safetensors", broken)));
		assertProblem(refused, 400, "invalid-safetensors");
		assertThat(refused.json().path("violations").isArray()).isTrue();
		assertProblem(this.hub.get(versions + "1.0.0"), 404, "version-not-found");

		Response published = this.hub.publish(versions + "1.0.0", token,
				List.of(FileUpload.of("config.json", config), FileUpload.of("model.safetensors", weights)));
		assertThat(published.status()).as(published.toString()).isEqualTo(201);
		assertThat(published.json().path("weights").path("parameters").asLong()).isEqualTo(20);
		JsonNode repository = this.hub.get("/api/v1/adapters/" + ns + "/tiny-bert").json();
		assertThat(repository.path("model_type").asString()).as("taken from config.json").isEqualTo("bert");
		assertThat(repository.path("method").isNull()).isTrue();
		assertThat(this.hub.get("/api/v1/base-models?namespace=" + ns).json().path("items").findValuesAsString("id"))
			.containsExactly(ns + "/tiny-bert");

		// The type is fixed; adapter repositories still need their adapter_config.json.
		assertProblem(
				this.hub.json("PATCH", "/api/v1/adapters/" + ns + "/tiny-bert", token, "{\"repo_type\":\"adapter\"}"),
				400, "invalid-request");
		assertThat(this.hub
			.json("PATCH", "/api/v1/adapters/" + ns + "/tiny-bert", token,
					"{\"repo_type\":\"base_model\",\"license\":\"mit\"}")
			.status()).isEqualTo(200);
		assertProblem(
				this.hub.json("POST", "/api/v1/adapters", token,
						"{\"namespace\":\"" + ns + "\",\"name\":\"x\",\"repo_type\":\"dataset\"}"),
				400, "invalid-request");
		createAdapter(ns, "an-adapter", null);
		assertProblem(
				this.hub.publish("/api/v1/adapters/" + ns + "/an-adapter/versions/1.0.0", token,
						List.of(FileUpload.of("config.json", config), FileUpload.of("model.safetensors", weights))),
				400, "missing-adapter-config");
	}

	/** A 4×4 weight and its bias: 20 parameters. */
	private static byte[] tinyBert() {
		Map<String, SafetensorsWriter.Tensor> tensors = new LinkedHashMap<>();
		tensors.put("encoder.layer.0.attention.self.query.weight",
				SafetensorsWriter.Tensor.f32(List.of(4L, 4L), new float[16]));
		tensors.put("encoder.layer.0.attention.self.query.bias",
				SafetensorsWriter.Tensor.f32(List.of(4L), new float[4]));
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		SafetensorsWriter.write(out, tensors, Map.of());
		return out.toByteArray();
	}

	private int audit(String id) {
		return this.hub.get("/api/v1/adapters/" + id + "/audit").json().size();
	}

	private static JsonNode file(JsonNode version, String path) {
		for (JsonNode file : version.path("files")) {
			if (file.path("path").asString().equals(path)) {
				return file;
			}
		}
		throw new AssertionError("no " + path + " in " + version);
	}

	private static String model(String id) {
		return "{\"model\":\"" + id + "\"}";
	}

	private static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

	private static void assertProblem(Response response, int status, String type) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.header("Content-Type")).as(response.toString()).startsWith("application/problem+json");
		assertThat(response.problemType()).as(response.toString()).isEqualTo(type);
	}

}
