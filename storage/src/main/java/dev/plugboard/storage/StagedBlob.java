package dev.plugboard.storage;

/**
 * Content uploaded by {@link BlobStore#stage} and not yet promoted or discarded.
 *
 * @param key the staging object's key, always under {@code staging/}
 * @param sha256 the SHA-256 of the content as 64 lowercase hex digits
 * @param size the content length in bytes
 */
public record StagedBlob(String key, String sha256, long size) {

	/**
	 * Checks the invariants.
	 * @throws IllegalArgumentException if the key is not under {@code staging/}, the
	 * digest is not lowercase hex SHA-256, or the size is negative
	 */
	public StagedBlob {
		Keys.requireStaging(key);
		Keys.requireSha256(sha256);
		if (size < 0) {
			throw new IllegalArgumentException("Negative size: " + size);
		}
	}

}
