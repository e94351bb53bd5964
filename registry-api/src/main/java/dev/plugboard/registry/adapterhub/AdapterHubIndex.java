package dev.plugboard.registry.adapterhub;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import dev.plugboard.registry.adapter.Adapter;
import dev.plugboard.registry.adapter.AdapterCatalog;
import dev.plugboard.registry.adapter.AdapterVersion;
import dev.plugboard.registry.adapter.VersionCatalog;
import dev.plugboard.registry.adapter.VersionFile;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * AdapterHub's built index files, generated from the registry (imported cards and uploads
 * alike), so tooling written for {@code dist/v2/} can point at Plugboard:
 * {@code index/<model>.json} maps task → subtask → config id → {@code versions} (org →
 * entry path) plus a per-subtask {@code default}; {@code adapters/<org>/<name>.json}
 * lists an adapter's versions with download URLs and checksums.
 */
@Service
public class AdapterHubIndex {

	private final AdapterCatalog catalog;

	private final VersionCatalog versions;

	private final JsonMapper json;

	AdapterHubIndex(AdapterCatalog catalog, VersionCatalog versions, JsonMapper json) {
		this.catalog = catalog;
		this.versions = versions;
		this.json = json;
	}

	public List<String> models() {
		return this.catalog.indexedModelNames();
	}

	/** The index for a base model; empty when no adapter is indexed for it. */
	@Transactional(readOnly = true)
	public Optional<Map<String, Object>> index(String modelName) {
		Map<String, Map<String, Map<String, Object>>> tasks = new LinkedHashMap<>();
		Map<String, String> flaggedDefaults = new LinkedHashMap<>();
		for (Adapter adapter : this.catalog.indexed(modelName)) {
			if (this.versions.latest(adapter).isEmpty()) {
				continue;
			}
			Map<String, Object> subtask = tasks.computeIfAbsent(adapter.getTask(), (k) -> new LinkedHashMap<>())
				.computeIfAbsent(adapter.getSubtask(), (k) -> new LinkedHashMap<>());
			String entry = entryPath(adapter);
			@SuppressWarnings("unchecked")
			Map<String, Object> config = (Map<String, Object>) subtask.computeIfAbsent(adapter.getConfigId(),
					(k) -> new LinkedHashMap<>(Map.of("versions", new LinkedHashMap<String, String>())));
			@SuppressWarnings("unchecked")
			Map<String, String> orgs = (Map<String, String>) config.get("versions");
			orgs.putIfAbsent(adapter.getNamespace(), entry);
			subtask.putIfAbsent("default", entry);
			if (adapter.isAdapterhubDefault()) {
				flaggedDefaults.put(adapter.getTask() + "/" + adapter.getSubtask(), entry);
			}
		}
		if (tasks.isEmpty()) {
			return Optional.empty();
		}
		tasks.forEach((task, subtasks) -> subtasks.forEach((subtask, entries) -> {
			String flagged = flaggedDefaults.get(task + "/" + subtask);
			if (flagged != null) {
				entries.put("default", flagged);
			}
		}));
		return Optional.of(new LinkedHashMap<>(tasks));
	}

	/**
	 * One adapter's entry file. {@code urls} gives the download URL of a file of a
	 * version, and of a whole version (file null) for uploads, which AdapterHub clients
	 * fetch as one archive.
	 */
	@Transactional(readOnly = true)
	public Optional<Map<String, Object>> entry(Adapter adapter, BiFunction<AdapterVersion, VersionFile, String> urls) {
		Optional<AdapterVersion> latest = this.versions.latest(adapter);
		if (latest.isEmpty() || adapter.getConfigId() == null) {
			return Optional.empty();
		}
		Map<String, Object> files = new LinkedHashMap<>();
		String latestSha1 = null;
		for (AdapterVersion version : this.versions.versions(adapter)) {
			if (version.isYanked()) {
				continue;
			}
			List<VersionFile> versionFiles = this.versions.files(version);
			Map<String, Object> file = new LinkedHashMap<>();
			if (versionFiles.size() == 1 && versionFiles.get(0).isExternal()) {
				VersionFile only = versionFiles.get(0);
				file.put("url", urls.apply(version, only));
				if (only.getSha1() != null) {
					file.put("sha1", only.getSha1());
				}
				file.put("sha256", only.getSha256());
				if (version.getId().equals(latest.get().getId())) {
					latestSha1 = only.getSha1();
				}
			}
			else {
				file.put("url", urls.apply(version, null));
			}
			if (version.getScore() != null) {
				file.put("score", version.getScore());
			}
			files.put(version.getVersion(), file);
		}
		Map<String, Object> info = new LinkedHashMap<>();
		info.put("adapter_config",
				(adapter.getAdapterConfig() == null) ? null : this.json.readTree(adapter.getAdapterConfig()));
		info.put("adapter_id", "@" + adapter.repositoryId());
		info.put("model_name", adapter.getModelName());
		info.put("sha1_checksum", latestSha1);
		info.put("source", "ah");
		info.put("subtask", adapter.getSubtask());
		info.put("task", adapter.getTask());
		info.put("username", adapter.getNamespace());
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("config_id", adapter.getConfigId());
		entry.put("default_version", latest.get().getVersion());
		entry.put("files", files);
		entry.put("info", info);
		return Optional.of(entry);
	}

	static String entryPath(Adapter adapter) {
		return "adapters/" + adapter.getNamespace() + "/" + adapter.getName() + ".json";
	}

}
