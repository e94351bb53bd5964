package dev.plugboard.storage;

import java.time.Instant;

/**
 * Metadata of a stored object.
 *
 * @param key the object key
 * @param size the length in bytes
 * @param lastModified when the object was last written
 */
public record BlobInfo(String key, long size, Instant lastModified) {

}
