package dev.plugboard.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.plugboard.registry.HubClient.FileUpload;
import dev.plugboard.registry.HubClient.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Hugging Face API driven by the real {@code @huggingface/hub} client (npm, pinned in
 * {@code src/test/js/package.json}, installed by {@code .ci/run}): a Node script creates
 * a repository, uploads a real PEFT LoRA (inline and over LFS: the regular limit is set
 * below the weights' size), reads it back every way the client can and compares every
 * byte. Then the wire details the client does not show: headers, form bodies, errors.
 * Without Node or the installed package the test fails on CI and is skipped elsewhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HuggingFaceClientIT {

	private static final Path JS = Path.of("src", "test", "js");

	private static final Path ADAPTER = Path.of(System.getProperty("plugboard.shared-data", "../../shared/data"),
			"real-adapters", "peft-lora-minilm-l6-v2");

	private final Path dataDir = Path.of("target", "hf-client-it", UUID.randomUUID().toString());

	private ConfigurableApplicationContext context;

	private HubClient hub;

	private String admin;

	@BeforeAll
	void start() throws Exception {
		this.context = new SpringApplicationBuilder(PlugboardApplication.class).run("--server.port=0",
				"--plugboard.data-dir=" + this.dataDir, "--plugboard.hf.regular-file-limit=64KB");
		this.hub = HubClient.of(this.context);
		this.admin = Files.readString(this.dataDir.resolve("admin-token")).strip();
	}

	@AfterAll
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void theJavaScriptClientPushesAndPullsAnAdapter() throws Exception {
		String node = requireNode();
		Assumptions.assumeTrue(Files.isDirectory(ADAPTER), "the real adapters are in ../shared/data");
		String namespace = "hf-" + UUID.randomUUID().toString().substring(0, 8);
		String token = token(namespace);
		assertThat(token).startsWith("pb_");

		// A version published natively must be just as readable through the Hub's API.
		String nativeRepo = namespace + "/native-lora";
		this.hub.json("POST", "/api/v1/adapters", this.admin,
				"{\"namespace\":\"" + namespace + "\",\"name\":\"native-lora\"}");
		List<FileUpload> files = new ArrayList<>();
		try (Stream<Path> walk = Files.walk(ADAPTER)) {
			for (Path file : walk.filter(Files::isRegularFile).toList()) {
				files.add(FileUpload.of(ADAPTER.relativize(file).toString().replace('\\', '/'),
						Files.readAllBytes(file)));
			}
		}
		Response published = this.hub.publish("/api/v1/adapters/" + nativeRepo + "/versions/2.0.0", token, files);
		assertThat(published.status()).as(published.toString()).isEqualTo(201);

		ProcessBuilder builder = new ProcessBuilder(node, "hf-client.mjs").directory(JS.toFile())
			.redirectErrorStream(true);
		Map<String, String> env = builder.environment();
		env.put("HUB_URL", this.hub.base().toString().replaceAll("/$", ""));
		env.put("HF_TOKEN", "hf_" + token.substring("pb_".length()));
		env.put("NAMESPACE", namespace);
		env.put("ADAPTER_DIR", ADAPTER.toAbsolutePath().toString());
		env.put("NATIVE_REPO", nativeRepo);
		env.put("NATIVE_VERSION", "2.0.0");
		env.put("NATIVE_COMMIT", published.json().path("commit").asString());
		Process process = builder.start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
		String log = new String(output, StandardCharsets.UTF_8);
		System.out.println(log);
		assertThat(process.exitValue()).as(log).isZero();
		assertThat(log).contains("\"passed\":[").contains("native API downloads through the Hugging Face API");
	}

	@Test
	void wireDetailsTheClientHides() throws Exception {
		String namespace = "hfw-" + UUID.randomUUID().toString().substring(0, 8);
		String token = token(namespace);
		String hfToken = "hf_" + token.substring(3);
		String repo = namespace + "/wire";
		Response created = this.hub.json("POST", "/api/repos/create", hfToken,
				"{\"name\":\"wire\",\"organization\":\"" + namespace + "\",\"type\":\"model\",\"private\":false}");
		assertThat(created.status()).as(created.toString()).isEqualTo(200);
		assertThat(created.json().path("url").asString()).isEqualTo(this.hub.base() + repo);

		// An empty repository has an empty main, as a fresh Hub repository does.
		Response empty = this.hub.get("/api/models/" + repo);
		assertThat(empty.status()).isEqualTo(200);
		assertThat(empty.json().path("siblings").size()).isZero();
		assertThat(empty.json().path("sha").isNull()).isTrue();
		assertHfError(this.hub.get("/" + repo + "/resolve/main/adapter_config.json"), 404, "EntryNotFound");

		Response preupload = this.hub.json("POST", "/api/models/" + repo + "/preupload/main", hfToken,
				"{\"files\":[{\"path\":\"adapter_config.json\",\"size\":100,\"sample\":\"\"},"
						+ "{\"path\":\"big.safetensors\",\"size\":1000000,\"sample\":\"\"},"
						+ "{\"path\":\".gitattributes\",\"size\":10,\"sample\":\"\"}]}");
		assertThat(preupload.status()).as(preupload.toString()).isEqualTo(200);
		assertThat(preupload.json().path("files").get(0).path("uploadMode").asString()).isEqualTo("regular");
		assertThat(preupload.json().path("files").get(1).path("uploadMode").asString()).isEqualTo("lfs");
		assertThat(preupload.json().path("files").get(2).path("shouldIgnore").asBoolean()).isTrue();

		byte[] config = AdapterFixtures.loraConfig(4).getBytes(StandardCharsets.UTF_8);
		byte[] weights = AdapterFixtures.loraWeights(4, 0.5f);
		String commitBody = line("header", "{\"summary\":\"v1\"}")
				+ line("file",
						"{\"path\":\"adapter_config.json\"," + "\"encoding\":\"base64\",\"content\":\""
								+ java.util.Base64.getEncoder().encodeToString(config) + "\"}")
				+ line("file", "{\"path\":\"adapter_model.safetensors\",\"encoding\":\"base64\",\"content\":\""
						+ java.util.Base64.getEncoder().encodeToString(weights) + "\"}");
		Response commit = this.hub.raw("POST", "/api/models/" + repo + "/commit/main", hfToken, "application/x-ndjson",
				commitBody.getBytes(StandardCharsets.UTF_8));
		assertThat(commit.status()).as(commit.toString()).isEqualTo(200);
		assertThat(commit.json().path("version").asString()).as("the summary names the version").isEqualTo("v1");
		String oid = commit.json().path("commitOid").asString();
		Response nativeVersion = this.hub.get("/api/v1/adapters/" + repo + "/versions/v1");
		assertThat(nativeVersion.json().path("commit").asString()).isEqualTo(oid);

		Response head = this.hub.head("/" + repo + "/resolve/main/adapter_model.safetensors");
		assertThat(head.status()).isEqualTo(200);
		assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(weights.length));
		assertThat(head.header("X-Repo-Commit")).isEqualTo(oid);
		assertThat(head.header("ETag")).isEqualTo("\"" + sha256(weights) + "\"");
		assertThat(head.header("Accept-Ranges")).isEqualTo("bytes");
		Response outside = this.hub.get("/" + repo + "/resolve/main/adapter_model.safetensors",
				Map.of("Range", "bytes=" + weights.length + "-"));
		assertThat(outside.status()).isEqualTo(416);
		assertThat(outside.header("Content-Range")).isEqualTo("bytes */" + weights.length);
		assertThat(outside.json().path("error").asString()).contains("range");

		Response form = this.hub.raw("POST", "/api/models/" + repo + "/paths-info/" + oid, null,
				"application/x-www-form-urlencoded",
				"paths=adapter_config.json&paths=nope&expand=True".getBytes(StandardCharsets.UTF_8));
		assertThat(form.status()).as(form.toString()).isEqualTo(200);
		assertThat(form.json().size()).isEqualTo(1);
		assertThat(form.json().get(0).path("lfs").path("oid").asString()).isEqualTo(sha256(config));
		assertThat(form.json().get(0).path("lastCommit").path("id").asString()).isEqualTo(oid);

		Response yaml = this.hub.json("POST", "/api/validate-yaml", hfToken,
				"{\"content\":\"---\\nlicense: mit\\n---\\n# card\",\"repoType\":\"model\"}");
		assertThat(yaml.status()).isEqualTo(200);
		assertThat(yaml.json().path("errors").size()).isZero();
		Response badYaml = this.hub.json("POST", "/api/validate-yaml", hfToken,
				"{\"content\":\"---\\nlicense: [mit\\n---\\n# card\",\"repoType\":\"model\"}");
		assertThat(badYaml.status()).isEqualTo(400);
		assertThat(badYaml.json().path("errors").get(0).path("message").asString()).contains("YAML");

		// Link paging: a second repository, pages of one.
		this.hub.json("POST", "/api/repos/create", hfToken,
				"{\"name\":\"wire-2\",\"organization\":\"" + namespace + "\"}");
		awaitIndexed("/api/models?author=" + namespace, 2);
		List<String> listed = new ArrayList<>();
		String next = "/api/models?author=" + namespace + "&limit=1&sort=lastModified";
		for (int page = 0; next != null && page < 10; page++) {
			Response models = this.hub.get(next);
			assertThat(models.status()).as(models.toString()).isEqualTo(200);
			assertThat(models.json().size()).isLessThanOrEqualTo(1);
			models.json().forEach((model) -> listed.add(model.path("id").asString()));
			String link = models.header("Link");
			next = (link == null) ? null : link.substring(link.indexOf('<') + 1, link.indexOf('>'))
				.substring(this.hub.base().toString().length() - 1);
		}
		assertThat(listed).containsExactly(namespace + "/wire-2", repo);

		Response whoami = this.hub.json("GET", "/api/whoami-v2", hfToken, null);
		assertThat(whoami.json().path("name").asString()).isEqualTo(namespace);
		assertThat(whoami.json().path("auth").path("accessToken").path("role").asString()).isEqualTo("write");

		// Bad input is a clear Hub-style error, never a 500.
		assertHfError(this.hub.raw("POST", "/api/models/" + repo + "/commit/main", hfToken, "application/x-ndjson",
				"not json\n".getBytes(StandardCharsets.UTF_8)), 400, null);
		assertHfError(this.hub.raw("POST", "/api/models/" + repo + "/commit/main", hfToken, "application/x-ndjson",
				(line("header", "{}")
						+ line("lfsFile", "{\"path\":\"a.bin\",\"oid\":\"" + "ab".repeat(32) + "\",\"size\":3}"))
					.getBytes(StandardCharsets.UTF_8)),
				422, null);
		assertHfError(this.hub.raw("POST", "/api/models/" + repo + "/commit/other", hfToken, "application/x-ndjson",
				line("header", "{}").getBytes(StandardCharsets.UTF_8)), 404, "RevisionNotFound");
		assertHfError(this.hub.raw("POST", "/api/models/" + repo + "/commit/main", hfToken, "application/x-ndjson",
				(line("header", "{\"parentCommit\":\"" + "0".repeat(40) + "\"}")).getBytes(StandardCharsets.UTF_8)),
				412, null);
		assertHfError(this.hub.raw("POST", "/api/models/" + repo + "/commit/main", "hf_wrong", "application/x-ndjson",
				line("header", "{}").getBytes(StandardCharsets.UTF_8)), 401, null);
		assertHfError(this.hub.raw("POST", "/api/models/" + repo + "/commit/main", token(namespace + "x"),
				"application/x-ndjson", line("header", "{}").getBytes(StandardCharsets.UTF_8)), 403, null);
		assertHfError(
				this.hub.json("POST", "/api/repos/create", hfToken,
						"{\"name\":\"x\",\"organization\":\"" + namespace + "\",\"visibility\":\"private\"}"),
				400, null);
		assertHfError(this.hub.json("POST", "/api/repos/create", hfToken, "{not json"), 400, null);
		assertHfError(this.hub.json("POST", "/api/models/" + repo + "/paths-info/main", null, "{\"paths\":3}"), 400,
				null);
		assertHfError(this.hub.get("/api/models?sort=likes"), 400, null);
		assertHfError(this.hub.get("/api/models/" + repo + "/tree/main/no-such-folder"), 404, "EntryNotFound");
		assertHfError(this.hub.get("/api/models/" + namespace + "/bad..name"), 404, "RepoNotFound");
		assertHfError(this.hub.get("/api/models/" + repo + "/revision/not%20a%20rev"), 404, "RevisionNotFound");

		// LFS: a signed URL accepts exactly the announced bytes, once signed by this hub.
		byte[] blob = "large file stand-in".getBytes(StandardCharsets.UTF_8);
		Response batch = this.hub.raw("POST", "/" + repo + ".git/info/lfs/objects/batch", hfToken,
				"application/vnd.git-lfs+json",
				("{\"operation\":\"upload\",\"transfers\":[\"basic\",\"multipart\",\"xet\"],\"hash_algo\":\"sha_256\","
						+ "\"objects\":[{\"oid\":\"" + sha256(blob) + "\",\"size\":" + blob.length + "}]}")
					.getBytes(StandardCharsets.UTF_8));
		assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
		assertThat(batch.json().path("transfer").asString()).isEqualTo("basic");
		String href = batch.json().path("objects").get(0).path("actions").path("upload").path("href").asString();
		String path = href.substring(this.hub.base().toString().length() - 1);
		assertHfError(this.hub.raw("PUT", path.replaceAll("signature=[0-9a-f]+", "signature=00"), null,
				"application/octet-stream", blob), 403, null);
		assertHfError(this.hub.raw("PUT", path, null, "application/octet-stream",
				"LARGE FILE STAND-IN".getBytes(StandardCharsets.UTF_8)), 400, null);
		assertHfError(this.hub.raw("PUT", path, null, "application/octet-stream",
				"more bytes than announced".getBytes(StandardCharsets.UTF_8)), 413, null);
		assertThat(this.hub.raw("PUT", path, null, "application/octet-stream", blob).status()).isEqualTo(200);
		Response again = this.hub.raw("POST", "/" + repo + ".git/info/lfs/objects/batch", hfToken,
				"application/vnd.git-lfs+json", ("{\"operation\":\"upload\",\"objects\":[{\"oid\":\"" + sha256(blob)
						+ "\",\"size\":" + blob.length + "}]}")
					.getBytes(StandardCharsets.UTF_8));
		assertThat(again.json().path("objects").get(0).has("actions")).as("held objects are not uploaded again")
			.isFalse();
	}

	/** The search index follows the database within about a second. */
	private void awaitIndexed(String path, int count) throws InterruptedException {
		for (int attempt = 0; attempt < 50 && this.hub.get(path).json().size() < count; attempt++) {
			Thread.sleep(200);
		}
	}

	private static String line(String key, String value) {
		return "{\"key\":\"" + key + "\",\"value\":" + value + "}\n";
	}

	private static void assertHfError(Response response, int status, String code) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.header("Content-Type")).as(response.toString()).startsWith("application/json");
		assertThat(response.json().path("error").asString()).as(response.toString()).isNotBlank();
		if (code != null) {
			assertThat(response.header("X-Error-Code")).as(response.toString()).isEqualTo(code);
		}
	}

	private static String sha256(byte[] bytes) throws Exception {
		return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
	}

	private String token(String namespace) {
		Response response = this.hub.json("POST", "/api/v1/tokens", this.admin,
				"{\"namespace\":\"" + namespace + "\",\"permission\":\"write\"}");
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.json().path("token").asString();
	}

	/**
	 * Node and the installed client: a failure on CI (which installs both), a skip with a
	 * message elsewhere.
	 */
	private static String requireNode() throws IOException, InterruptedException {
		String problem = null;
		if (!Files.isDirectory(JS.resolve("node_modules").resolve("@huggingface").resolve("hub"))) {
			problem = "@huggingface/hub is not installed: run 'npm ci' in registry-api/src/test/js";
		}
		else {
			try {
				Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
				String text = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
				if (!version.waitFor(30, TimeUnit.SECONDS) || version.exitValue() != 0
						|| !text.matches("v(2[0-9]|[3-9][0-9]).*")) {
					problem = "Node 20 or newer is needed, found '" + text + "'";
				}
			}
			catch (IOException ex) {
				problem = "Node is not installed (" + ex.getMessage() + ")";
			}
		}
		if (problem != null) {
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException(problem);
			}
			Assumptions.abort(problem);
		}
		return "node";
	}

}
