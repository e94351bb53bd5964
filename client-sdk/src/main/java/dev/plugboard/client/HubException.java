package dev.plugboard.client;

/**
 * The hub answered with an error: its RFC 9457 problem, or a transport failure
 * ({@code status} 0).
 */
public class HubException extends RuntimeException {

	private final int status;

	private final String type;

	public HubException(int status, String type, String message, Throwable cause) {
		super(message, cause);
		this.status = status;
		this.type = type;
	}

	/** The HTTP status, or 0 when the hub could not be reached. */
	public int status() {
		return this.status;
	}

	/** The problem's type URI, or null. */
	public String type() {
		return this.type;
	}

	/** Whether retrying may help: 5xx, 429 and transport failures. */
	public boolean retryable() {
		return this.status == 0 || this.status == 429 || this.status >= 500;
	}

}
