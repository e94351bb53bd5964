package dev.plugboard.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.plugboard.formats.SafetensorsHeader;
import dev.plugboard.formats.TorchArchive;
import dev.plugboard.registry.HubClient.FileUpload;
import dev.plugboard.registry.HubClient.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Adapters written by PEFT and by AdapterHub's library, which no one here made, upload,
 * are described correctly and come back byte for byte; the pickle one is converted to
 * safetensors with identical tensor values.
 */
class RealAdaptersIT extends HubTestSupport {

	private static final Path REAL = Path.of(System.getProperty("plugboard.shared-data", "../../shared/data"),
			"real-adapters");

	@Test
	void peftLoraIsDescribedAndRoundTrips() throws IOException {
		Path dir = REAL.resolve("peft-lora-minilm-l6-v2");
		assumeTrue(Files.isDirectory(dir), "real adapters are in ../shared/data");
		String ns = uniqueNamespace("st");
		createAdapter(ns, "minilm-lora", null);
		List<FileUpload> files = files(dir, "adapter_config.json", "adapter_model.safetensors", "modules.json",
				"sentence_bert_config.json", "config_sentence_transformers.json");
		Response published = this.hub.publish("/api/v1/adapters/" + ns + "/minilm-lora/versions/1.0.0", adminToken(),
				files);
		assertThat(published.status()).as(published.toString()).isEqualTo(201);

		JsonNode weights = published.json().path("weights");
		assertThat(weights.path("format").asString()).isEqualTo("peft");
		assertThat(weights.path("method").asString()).isEqualTo("lora");
		assertThat(weights.path("hyperparameters").path("r").asInt()).isEqualTo(4);
		assertThat(weights.path("hyperparameters").path("lora_alpha").asInt()).isEqualTo(16);
		assertThat(weights.path("hyperparameters").path("target_modules").toString()).contains("query", "value");
		assertThat(weights.path("layers")).hasSize(6);
		assertThat(weights.path("parameter_count").asLong()).isEqualTo(36_864);

		for (FileUpload file : files) {
			Response download = this.hub
				.get("/api/v1/adapters/" + ns + "/minilm-lora/versions/1.0.0/files/" + file.path());
			assertThat(download.body()).as(file.path()).isEqualTo(file.content());
		}
	}

	@Test
	void adapterHubBottleneckWithHeadIsConvertedFromPickle() throws IOException {
		Path dir = REAL.resolve("adapterhub-bn-mbert-adapters101");
		assumeTrue(Files.isDirectory(dir), "real adapters are in ../shared/data");
		String ns = uniqueNamespace("ah");
		createAdapter(ns, "mbert-bn", "\"task\": \"topic\", \"subtask\": \"adapters101\"");
		List<FileUpload> files = files(dir, "adapter_config.json", "head_config.json", "pytorch_adapter.bin",
				"pytorch_model_head.bin");
		Response published = this.hub.publish("/api/v1/adapters/" + ns + "/mbert-bn/versions/1", adminToken(), files);
		assertThat(published.status()).as(published.toString()).isEqualTo(201);

		JsonNode version = published.json();
		assertThat(version.path("weights").path("format").asString()).isEqualTo("adapterhub");
		assertThat(version.path("weights").path("method").asString()).isEqualTo("seq_bn");
		assertThat(version.path("weights").path("hyperparameters").path("reduction_factor").asInt()).isEqualTo(16);
		assertThat(version.path("weights").path("has_head").asBoolean()).isTrue();
		assertThat(version.path("weights").path("layers")).hasSize(12);
		assertThat(version.path("weights").path("parameter_count").asLong()).isEqualTo(894_528 + 592_130);

		JsonNode converted = file(version, "adapter.safetensors");
		assertThat(converted.path("converted_from").asString()).isEqualTo("pytorch_adapter.bin");
		assertThat(file(version, "model_head.safetensors").path("converted_from").asString())
			.isEqualTo("pytorch_model_head.bin");

		// The original pickle round-trips byte for byte.
		byte[] original = Files.readAllBytes(dir.resolve("pytorch_adapter.bin"));
		assertThat(this.hub.get("/api/v1/adapters/" + ns + "/mbert-bn/versions/1/files/pytorch_adapter.bin").body())
			.isEqualTo(original);

		// The converted file holds the same tensors with identical values.
		byte[] safetensors = this.hub.get(converted.path("download_url").asString()).body();
		SafetensorsHeader header = SafetensorsHeader.read(new ByteArrayInputStream(safetensors), safetensors.length);
		TorchArchive archive = TorchArchive.read(dir.resolve("pytorch_adapter.bin"));
		assertThat(header.tensors().keySet()).containsExactlyInAnyOrderElementsOf(archive.tensors().keySet());
		java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
		archive.writeSafetensors(expected, "pytorch_adapter.bin");
		assertThat(safetensors).isEqualTo(expected.toByteArray());
		String name = "bert.encoder.layer.0.output.adapters.md.adapter_down.0.weight";
		assertThat(header.tensors().get(name).shape()).containsExactly(48L, 768L);

		// Uploads join the generated AdapterHub index of their base model.
		JsonNode index = this.hub.get("/api/v1/adapterhub/index/bert-base-multilingual-cased.json").json();
		JsonNode subtask = index.path("topic").path("adapters101");
		assertThat(subtask.path("default").asString()).isEqualTo("adapters/" + ns + "/mbert-bn.json");
		JsonNode entry = this.hub.get("/api/v1/adapterhub/adapters/" + ns + "/mbert-bn.json").json();
		String archiveUrl = entry.path("files").path("1").path("url").asString();
		assertThat(archiveUrl).endsWith("/versions/1/archive.zip");
		Response archiveZip = this.hub.get(archiveUrl);
		assertThat(archiveZip.status()).isEqualTo(200);
		List<String> entries = new ArrayList<>();
		try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(
				new ByteArrayInputStream(archiveZip.body()))) {
			for (var zipEntry = zip.getNextEntry(); zipEntry != null; zipEntry = zip.getNextEntry()) {
				entries.add(zipEntry.getName());
			}
		}
		assertThat(entries).contains("adapter_config.json", "adapter.safetensors", "pytorch_adapter.bin");
	}

	private static List<FileUpload> files(Path dir, String... names) throws IOException {
		List<FileUpload> files = new ArrayList<>();
		for (String name : names) {
			files.add(FileUpload.of(name, Files.readAllBytes(dir.resolve(name))));
		}
		return files;
	}

	private static JsonNode file(JsonNode version, String path) {
		for (JsonNode file : version.path("files")) {
			if (file.path("path").asString().equals(path)) {
				return file;
			}
		}
		throw new AssertionError("no " + path + " in " + version);
	}

}
