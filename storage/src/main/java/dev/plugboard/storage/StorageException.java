package dev.plugboard.storage;

/**
 * The object store failed or could not be reached. Wraps the SDK or I/O failure as cause.
 */
public class StorageException extends RuntimeException {

	/**
	 * Creates an exception without a cause.
	 * @param message what went wrong
	 */
	public StorageException(String message) {
		super(message);
	}

	/**
	 * Creates an exception.
	 * @param message what was being done
	 * @param cause the underlying failure, may be {@code null}
	 */
	public StorageException(String message, Throwable cause) {
		super(message, cause);
	}

}
