package dev.plugboard.registry.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.plugboard.registry.adapter.AdapterVersion;
import dev.plugboard.registry.adapter.VersionFile;

/**
 * A version in the versions table, with the tags that point at it and its files.
 */
record VersionRow(String version, boolean yanked, String yankReason, Instant createdAt, long downloads,
		List<String> tags, long totalSize, List<VersionFile> files) {

	static VersionRow of(AdapterVersion version, List<VersionFile> files, Map<String, String> refs) {
		List<String> tags = refs.entrySet()
			.stream()
			.filter((ref) -> ref.getValue().equals(version.getVersion()))
			.map(Map.Entry::getKey)
			.sorted()
			.toList();
		long total = files.stream().mapToLong((file) -> (file.getSize() != null) ? file.getSize() : 0).sum();
		return new VersionRow(version.getVersion(), version.isYanked(), version.getYankReason(), version.getCreatedAt(),
				version.getDownloads(), tags, total, files);
	}

}
