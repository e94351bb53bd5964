package dev.plugboard.client;

/**
 * Bytes received are not the ones the hub listed (sha256 or size differ): a transfer was
 * corrupted, or the file changed under its name. Retried like a transport failure.
 */
public class ChecksumMismatchException extends HubException {

	public ChecksumMismatchException(String message) {
		super(0, null, message, null);
	}

}
