package dev.plugboard.storage;

/**
 * More bytes arrived than the caller allowed. Nothing of the content is kept.
 */
public class BlobTooLargeException extends StorageException {

	private final long limit;

	/**
	 * Creates an exception.
	 * @param limit the largest accepted size in bytes
	 */
	public BlobTooLargeException(long limit) {
		super("Content exceeds the limit of " + limit + " bytes", null);
		this.limit = limit;
	}

	/**
	 * Returns the limit that was exceeded.
	 * @return the largest accepted size in bytes
	 */
	public long limit() {
		return this.limit;
	}

}
