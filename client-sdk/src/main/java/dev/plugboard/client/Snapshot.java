package dev.plugboard.client;

import java.nio.file.Path;

/**
 * A version laid out on disk as its files, named as in the version (hard links into the
 * content cache), under {@code snapshots/<namespace>/<name>/<commit>/}.
 *
 * @param version what was pulled
 * @param directory the files
 * @param downloadedBytes bytes fetched from the hub for this pull (0 when every file was
 * cached)
 * @param offline whether it came from the cache alone (offline mode, or the hub could not
 * be reached)
 */
public record Snapshot(ResolvedVersion version, Path directory, long downloadedBytes, boolean offline) {

	public String repository() {
		return this.version.repository();
	}

}
