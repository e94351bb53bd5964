package dev.plugboard.storage;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Content-addressed object storage. Uploads land under {@code staging/} first and become
 * visible at their content address only once promoted, so a half-written upload can never
 * be mistaken for a published blob.
 * <p>
 * Every method throws {@link StorageException} when the backing store fails.
 */
public interface BlobStore {

	/**
	 * Streams content of unknown length into a new staging object (a key under
	 * {@code staging/}), computing its SHA-256 and size while streaming. The content is
	 * never buffered whole in memory: at most one multipart part of bounded size is held
	 * at a time. The stream is read to its end but not closed.
	 * @param content the bytes to store
	 * @param maxBytes the largest accepted size in bytes
	 * @return the staging object with the digest and size of what was stored
	 * @throws BlobTooLargeException if more than {@code maxBytes} arrive; the staging
	 * object (including any partial multipart upload) has then been removed
	 */
	StagedBlob stage(InputStream content, long maxBytes);

	/**
	 * Makes a staged blob available at its content address {@link #contentKey(String)
	 * contentKey(sha256)} by a server-side copy, skipped when that object already exists,
	 * then deletes the staging object. Idempotent: promoting the same blob again returns
	 * the same key.
	 * @param staged a blob returned by {@link #stage}
	 * @return the content key
	 * @throws BlobNotFoundException if neither the staging object nor the content object
	 * exists
	 */
	String promote(StagedBlob staged);

	/**
	 * Removes a staging object; does nothing if it is already gone.
	 * @param staged a blob returned by {@link #stage}
	 */
	void discard(StagedBlob staged);

	/**
	 * Describes an object.
	 * @param key the object key
	 * @return the object's size and modification time, or empty if there is no such
	 * object
	 */
	Optional<BlobInfo> stat(String key);

	/**
	 * Opens an object for reading. The caller closes the returned stream.
	 * @param key the object key
	 * @param offset the first byte to read, from 0
	 * @param length how many bytes to read; negative means to the end
	 * @return the requested bytes
	 * @throws BlobNotFoundException if there is no such object
	 */
	InputStream read(String key, long offset, long length);

	/**
	 * Deletes an object; does nothing if it does not exist.
	 * @param key the object key
	 */
	void delete(String key);

	/**
	 * Creates a URL that lets anyone holding it GET the object until it expires.
	 * @param key the object key
	 * @param ttl how long the URL stays valid
	 * @param downloadName if not {@code null}, the response carries
	 * {@code Content-Disposition: attachment} with this file name
	 * @return the presigned URL
	 */
	URI presignedGet(String key, Duration ttl, String downloadName);

	/**
	 * Lists the objects whose key starts with a prefix, at any depth.
	 * @param prefix the key prefix; empty for all objects
	 * @return the matching objects in key order
	 */
	List<BlobInfo> list(String prefix);

	/**
	 * Deletes staging objects last modified before a cut-off, the leftovers of uploads
	 * that crashed between {@link #stage} and {@link #promote}. Objects outside
	 * {@code staging/} are never touched.
	 * @param olderThan the cut-off
	 * @return how many staging objects were deleted
	 */
	int sweepStaging(Instant olderThan);

	/**
	 * Returns the content address of a blob:
	 * {@code blobs/sha256/<first 2 hex>/<next 2 hex>/<hex>}.
	 * @param sha256Hex the SHA-256 of the content as 64 lowercase hex digits
	 * @return the object key
	 * @throws IllegalArgumentException if {@code sha256Hex} is not 64 lowercase hex
	 * digits
	 */
	static String contentKey(String sha256Hex) {
		Keys.requireSha256(sha256Hex);
		return Keys.BLOBS_PREFIX + sha256Hex.substring(0, 2) + "/" + sha256Hex.substring(2, 4) + "/" + sha256Hex;
	}

}
