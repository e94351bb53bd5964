package dev.plugboard.registry;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import dev.plugboard.registry.HubClient.FileUpload;
import dev.plugboard.registry.HubClient.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry core as a user meets it, through the real HTTP API. */
class RegistryScenarioIT extends HubTestSupport {

	@Test
	void publishesResolvesAndDownloadsAVersion() throws Exception {
		String ns = uniqueNamespace("ukp");
		createAdapter(ns, "sst2-lora", """
				"description": "# SST-2 sentiment LoRA", "task": "sentiment", "subtask": "sst-2",
				"type": "text_task", "languages": ["en"], "license": "apache-2.0", "tags": ["lora"],
				"links": {"paper": "https://arxiv.org/abs/2106.09685"}""");
		List<FileUpload> files = AdapterFixtures.lora(0.5f);

		Response published = this.hub.publish("/api/v1/adapters/" + ns + "/sst2-lora/versions/1.0.0", adminToken(),
				files);
		assertThat(published.status()).as(published.toString()).isEqualTo(201);
		assertThat(published.header("Location")).endsWith("/api/v1/adapters/" + ns + "/sst2-lora/versions/1.0.0");
		JsonNode version = published.json();
		assertThat(version.path("files")).hasSize(3);
		JsonNode weights = file(version, "adapter_model.safetensors");
		assertThat(weights.path("sha256").asString()).isEqualTo(sha256(files.get(1).content()));
		assertThat(weights.path("size").asLong()).isEqualTo(files.get(1).content().length);

		// The config filled in what the owner left empty.
		JsonNode adapter = this.hub.get("/api/v1/adapters/" + ns + "/sst2-lora").json();
		assertThat(adapter.path("method").asString()).isEqualTo("lora");
		assertThat(adapter.path("model_name").asString()).isEqualTo("sentence-transformers/all-MiniLM-L6-v2");
		assertThat(adapter.path("refs").path("latest").asString()).isEqualTo("1.0.0");

		Response resolved = this.hub.get("/api/v1/resolve?ref=" + ns + "/sst2-lora");
		assertThat(resolved.json().path("version").asString()).isEqualTo("1.0.0");
		String url = file(resolved.json(), "adapter_model.safetensors").path("download_url").asString();

		Response download = this.hub.get(url);
		assertThat(download.status()).isEqualTo(200);
		assertThat(download.body()).isEqualTo(files.get(1).content());
		assertThat(download.header("ETag")).isEqualTo("\"" + sha256(files.get(1).content()) + "\"");
		assertThat(download.header("Content-Length")).isEqualTo(String.valueOf(files.get(1).content().length));
		assertThat(download.header("Accept-Ranges")).isEqualTo("bytes");
		assertThat(this.hub.get(url).status()).isEqualTo(200);

		JsonNode counted = this.hub.get("/api/v1/adapters/" + ns + "/sst2-lora/versions/1.0.0").json();
		assertThat(file(counted, "adapter_model.safetensors").path("downloads").asLong()).isEqualTo(2);
		assertThat(counted.path("downloads").asLong()).isEqualTo(2);
		assertThat(this.hub.get("/api/v1/adapters/" + ns + "/sst2-lora").json().path("downloads").asLong())
			.isEqualTo(2);
	}

	@Test
	void servesHeadRangesAndConditionalRequests() {
		String ns = uniqueNamespace("ranges");
		createAdapter(ns, "a", null);
		List<FileUpload> files = AdapterFixtures.lora(1.5f);
		this.hub.publish("/api/v1/adapters/" + ns + "/a/versions/1", adminToken(), files);
		byte[] weights = files.get(1).content();
		String path = "/api/v1/adapters/" + ns + "/a/versions/1/files/adapter_model.safetensors";

		Response head = this.hub.head(path);
		assertThat(head.status()).isEqualTo(200);
		assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(weights.length));
		assertThat(head.body()).isEmpty();

		Response range = this.hub.get(path, Map.of("Range", "bytes=8-15"));
		assertThat(range.status()).isEqualTo(206);
		assertThat(range.header("Content-Range")).isEqualTo("bytes 8-15/" + weights.length);
		assertThat(range.body()).isEqualTo(java.util.Arrays.copyOfRange(weights, 8, 16));

		Response suffix = this.hub.get(path, Map.of("Range", "bytes=-4"));
		assertThat(suffix.status()).isEqualTo(206);
		assertThat(suffix.body()).isEqualTo(java.util.Arrays.copyOfRange(weights, weights.length - 4, weights.length));

		Response probe = this.hub.get(path, Map.of("Range", "bytes=0-0"));
		assertThat(probe.header("Content-Range")).isEqualTo("bytes 0-0/" + weights.length);

		Response outside = this.hub.get(path, Map.of("Range", "bytes=" + weights.length + "-"));
		assertThat(outside.status()).isEqualTo(416);
		assertThat(outside.header("Content-Range")).isEqualTo("bytes */" + weights.length);
		assertThat(outside.problemType()).isEqualTo("range-not-satisfiable");

		Response notModified = this.hub.get(path, Map.of("If-None-Match", head.header("ETag")));
		assertThat(notModified.status()).isEqualTo(304);

		Response byTag = this.hub.get("/api/v1/adapters/" + ns + "/a/versions/latest/files/README.md");
		assertThat(byTag.status()).isEqualTo(200);
		assertThat(byTag.header("Cache-Control")).contains("must-revalidate");
	}

	@Test
	void versionsAreImmutableAndRetriesAreSafe() {
		String ns = uniqueNamespace("immutable");
		createAdapter(ns, "a", null);
		String path = "/api/v1/adapters/" + ns + "/a/versions/1.0.0";
		assertThat(this.hub.publish(path, adminToken(), AdapterFixtures.lora(1f)).status()).isEqualTo(201);

		Response retry = this.hub.publish(path, adminToken(), AdapterFixtures.lora(1f));
		assertThat(retry.status()).as(retry.toString()).isEqualTo(200);

		// Upload order does not matter for identity.
		List<FileUpload> reordered = new ArrayList<>(AdapterFixtures.lora(1f));
		java.util.Collections.reverse(reordered);
		assertThat(this.hub.publish(path, adminToken(), reordered).status()).isEqualTo(200);

		Response other = this.hub.publish(path, adminToken(), AdapterFixtures.lora(2f));
		assertThat(other.status()).isEqualTo(409);
		assertThat(other.problemType()).isEqualTo("version-conflict");
		assertThat(other.header("Content-Type")).startsWith("application/problem+json");

		// The stored bytes are still the first ones.
		Response download = this.hub.get(path + "/files/adapter_model.safetensors");
		assertThat(download.body()).isEqualTo(AdapterFixtures.loraWeights(2, 1f));
		assertThat(this.hub.get("/api/v1/adapters/" + ns + "/a/versions").json()).hasSize(1);
		assertThat(this.blobs.list("staging/")).isEmpty();
	}

	@Test
	void publishesZipAndTarBundlesWithAFolderInside() {
		String ns = uniqueNamespace("bundles");
		createAdapter(ns, "a", null);
		List<FileUpload> files = AdapterFixtures.lora(3f);

		Response zip = this.hub.raw("PUT", "/api/v1/adapters/" + ns + "/a/versions/1", adminToken(), "application/zip",
				AdapterFixtures.zip(AdapterFixtures.entries(files, "my-adapter/")));
		assertThat(zip.status()).as(zip.toString()).isEqualTo(201);
		assertThat(paths(zip.json())).containsExactly("README.md", "adapter_config.json", "adapter_model.safetensors");

		Response tar = this.hub.raw("PUT", "/api/v1/adapters/" + ns + "/a/versions/2", adminToken(), "application/gzip",
				AdapterFixtures.tarGz(AdapterFixtures.entries(files, "./")));
		assertThat(tar.status()).as(tar.toString()).isEqualTo(201);
		assertThat(tar.json().path("content_digest")).isEqualTo(zip.json().path("content_digest"));

		Response multipartBundle = this.hub.publish("/api/v1/adapters/" + ns + "/a/versions/3", adminToken(),
				List.of(new FileUpload("bundle", "a.zip", AdapterFixtures.zip(AdapterFixtures.entries(files, "")))));
		assertThat(multipartBundle.status()).as(multipartBundle.toString()).isEqualTo(201);
	}

	@Test
	void tagsMoveWithAnAuditTrailAndLatestFollowsTheNewestVersion() {
		String ns = uniqueNamespace("tags");
		createAdapter(ns, "a", null);
		String base = "/api/v1/adapters/" + ns + "/a";
		this.hub.publish(base + "/versions/1.0.0", adminToken(), AdapterFixtures.lora(1f));
		this.hub.publish(base + "/versions/1.1.0", adminToken(), AdapterFixtures.lora(2f));

		assertThat(this.hub.json("PUT", base + "/tags/stable", adminToken(), "{\"version\":\"1.0.0\"}").status())
			.isEqualTo(200);
		assertThat(resolve(ns + "/a@stable")).isEqualTo("1.0.0");
		assertThat(resolve(ns + "/a")).isEqualTo("1.1.0");
		assertThat(resolve(ns + "/a@1.1.0")).isEqualTo("1.1.0");

		this.hub.json("PUT", base + "/tags/stable", adminToken(), "{\"version\":\"1.1.0\"}");
		assertThat(resolve(ns + "/a@stable")).isEqualTo("1.1.0");
		JsonNode audit = this.hub.get(base + "/audit").json();
		assertThat(audit.get(0).path("action").asString()).isEqualTo("tag.moved");
		assertThat(audit.get(0).path("detail").path("from").asString()).isEqualTo("1.0.0");
		assertThat(audit.get(0).path("detail").path("to").asString()).isEqualTo("1.1.0");
		assertThat(audit.get(0).path("token_id").isNumber()).isTrue();

		Response latestTag = this.hub.json("PUT", base + "/tags/latest", adminToken(), "{\"version\":\"1.0.0\"}");
		assertThat(latestTag.status()).isEqualTo(400);
		assertThat(latestTag.problemType()).isEqualTo("invalid-tag");

		assertThat(this.hub.json("DELETE", base + "/tags/stable", adminToken(), null).status()).isEqualTo(204);
		assertThat(this.hub.get("/api/v1/resolve?ref=" + ns + "/a@stable").problemType())
			.isEqualTo("version-not-found");
		assertThat(this.hub.json("DELETE", base + "/tags/stable", adminToken(), null).problemType())
			.isEqualTo("tag-not-found");
	}

	@Test
	void yankedVersionsLeaveResolutionButStayDownloadable() {
		String ns = uniqueNamespace("yank");
		createAdapter(ns, "a", null);
		String base = "/api/v1/adapters/" + ns + "/a";
		this.hub.publish(base + "/versions/1.0.0", adminToken(), AdapterFixtures.lora(1f));
		this.hub.publish(base + "/versions/1.1.0", adminToken(), AdapterFixtures.lora(2f));
		this.hub.json("PUT", base + "/tags/stable", adminToken(), "{\"version\":\"1.1.0\"}");

		Response yanked = this.hub.json("POST", base + "/versions/1.1.0/yank", adminToken(),
				"{\"reason\":\"trained on the test split\"}");
		assertThat(yanked.status()).isEqualTo(200);
		assertThat(yanked.json().path("yanked").asBoolean()).isTrue();

		assertThat(resolve(ns + "/a")).isEqualTo("1.0.0");
		assertThat(this.hub.get("/api/v1/resolve?ref=" + ns + "/a@stable").problemType()).isEqualTo("version-yanked");

		Response exact = this.hub.get("/api/v1/resolve?ref=" + ns + "/a@1.1.0");
		assertThat(exact.status()).isEqualTo(200);
		assertThat(exact.header("Warning")).contains("yanked").contains("trained on the test split");
		Response download = this.hub.get(base + "/versions/1.1.0/files/adapter_model.safetensors");
		assertThat(download.status()).isEqualTo(200);
		assertThat(download.header("Warning")).contains("yanked");

		assertThat(this.hub.json("DELETE", base + "/versions/1.1.0/yank", adminToken(), null).status()).isEqualTo(200);
		assertThat(resolve(ns + "/a")).isEqualTo("1.1.0");
		assertThat(this.hub.get(base + "/audit").json().get(0).path("action").asString()).isEqualTo("version.unyanked");
	}

	@Test
	void resolvesAdapterHubShortFormsWithFilters() {
		String ns = uniqueNamespace("org");
		createAdapter(ns, "bert-sst2", """
				"task": "sentiment", "subtask": "sst-2", "model_name": "bert-base-uncased", "method": "seq_bn\"""");
		createAdapter(ns, "roberta-sst2", """
				"task": "sentiment", "subtask": "sst-2", "model_name": "roberta-base", "method": "lora\"""");
		this.hub.publish("/api/v1/adapters/" + ns + "/bert-sst2/versions/1", adminToken(), AdapterFixtures.lora(1f));
		this.hub.publish("/api/v1/adapters/" + ns + "/roberta-sst2/versions/1", adminToken(),
				AdapterFixtures.lora(21f));

		Response ambiguous = this.hub.get("/api/v1/resolve?ref=sentiment/sst-2@" + ns);
		assertThat(ambiguous.status()).isEqualTo(409);
		assertThat(ambiguous.problemType()).isEqualTo("ambiguous-reference");
		assertThat(ambiguous.json().path("candidates")).hasSize(2);

		Response byModel = this.hub.get("/api/v1/resolve?ref=sentiment/sst-2@" + ns + "&model=roberta-base");
		assertThat(byModel.json().path("adapter").asString()).isEqualTo(ns + "/roberta-sst2");
		assertThat(byModel.json().path("resolved_via").asString()).isEqualTo("taxonomy");
		Response byConfig = this.hub.get("/api/v1/resolve?ref=sentiment/sst-2@" + ns + "&config=seq_bn");
		assertThat(byConfig.json().path("adapter").asString()).isEqualTo(ns + "/bert-sst2");

		Response none = this.hub.get("/api/v1/resolve?ref=sentiment/sst-2@" + ns + "&model=gpt2");
		assertThat(none.status()).isEqualTo(404);
		assertThat(none.problemType()).isEqualTo("reference-not-found");

		String sha = file(byModel.json(), "adapter_model.safetensors").path("sha256").asString();
		assertThat(this.hub.get("/api/v1/resolve?ref=sha256:" + sha).json().path("adapter").asString())
			.isEqualTo(ns + "/roberta-sst2");
	}

	@Test
	void listsAndFiltersWithCursorPagination() {
		String ns = uniqueNamespace("list");
		for (int i = 0; i < 5; i++) {
			createAdapter(ns, "adapter-" + i, "\"method\": \"" + ((i % 2 == 0) ? "lora" : "seq_bn") + "\"");
		}
		List<String> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			Response page = this.hub
				.get("/api/v1/adapters?namespace=" + ns + "&limit=2" + ((cursor != null) ? "&cursor=" + cursor : ""));
			page.json().path("items").forEach((item) -> seen.add(item.path("name").asString()));
			cursor = page.json().path("next_cursor").isNull() ? null : page.json().path("next_cursor").asString();
			pages++;
		}
		while (cursor != null);
		assertThat(seen).containsExactly("adapter-0", "adapter-1", "adapter-2", "adapter-3", "adapter-4");
		assertThat(pages).isEqualTo(3);

		Response lora = this.hub.get("/api/v1/adapters?namespace=" + ns + "&method=lora");
		assertThat(lora.json().path("items")).hasSize(3);
		assertThat(this.hub.get("/api/v1/adapters?cursor=not-base64!").problemType()).isEqualTo("invalid-request");
		assertThat(this.hub.get("/api/v1/adapters?limit=0").problemType()).isEqualTo("invalid-request");
		assertThat(this.hub.get("/api/v1/adapters?limit=abc").status()).isEqualTo(400);
	}

	@Test
	void patchesMetadataAndKeepsWhatIsAbsent() {
		String ns = uniqueNamespace("patch");
		createAdapter(ns, "a", "\"description\": \"old\", \"license\": \"mit\"");
		Response patched = this.hub.json("PATCH", "/api/v1/adapters/" + ns + "/a", adminToken(),
				"{\"description\": \"new\", \"author\": \"Ada\", \"license\": null}");
		assertThat(patched.status()).isEqualTo(200);
		assertThat(patched.json().path("description").asString()).isEqualTo("new");
		assertThat(patched.json().path("author").asString()).isEqualTo("Ada");
		assertThat(patched.json().path("license").isNull()).isTrue();

		Response unknown = this.hub.json("PATCH", "/api/v1/adapters/" + ns + "/a", adminToken(),
				"{\"descripton\": \"typo\"}");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().path("detail").asString()).contains("descripton");
	}

	@Test
	void concurrentCreatesAndPublishesNeverFailWithServerErrors() throws Exception {
		String ns = uniqueNamespace("race");
		List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
		try (var executor = java.util.concurrent.Executors.newFixedThreadPool(8)) {
			for (int i = 0; i < 8; i++) {
				String name = "a" + (i % 2);
				executor.submit(() -> statuses.add(
						this.hub
							.json("POST", "/api/v1/adapters", adminToken(),
									"{\"namespace\":\"" + ns + "\",\"name\":\"" + name + "\"}")
							.status()));
			}
		}
		assertThat(statuses).containsOnly(201, 409);
		assertThat(statuses.stream().filter((status) -> status == 201)).hasSize(2);

		List<Integer> publishes = java.util.Collections.synchronizedList(new ArrayList<>());
		try (var executor = java.util.concurrent.Executors.newFixedThreadPool(6)) {
			for (int i = 0; i < 6; i++) {
				float seed = (i < 3) ? 41f : 42f;
				executor.submit(() -> publishes.add(this.hub
					.publish("/api/v1/adapters/" + ns + "/a0/versions/1.0.0", adminToken(), AdapterFixtures.lora(seed))
					.status()));
			}
		}
		// One content wins; its retries answer 200, the other content 409.
		assertThat(publishes).containsOnly(200, 201, 409);
		assertThat(publishes.stream().filter((status) -> status == 201)).hasSize(1);
		assertThat(this.blobs.list("staging/")).isEmpty();
	}

	@Test
	void servesTheOpenApiDocumentAndSwaggerUi() {
		Response docs = this.hub.get("/v3/api-docs");
		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.json().path("openapi").asString()).startsWith("3.");
		assertThat(docs.json().path("paths").has("/api/v1/resolve")).isTrue();
		assertThat(this.hub.get("/swagger-ui/index.html").status()).isEqualTo(200);
	}

	private String resolve(String reference) {
		Response response = this.hub.get("/api/v1/resolve?ref=" + reference);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json().path("version").asString();
	}

	private static JsonNode file(JsonNode version, String path) {
		for (JsonNode file : version.path("files")) {
			if (file.path("path").asString().equals(path)) {
				return file;
			}
		}
		throw new AssertionError("no " + path + " in " + version);
	}

	private static List<String> paths(JsonNode version) {
		List<String> paths = new ArrayList<>();
		version.path("files").forEach((file) -> paths.add(file.path("path").asString()));
		return paths;
	}

	private static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

}
