package dev.plugboard.registry.adapter.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.plugboard.registry.adapter.Adapter;
import dev.plugboard.registry.adapter.AdapterVersion;
import dev.plugboard.registry.adapter.AuditEntry;
import dev.plugboard.registry.adapter.VersionFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON shapes of the adapter API (snake_case on the wire). */
final class Views {

	private Views() {
	}

	/**
	 * @param repoType {@code adapter} or {@code base_model}
	 * @param baseModelRepo for an adapter whose {@code model_name} is a base-model
	 * repository of this hub, that repository's id (where runners fetch the base model)
	 */
	record AdapterView(String id, String repoType, String namespace, String name, String description, String modelName,
			String baseModelRepo, String modelType, String method, JsonNode adapterConfig, String configId, String type,
			String task, String subtask, List<String> languages, String license, List<String> tags, String author,
			String citation, JsonNode links, long downloads, String source, JsonNode origin, Instant createdAt,
			Instant updatedAt, String latestVersion, Map<String, String> refs, URI url) {

		static AdapterView of(Adapter adapter, Map<String, String> refs, JsonMapper json) {
			return of(adapter, refs, null, json);
		}

		static AdapterView of(Adapter adapter, Map<String, String> refs, String baseModelRepo, JsonMapper json) {
			return new AdapterView(adapter.repositoryId(), adapter.getRepoType().id(), adapter.getNamespace(),
					adapter.getName(), adapter.getDescription(), adapter.getModelName(), baseModelRepo,
					adapter.getModelType(), adapter.getMethod(), tree(json, adapter.getAdapterConfig()),
					adapter.getConfigId(), adapter.getAdapterType(), adapter.getTask(), adapter.getSubtask(),
					List.of(adapter.getLanguages()), adapter.getLicense(), List.of(adapter.getTags()),
					adapter.getAuthor(), adapter.getCitation(), tree(json, adapter.getLinks()), adapter.getDownloads(),
					adapter.getSource(), tree(json, adapter.getOrigin()), adapter.getCreatedAt(),
					adapter.getUpdatedAt(), refs.get("latest"), refs, Links.adapter(adapter));
		}

	}

	record AdapterList(List<AdapterView> items, String nextCursor) {
	}

	/**
	 * @param size null for an external file of unknown size
	 * @param externalUrl where an external file's bytes are (downloads redirect there)
	 * @param convertedFrom the pickle file this safetensors file was converted from
	 */
	record FileView(String path, Long size, String sha256, String sha1, String mediaType, boolean external,
			String externalUrl, String convertedFrom, long downloads, URI downloadUrl) {

		static FileView of(Adapter adapter, AdapterVersion version, VersionFile file) {
			return new FileView(file.getPath(), file.getSize(), file.getSha256(), file.getSha1(), file.getMediaType(),
					file.isExternal(), file.getExternalUrl(), file.getConvertedFrom(), file.getDownloads(),
					Links.file(adapter, version, file));
		}

	}

	/**
	 * @param weights what the weights are: format, method, hyper-parameters, parameter
	 * counts (computed at upload; null for external files)
	 */
	record VersionView(String adapter, String version, String status, boolean yanked, String yankReason,
			Instant yankedAt, Instant createdAt, String contentDigest, String commit, long downloads, List<String> tags,
			String description, Double score, JsonNode weights, long totalSize, List<FileView> files, URI url) {

		static VersionView of(Adapter adapter, AdapterVersion version, List<VersionFile> files,
				Map<String, String> refs, JsonMapper json) {
			List<String> tags = refs.entrySet()
				.stream()
				.filter((ref) -> ref.getValue().equals(version.getVersion()))
				.map(Map.Entry::getKey)
				.toList();
			return new VersionView(adapter.repositoryId(), version.getVersion(), version.getStatus(),
					version.isYanked(), version.getYankReason(), version.getYankedAt(), version.getCreatedAt(),
					version.getContentDigest(), version.commitId(), version.getDownloads(), tags,
					version.getDescription(), version.getScore(), tree(json, version.getWeights()),
					files.stream()
						.map(VersionFile::getSize)
						.filter(java.util.Objects::nonNull)
						.mapToLong(Long::longValue)
						.sum(),
					files.stream().map((file) -> FileView.of(adapter, version, file)).toList(),
					Links.version(adapter, version));
		}

	}

	record Resolved(String reference, String adapter, String version, String resolvedVia, boolean yanked,
			String yankReason, String commit, List<FileView> files) {
	}

	record AuditView(long id, Instant at, String action, Long tokenId, JsonNode detail) {

		static AuditView of(AuditEntry entry, JsonMapper json) {
			return new AuditView(entry.getId(), entry.getAt(), entry.getAction(), entry.getTokenId(),
					tree(json, entry.getDetail()));
		}

	}

	private static JsonNode tree(JsonMapper json, String text) {
		return (text == null) ? null : json.readTree(text);
	}

}
