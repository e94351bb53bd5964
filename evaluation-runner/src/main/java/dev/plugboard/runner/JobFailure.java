package dev.plugboard.runner;

/**
 * A job that cannot be scored. Non-retryable failures (a broken adapter, an adapter for
 * another base model, a head that does not fit the benchmark) end the job at once; others
 * go back to the queue.
 */
public class JobFailure extends RuntimeException {

	private final boolean retryable;

	public JobFailure(String message, boolean retryable, Throwable cause) {
		super(message, cause);
		this.retryable = retryable;
	}

	public boolean retryable() {
		return this.retryable;
	}

}
