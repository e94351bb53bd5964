package dev.plugboard.registry;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.plugboard.registry.HubClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real AdapterHub catalog (291 cards) imports into the hub, imports again without
 * change, and then resolves exactly as AdapterHub's own built index does: every entry of
 * every {@code dist/v2/index} file is checked, and the hub's generated index files equal
 * the built ones.
 */
class AdapterHubCatalogIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path dataDir;

	private HubClient hub;

	private String token;

	/**
	 * A hub of its own: the generated index must equal AdapterHub's, with no other test's
	 * uploads in it.
	 */
	@Test
	void importsTheCatalogAndResolvesLikeAdapterHub() throws IOException {
		assumeTrue(CatalogImport.available(), "the real catalog is in ../shared/data");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PlugboardApplication.class)
			.run("--server.port=0", "--plugboard.data-dir=" + this.dataDir, "--plugboard.search.enabled=false")) {
			this.hub = HubClient.of(context);
			this.token = Files.readString(this.dataDir.resolve("admin-token")).strip();
			importAndCompare();
		}
	}

	private String adminToken() {
		return this.token;
	}

	private void importAndCompare() throws IOException {
		Path catalog = CatalogImport.CATALOG;
		Response first = CatalogImport.send(this.hub, adminToken());
		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		JsonNode report = first.json();
		assertThat(report.path("adapters_created").asInt()).isEqualTo(291);
		assertThat(report.path("versions_created").asInt()).isEqualTo(501);
		assertThat(report.path("tasks").asInt()).isEqualTo(123);
		assertThat(report.path("subtasks").asInt()).isEqualTo(188);
		assertThat(report.path("architectures").asInt()).isEqualTo(5);
		assertThat(report.path("skipped")).isEmpty();
		System.out.println("AdapterHub catalog import: " + report);

		Response second = CatalogImport.send(this.hub, adminToken());
		assertThat(second.json().path("adapters_unchanged").asInt()).isEqualTo(291);
		assertThat(second.json().path("adapters_updated").asInt()).isZero();
		assertThat(second.json().path("versions_created").asInt()).isZero();
		assertThat(second.json().path("versions_unchanged").asInt()).isEqualTo(501);
		assertThat(this.hub.get("/api/v1/adapters/ukp/bert-base-uncased_sentiment_sst-2_pfeiffer/audit").json())
			.as("the second import wrote nothing")
			.hasSize(2);

		int checked = walkEveryIndexEntry(catalog);
		System.out.println("AdapterHub index entries resolved like AdapterHub: " + checked);
		assertThat(checked).isGreaterThan(300);

		compareGeneratedIndexes(catalog);
		compareAdapterEntries(catalog);
		checkCardDetails();
		checkTaxonomy();
	}

	/** Every (model, task, subtask, config, org) and every default of the built index. */
	private int walkEveryIndexEntry(Path catalog) throws IOException {
		int checked = 0;
		for (Path file : indexFiles(catalog)) {
			String model = modelName(catalog, file);
			JsonNode index = JSON.readTree(file.toFile());
			for (Map.Entry<String, JsonNode> task : index.properties()) {
				for (Map.Entry<String, JsonNode> subtask : task.getValue().properties()) {
					String shortForm = task.getKey() + "/" + subtask.getKey();
					for (Map.Entry<String, JsonNode> config : subtask.getValue().properties()) {
						if (config.getKey().equals("default")) {
							assertResolves(shortForm, model, null, config.getValue().asString());
							checked++;
							continue;
						}
						for (Map.Entry<String, JsonNode> org : config.getValue().path("versions").properties()) {
							assertResolves(shortForm + "@" + org.getKey(), model, config.getKey(),
									org.getValue().asString());
							checked++;
						}
					}
				}
			}
		}
		return checked;
	}

	private void assertResolves(String reference, String model, String config, String expectedEntry) {
		String query = "/api/v1/resolve?ref=" + encode(reference) + "&model=" + encode(model)
				+ ((config != null) ? "&config=" + config : "");
		Response resolved = this.hub.get(query);
		assertThat(resolved.status()).as(query + " → " + resolved).isEqualTo(200);
		String expected = expectedEntry.replaceFirst("^adapters/", "").replaceFirst("\\.json$", "");
		assertThat(resolved.json().path("adapter").asString()).as(query).isEqualTo(expected);
	}

	private void compareGeneratedIndexes(Path catalog) throws IOException {
		for (Path file : indexFiles(catalog)) {
			String model = modelName(catalog, file);
			Response generated = this.hub.get("/api/v1/adapterhub/index/" + model + ".json");
			assertThat(generated.status()).as(model).isEqualTo(200);
			assertThat(generated.json()).as(model).isEqualTo(JSON.readTree(file.toFile()));
		}
		assertThat(this.hub.get("/api/v1/adapterhub/index/no-such-model.json").problemType())
			.isEqualTo("taxonomy-not-found");
	}

	private void compareAdapterEntries(Path catalog) throws IOException {
		Path adapters = catalog.resolve("dist/v2/adapters");
		try (Stream<Path> files = Files.walk(adapters)) {
			for (Path file : files.filter((p) -> p.toString().endsWith(".json")).toList()) {
				String id = adapters.relativize(file).toString().replaceFirst("\\.json$", "");
				JsonNode expected = JSON.readTree(file.toFile());
				JsonNode actual = this.hub.get("/api/v1/adapterhub/adapters/" + id + ".json").json();
				assertThat(actual.path("config_id")).as(id).isEqualTo(expected.path("config_id"));
				assertThat(actual.path("default_version")).as(id).isEqualTo(expected.path("default_version"));
				assertThat(actual.path("info").path("adapter_config")).as(id)
					.isEqualTo(expected.path("info").path("adapter_config"));
				assertThat(actual.path("info").path("sha1_checksum")).as(id)
					.isEqualTo(expected.path("info").path("sha1_checksum"));
				List<String> expectedVersions = new ArrayList<>(expected.path("files").propertyNames());
				assertThat(actual.path("files").propertyNames()).as(id)
					.containsExactlyInAnyOrderElementsOf(expectedVersions);
				for (String version : expectedVersions) {
					assertThat(actual.path("files").path(version).path("sha256")).as(id + "@" + version)
						.isEqualTo(expected.path("files").path(version).path("sha256"));
				}
			}
		}
	}

	private void checkCardDetails() {
		JsonNode adapter = this.hub.get("/api/v1/adapters/ukp/bert-base-uncased_sentiment_sst-2_pfeiffer").json();
		assertThat(adapter.path("source").asString()).isEqualTo("adapterhub");
		assertThat(adapter.path("config_id").asString()).isEqualTo("9076f36a74755ac4");
		assertThat(adapter.path("method").asString()).isEqualTo("seq_bn");
		assertThat(adapter.path("author").asString()).isEqualTo("Clifton Poth");
		assertThat(adapter.path("citation").asString()).contains("pfeiffer2020AdapterHub");
		assertThat(adapter.path("origin").path("model_class").asString()).isEqualTo("BertForSequenceClassification");

		JsonNode version = this.hub.get("/api/v1/adapters/ukp/bert-base-uncased_sentiment_sst-2_pfeiffer/versions/1")
			.json();
		JsonNode file = version.path("files").get(0);
		assertThat(file.path("external").asBoolean()).isTrue();
		assertThat(file.path("sha1").asString()).isEqualTo("fcf8d1a39235e6ea3bbb40f186ef7cd81712cee2");
		Response download = this.hub.get(file.path("download_url").asString());
		assertThat(download.status()).isEqualTo(302);
		assertThat(download.header("Location")).startsWith("https://").endsWith(".zip");

		Response stackexchange = this.hub.get("/api/v1/resolve?ref=ukp/bert-base-uncased_sts_stackexchange_pfeiffer");
		assertThat(stackexchange.json().path("version").asString()).as("the card's default version is latest")
			.isEqualTo("cooking_stackexchange_com");
		assertThat(this.hub.get("/api/v1/adapters/ukp/bert-base-uncased_sts_stackexchange_pfeiffer/versions").json())
			.hasSize(141);
	}

	private void checkTaxonomy() {
		JsonNode sentiment = this.hub.get("/api/v1/taxonomy/tasks/sentiment").json();
		assertThat(sentiment.path("displayname").asString()).isEqualTo("Sentiment Analysis");
		assertThat(sentiment.path("subtasks").toString()).contains("sst-2");
		JsonNode sst2 = this.hub.get("/api/v1/taxonomy/tasks/sentiment/subtasks/sst-2").json();
		assertThat(sst2.path("metric_name").asString()).isEqualTo("accuracy");
		assertThat(this.hub.get("/api/v1/taxonomy/tasks/comsense").status()).as("id from content, not file name")
			.isEqualTo(200);
		assertThat(this.hub.get("/api/v1/taxonomy/tasks/text-classification").status()).as("stray quote removed")
			.isEqualTo(200);
		assertThat(this.hub.get("/api/v1/taxonomy/tasks?type=text_lang").json()).hasSize(97);
		assertThat(this.hub.get("/api/v1/taxonomy/architectures/pfeiffer").json().path("config_id").asString())
			.isEqualTo("9076f36a74755ac4");
		assertThat(this.hub.get("/api/v1/taxonomy/tasks/nope").problemType()).isEqualTo("taxonomy-not-found");
	}

	private static List<Path> indexFiles(Path catalog) throws IOException {
		try (Stream<Path> files = Files.walk(catalog.resolve("dist/v2/index"))) {
			return files.filter((p) -> p.toString().endsWith(".json")).sorted().toList();
		}
	}

	private static String modelName(Path catalog, Path indexFile) {
		return catalog.resolve("dist/v2/index").relativize(indexFile).toString().replaceFirst("\\.json$", "");
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
