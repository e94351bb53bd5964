package dev.plugboard.storage;

import java.util.regex.Pattern;

/**
 * The key layout shared by every {@link BlobStore}.
 */
final class Keys {

	static final String STAGING_PREFIX = "staging/";

	static final String BLOBS_PREFIX = "blobs/sha256/";

	private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

	private Keys() {
	}

	static String requireSha256(String hex) {
		if (hex == null || !SHA256_HEX.matcher(hex).matches()) {
			throw new IllegalArgumentException("Not a lowercase hex SHA-256: " + hex);
		}
		return hex;
	}

	static String requireStaging(String key) {
		// Promote and discard delete their source; refusing other keys keeps a forged
		// StagedBlob from removing published content.
		if (key == null || !key.startsWith(STAGING_PREFIX) || key.length() == STAGING_PREFIX.length()) {
			throw new IllegalArgumentException("Not a staging key: " + key);
		}
		return key;
	}

	static String requireKey(String key) {
		if (key == null || key.isEmpty()) {
			throw new IllegalArgumentException("Object key must not be empty");
		}
		return key;
	}

}
