package dev.plugboard.client;

/**
 * Offline mode was asked for something the local cache does not hold: nothing touched the
 * network.
 */
public class NotCachedException extends HubException {

	public NotCachedException(String message) {
		super(0, null, message, null);
	}

	@Override
	public boolean retryable() {
		return false;
	}

}
