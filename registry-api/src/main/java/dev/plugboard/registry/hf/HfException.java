package dev.plugboard.registry.hf;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;

/**
 * A failure that only the Hugging Face API has (a moved branch, a refused repository
 * type), answered in the Hub's error shape.
 */
class HfException extends RuntimeException {

	private final HttpStatus status;

	private final String errorCode;

	HfException(HttpStatus status, String errorCode, String message) {
		super(message);
		this.status = status;
		this.errorCode = errorCode;
	}

	HfException(HttpStatus status, String message) {
		this(status, null, message);
	}

	HttpStatus status() {
		return this.status;
	}

	/** The {@code X-Error-Code} the Hub's clients branch on, or null. */
	String errorCode() {
		return this.errorCode;
	}

	static HfException entryNotFound(String repositoryId, String revision, String path) {
		return new HfException(HttpStatus.NOT_FOUND, "EntryNotFound",
				"Entry not found: " + path + " in " + repositoryId + " at " + revision);
	}

	static HfException badRequest(String message) {
		return new HfException(HttpStatus.BAD_REQUEST, message);
	}

	/**
	 * Reads a request body as JSON.
	 * @throws HfException (400) when it is not JSON
	 */
	static JsonNode json(JsonMapper json, String body) {
		try {
			return json.readTree(body);
		}
		catch (JacksonException ex) {
			throw badRequest("The body is not JSON: " + ex.getOriginalMessage());
		}
	}

}
