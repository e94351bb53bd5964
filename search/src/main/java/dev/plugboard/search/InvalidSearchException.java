package dev.plugboard.search;

/**
 * Thrown when a search request is not acceptable: a limit outside 1 to 100, text longer
 * than 1024 characters, or a cursor that was altered or belongs to another query. The
 * message says which, in words fit for an API client.
 */
public class InvalidSearchException extends RuntimeException {

	public InvalidSearchException(String message) {
		super(message);
	}

}
