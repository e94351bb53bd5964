package dev.plugboard.client;

/**
 * Hears about the bytes of a pull or push as they move, for progress bars. Called from
 * the transferring thread; keep it quick.
 */
public interface TransferListener {

	/** A listener that ignores everything. */
	TransferListener NONE = new TransferListener() {
	};

	/**
	 * A transfer starts.
	 * @param description what moves, e.g. {@code ukp/sst2-lora@1.0.0}
	 * @param totalBytes its size in bytes
	 */
	default void started(String description, long totalBytes) {
	}

	/**
	 * Bytes are done: transferred, or found in the cache or a partial download.
	 * @param bytes how many more bytes
	 */
	default void advanced(long bytes) {
	}

	/** The transfer finished (successfully or not). */
	default void finished() {
	}

}
