package dev.plugboard.registry.adapterhub;

import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.plugboard.formats.AdapterConfigs;
import dev.plugboard.formats.AdapterHubConfigId;
import dev.plugboard.formats.Identifiers;
import dev.plugboard.registry.adapter.AdapterCatalog;
import dev.plugboard.registry.adapter.AdapterMetadata;
import dev.plugboard.registry.adapter.AdapterMetadata.Change;
import dev.plugboard.registry.adapter.ExternalFile;
import dev.plugboard.registry.adapter.ImportedAdapter;
import dev.plugboard.registry.adapter.PublishResult;
import dev.plugboard.registry.adapter.VersionNotes;
import dev.plugboard.registry.adapter.VersionPublisher;
import dev.plugboard.registry.identity.Caller;
import dev.plugboard.registry.system.InvalidRequestException;
import dev.plugboard.registry.taxonomy.AdapterType;
import dev.plugboard.registry.taxonomy.Architecture;
import dev.plugboard.registry.taxonomy.Subtask;
import dev.plugboard.registry.taxonomy.Task;
import dev.plugboard.registry.taxonomy.Taxonomy;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Service;

/**
 * Imports an AdapterHub catalog (the Hub repository's cards, taxonomy and built index):
 * card {@code adapters/<org>/<file>.yaml} becomes repository {@code <org>/<file>}, each
 * card version a version whose files are external (upstream URL plus checksums). Running
 * it again changes nothing. Data quirks handled: task ids come from file content (with a
 * stray quote in one), subtask ids are unique only within their task, versions are
 * free-form, and the default version is published last so that it is {@code latest}.
 */
@Service
public class AdapterHubImporter {

	private static final Pattern HEX40 = Pattern.compile("[0-9a-f]{40}");

	private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

	private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{1,8})*");

	private final Taxonomy taxonomy;

	private final AdapterCatalog catalog;

	private final VersionPublisher publisher;

	private final JsonMapper json;

	AdapterHubImporter(Taxonomy taxonomy, AdapterCatalog catalog, VersionPublisher publisher, JsonMapper json) {
		this.taxonomy = taxonomy;
		this.catalog = catalog;
		this.publisher = publisher;
		this.json = json;
	}

	public ImportReport importCatalog(Caller caller, InputStream bundle) {
		caller.requireAdmin();
		long start = System.nanoTime();
		CatalogFiles files = CatalogFiles.read(bundle);
		if (files.list("adapters/", ".yaml", ".yml").isEmpty()) {
			throw new InvalidRequestException("invalid-bundle",
					"This is not an AdapterHub catalog: no adapters/<org>/<file>.yaml cards");
		}
		int types = importTypes(files);
		int tasks = importTasks(files);
		int subtasks = importSubtasks(files);
		Map<String, Map<String, Object>> architectures = importArchitectures(files);
		Set<String> defaults = CatalogDefaults.read(files, this.json);

		Counts counts = new Counts();
		for (String path : files.list("adapters/", ".yaml", ".yml")) {
			importCard(caller, path, Yaml.map(path, files.get(path)), architectures, defaults, counts);
		}
		return new ImportReport(types, tasks, subtasks, architectures.size(), counts.created, counts.updated,
				counts.unchanged, counts.versionsCreated, counts.versionsUnchanged, defaults.size(),
				List.copyOf(counts.skipped), (System.nanoTime() - start) / 1_000_000);
	}

	private int importTypes(CatalogFiles files) {
		List<String> paths = files.list("adapter_types/", ".yaml", ".yml");
		for (String path : paths) {
			Map<String, Object> card = Yaml.map(path, files.get(path));
			this.taxonomy.save(new AdapterType(Yaml.string(card, "id"), Yaml.string(card, "displayname"),
					Yaml.string(card, "description")));
		}
		return paths.size();
	}

	private int importTasks(CatalogFiles files) {
		List<String> paths = files.list("tasks/", ".yaml", ".yml");
		for (String path : paths) {
			Map<String, Object> card = Yaml.map(path, files.get(path));
			this.taxonomy.save(new Task(id(card, "task"), typeFolder(path), Yaml.string(card, "displayname"),
					Yaml.string(card, "description")));
		}
		return paths.size();
	}

	private int importSubtasks(CatalogFiles files) {
		List<String> paths = files.list("subtasks/", ".yaml", ".yml");
		for (String path : paths) {
			Map<String, Object> card = Yaml.map(path, files.get(path));
			Map<String, Object> metric = Yaml.submap(card, "metric");
			this.taxonomy.save(new Subtask(id(card, "task"), id(card, "subtask"), Yaml.string(card, "displayname"),
					Yaml.string(card, "description"), blankToNull(Yaml.string(card, "citation")),
					Yaml.string(card, "url"), Yaml.string(card, "language"), Yaml.string(card, "hf_datasets_id"),
					Yaml.string(metric, "name"),
					(metric.get("higher_is_better") instanceof Boolean better) ? better : null));
		}
		return paths.size();
	}

	private Map<String, Map<String, Object>> importArchitectures(CatalogFiles files) {
		Map<String, Map<String, Object>> configs = new LinkedHashMap<>();
		for (String path : files.list("architectures/", ".yaml", ".yml")) {
			Map<String, Object> card = Yaml.map(path, files.get(path));
			String name = Yaml.string(card, "name");
			Map<String, Object> config = Yaml.submap(card, "config");
			configs.put(name, config);
			this.taxonomy.save(new Architecture(name, Yaml.string(card, "displayname"),
					Yaml.string(card, "description"), blankToNull(Yaml.string(card, "citation")),
					this.json.writeValueAsString(config), AdapterHubConfigId.of(config)));
		}
		return configs;
	}

	private void importCard(Caller caller, String path, Map<String, Object> card,
			Map<String, Map<String, Object>> architectures, Set<String> defaults, Counts counts) {
		String[] parts = path.split("/");
		String org = parts[1];
		String file = parts[2].replaceFirst("\\.ya?ml$", "");
		if (!Identifiers.isNamespace(org) || !Identifiers.isName(file)) {
			counts.skipped.add(path + ": not a valid repository id");
			return;
		}
		Map<String, Object> cardConfig = Yaml.submap(card, "config");
		String using = Yaml.string(cardConfig, "using");
		if (!architectures.containsKey(using)) {
			counts.skipped.add(path + ": unknown architecture '" + using + "'");
			return;
		}
		Map<String, Object> fullConfig = AdapterHubConfigId.fullConfig(architectures.get(using), cardConfig);
		ObjectNode configNode = (ObjectNode) this.json.valueToTree(fullConfig);
		ObjectNode wrapped = this.json.createObjectNode();
		wrapped.set("config", configNode);
		String task = id(card, "task");
		String type = Yaml.string(card, "type");
		AdapterMetadata metadata = new AdapterMetadata(change(Yaml.string(card, "description")),
				change(Yaml.string(card, "model_name")), change(Yaml.string(card, "model_type")),
				change(AdapterConfigs.method(wrapped)), change(configNode.toString()),
				change(AdapterHubConfigId.of(fullConfig)), change(type), change(task), change(id(card, "subtask")),
				new Change<>(("text_lang".equals(type) && task != null && LANGUAGE.matcher(task).matches())
						? List.of(task) : List.of()),
				null, null, change(Yaml.string(card, "author")), change(Yaml.string(card, "citation")),
				change(links(card)));
		ImportedAdapter imported = this.catalog.importAdapter(caller, org, file, metadata, "adapterhub",
				origin(org, file, card, using, cardConfig), defaults.contains(org + "/" + file));
		switch (imported.outcome()) {
			case CREATED -> counts.created++;
			case UPDATED -> counts.updated++;
			case UNCHANGED -> counts.unchanged++;
		}
		for (Map<String, Object> version : versionsDefaultLast(card)) {
			importVersion(caller, path, org, file, version, counts);
		}
	}

	private void importVersion(Caller caller, String path, String org, String file, Map<String, Object> version,
			Counts counts) {
		String name = Yaml.string(version, "version");
		String url = Yaml.string(version, "url");
		String sha256 = lower(Yaml.string(version, "sha256"));
		String sha1 = lower(Yaml.string(version, "sha1"));
		if (name == null || !Identifiers.isVersion(name) || url == null || sha256 == null
				|| !HEX64.matcher(sha256).matches()) {
			counts.skipped.add(path + ": version '" + name + "' lacks a valid version, url or sha256");
			return;
		}
		ExternalFile external = new ExternalFile(fileName(url, file), url, sha256,
				(sha1 != null && HEX40.matcher(sha1).matches()) ? sha1 : null, null);
		Double score = (version.get("score") instanceof Number number) ? number.doubleValue() : null;
		PublishResult result = this.publisher.publishExternal(caller, org, file, name, List.of(external),
				new VersionNotes(blankToNull(Yaml.string(version, "description")), score, null));
		if (result.created()) {
			counts.versionsCreated++;
		}
		else {
			counts.versionsUnchanged++;
		}
	}

	/**
	 * AdapterHub serves default_version when no version is named; publishing it last
	 * makes it latest.
	 */
	private static List<Map<String, Object>> versionsDefaultLast(Map<String, Object> card) {
		String defaultVersion = Yaml.string(card, "default_version");
		List<Map<String, Object>> versions = new ArrayList<>(Yaml.maps(card, "files"));
		versions.sort((a, b) -> Boolean.compare(isDefault(a, defaultVersion), isDefault(b, defaultVersion)));
		return versions;
	}

	private static boolean isDefault(Map<String, Object> version, String defaultVersion) {
		return defaultVersion != null && defaultVersion.equals(Yaml.string(version, "version"));
	}

	private String origin(String org, String file, Map<String, Object> card, String using,
			Map<String, Object> cardConfig) {
		Map<String, Object> origin = new LinkedHashMap<>();
		origin.put("adapter_id", "@" + org + "/" + file);
		origin.put("config_using", using);
		Map<String, Object> overrides = new LinkedHashMap<>(cardConfig);
		overrides.remove("using");
		origin.put("config_overrides", overrides);
		for (String key : List.of("default_version", "email", "github", "twitter", "url", "model_class",
				"prediction_head", "hidden_size")) {
			if (card.get(key) != null) {
				origin.put(key, card.get(key));
			}
		}
		List<Map<String, Object>> dependencies = Yaml.maps(card, "dependencies");
		if (!dependencies.isEmpty()) {
			origin.put("dependencies", dependencies);
		}
		return this.json.writeValueAsString(origin);
	}

	private String links(Map<String, Object> card) {
		Map<String, String> links = new LinkedHashMap<>();
		String url = Yaml.string(card, "url");
		if (url != null && (url.startsWith("http://") || url.startsWith("https://"))) {
			links.put("homepage", url);
		}
		String github = Yaml.string(card, "github");
		if (github != null && github.matches("[A-Za-z0-9-]{1,39}")) {
			links.put("github", "https://github.com/" + github);
		}
		String twitter = Yaml.string(card, "twitter");
		if (twitter != null && twitter.matches("@?[A-Za-z0-9_]{1,15}")) {
			links.put("twitter", "https://twitter.com/" + twitter.replace("@", ""));
		}
		return links.isEmpty() ? null : this.json.writeValueAsString(links);
	}

	/**
	 * The name the upstream URL gives the file, when it is a valid path; else
	 * {@code <file>.zip}.
	 */
	private static String fileName(String url, String file) {
		try {
			String path = URI.create(url).getPath();
			String last = (path == null) ? "" : path.substring(path.lastIndexOf('/') + 1);
			return Identifiers.isFilePath(last) ? last : file + ".zip";
		}
		catch (IllegalArgumentException ex) {
			return file + ".zip";
		}
	}

	/** Ids come from the file content; one real task file has a stray quote in its id. */
	private static String id(Map<String, Object> card, String key) {
		String value = Yaml.string(card, key);
		return (value == null) ? null : value.replace("\"", "").replace("'", "").strip();
	}

	private static String typeFolder(String path) {
		String[] parts = path.split("/");
		return (parts.length >= 3) ? parts[1] : "text_task";
	}

	private static Change<String> change(String value) {
		return new Change<>(blankToNull(value));
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	private static String lower(String value) {
		return (value == null) ? null : value.toLowerCase(Locale.ROOT);
	}

	private static final class Counts {

		int created;

		int updated;

		int unchanged;

		int versionsCreated;

		int versionsUnchanged;

		final List<String> skipped = new ArrayList<>();

	}

}
