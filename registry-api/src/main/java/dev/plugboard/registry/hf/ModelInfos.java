package dev.plugboard.registry.hf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.plugboard.formats.AdapterConfigs;
import dev.plugboard.formats.FormatException;
import dev.plugboard.registry.adapter.Adapter;
import dev.plugboard.registry.adapter.AdapterVersion;
import dev.plugboard.registry.adapter.VersionFile;
import dev.plugboard.storage.BlobStore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * A repository as the Hub's model info describes it ({@code GET /api/models/{id}}): the
 * clients need {@code sha} (to cache by commit), {@code siblings} (older
 * {@code snapshot_download}), and read {@code tags}, {@code library_name} and
 * {@code config.peft} / {@code config.adapters} to recognise an adapter and its base
 * model.
 */
@Component
class ModelInfos {

	private static final String CONFIG = "adapter_config.json";

	private final BlobStore blobs;

	ModelInfos(BlobStore blobs) {
		this.blobs = blobs;
	}

	/**
	 * The info of one revision; the config is read from that version's
	 * {@code adapter_config.json}, so it describes exactly that revision.
	 */
	Map<String, Object> of(HfRevisions.Snapshot snapshot) {
		Optional<AdapterVersion> version = snapshot.resolution().map((r) -> r.version());
		ObjectNode config = snapshot.file(CONFIG)
			.flatMap(this::read)
			.orElseGet(() -> repositoryConfig(snapshot.adapter()));
		return of(snapshot.adapter(), version.orElse(null), snapshot.files(), config);
	}

	/** A listing entry: the repository's latest version, its config as recorded. */
	Map<String, Object> summary(Adapter adapter, AdapterVersion latest, List<VersionFile> files) {
		return of(adapter, latest, files, repositoryConfig(adapter));
	}

	private Map<String, Object> of(Adapter adapter, AdapterVersion version, List<VersionFile> files,
			ObjectNode config) {
		String library = library(config);
		List<String> tags = tags(adapter, library);
		Map<String, Object> info = new LinkedHashMap<>();
		info.put("_id", String.format("%024x", adapter.getId()));
		info.put("id", adapter.repositoryId());
		info.put("modelId", adapter.repositoryId());
		info.put("author", adapter.getNamespace());
		info.put("sha", (version != null) ? version.commitId() : null);
		info.put("lastModified", TreeEntries.date((version != null) ? version.getCreatedAt() : adapter.getUpdatedAt()));
		info.put("createdAt", TreeEntries.date(adapter.getCreatedAt()));
		info.put("private", false);
		info.put("disabled", false);
		info.put("gated", false);
		info.put("downloads", adapter.getDownloads());
		info.put("downloadsAllTime", adapter.getDownloads());
		// Plugboard has no likes; zero is the true count.
		info.put("likes", 0);
		info.put("library_name", library);
		info.put("pipeline_tag", null);
		info.put("tags", tags);
		info.put("cardData", cardData(adapter, library, tags));
		info.put("config", hubConfig(adapter, config));
		List<Map<String, Object>> siblings = new ArrayList<>();
		long used = 0;
		for (VersionFile file : files) {
			Map<String, Object> entry = TreeEntries.file(file, version, false);
			Map<String, Object> sibling = new LinkedHashMap<>();
			sibling.put("rfilename", file.getPath());
			sibling.put("size", entry.get("size"));
			sibling.put("blobId", entry.get("oid"));
			if (entry.containsKey("lfs")) {
				@SuppressWarnings("unchecked")
				Map<String, Object> lfs = (Map<String, Object>) entry.get("lfs");
				sibling.put("lfs", Map.of("sha256", lfs.get("oid"), "size", lfs.get("size"), "pointerSize",
						lfs.get("pointerSize")));
			}
			siblings.add(sibling);
			used += (long) entry.get("size");
		}
		info.put("siblings", siblings);
		info.put("usedStorage", used);
		info.put("plugboard", plugboard(adapter, version));
		return info;
	}

	private static Map<String, Object> plugboard(Adapter adapter, AdapterVersion version) {
		Map<String, Object> facts = new LinkedHashMap<>();
		facts.put("repo_type", adapter.getRepoType().id());
		facts.put("version", (version != null) ? version.getVersion() : null);
		facts.put("method", adapter.getMethod());
		facts.put("task", adapter.getTask());
		facts.put("subtask", adapter.getSubtask());
		return facts;
	}

	private Optional<ObjectNode> read(VersionFile file) {
		if (file.isExternal() || file.getSize() == null || file.getSize() > AdapterConfigs.MAX_BYTES) {
			return Optional.empty();
		}
		try (InputStream in = this.blobs.read(file.getBlobKey(), 0, -1)) {
			return Optional.of(AdapterConfigs.parse(in.readAllBytes()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (FormatException ex) {
			return Optional.empty();
		}
	}

	private static ObjectNode repositoryConfig(Adapter adapter) {
		if (adapter.getAdapterConfig() == null) {
			return null;
		}
		try {
			return AdapterConfigs.parse(adapter.getAdapterConfig().getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
		catch (FormatException ex) {
			return null;
		}
	}

	/** PEFT configs name their {@code peft_type}; the adapters library nests a config. */
	static String library(ObjectNode config) {
		if (config == null) {
			return null;
		}
		if (config.has("peft_type")) {
			return "peft";
		}
		if (config.has("config")) {
			return "adapter-transformers";
		}
		return null;
	}

	private static List<String> tags(Adapter adapter, String library) {
		Set<String> tags = new LinkedHashSet<>();
		if (library != null) {
			tags.add(library);
			if (library.equals("adapter-transformers")) {
				// What AdapterHub's list_adapters() filters on.
				tags.add("adapters");
			}
		}
		if (adapter.getMethod() != null) {
			tags.add(adapter.getMethod());
		}
		if (adapter.getModelName() != null) {
			tags.add((adapter.isBaseModel() ? "base_model:" : "base_model:adapter:") + adapter.getModelName());
		}
		tags.addAll(List.of(adapter.getTags()));
		tags.addAll(List.of(adapter.getLanguages()));
		if (adapter.getLicense() != null) {
			tags.add("license:" + adapter.getLicense());
		}
		return List.copyOf(tags);
	}

	private static Map<String, Object> cardData(Adapter adapter, String library, List<String> tags) {
		Map<String, Object> card = new LinkedHashMap<>();
		if (adapter.getModelName() != null) {
			card.put("base_model", adapter.getModelName());
		}
		if (library != null) {
			card.put("library_name", library);
		}
		if (adapter.getLicense() != null) {
			card.put("license", adapter.getLicense());
		}
		if (adapter.getLanguages().length > 0) {
			card.put("language", List.of(adapter.getLanguages()));
		}
		card.put("tags", tags);
		return card;
	}

	private static Map<String, Object> hubConfig(Adapter adapter, ObjectNode config) {
		Map<String, Object> hub = new LinkedHashMap<>();
		if (config == null) {
			return hub;
		}
		if (config.has("peft_type")) {
			Map<String, Object> peft = new LinkedHashMap<>();
			peft.put("base_model_name_or_path", text(config, "base_model_name_or_path"));
			peft.put("task_type", text(config, "task_type"));
			peft.put("peft_type", text(config, "peft_type"));
			hub.put("peft", peft);
		}
		else if (config.has("config")) {
			Map<String, Object> adapters = new LinkedHashMap<>();
			adapters.put("model_name",
					(text(config, "model_name") != null) ? text(config, "model_name") : adapter.getModelName());
			hub.put("adapters", adapters);
		}
		return hub;
	}

	private static String text(ObjectNode config, String field) {
		JsonNode value = config.get(field);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

}
