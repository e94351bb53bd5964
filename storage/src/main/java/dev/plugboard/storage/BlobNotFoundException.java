package dev.plugboard.storage;

/**
 * The requested object does not exist.
 */
public class BlobNotFoundException extends StorageException {

	private final String key;

	/**
	 * Creates an exception without a cause.
	 * @param key the missing object's key
	 */
	public BlobNotFoundException(String key) {
		this(key, null);
	}

	/**
	 * Creates an exception.
	 * @param key the missing object's key
	 * @param cause the underlying failure, may be {@code null}
	 */
	public BlobNotFoundException(String key, Throwable cause) {
		super("No object at " + key, cause);
		this.key = key;
	}

	/**
	 * Returns the missing object's key.
	 * @return the key
	 */
	public String key() {
		return this.key;
	}

}
