package dev.plugboard.runtime.encoder;

/**
 * Token ids of a batch of texts, padded on the right to the longest text of the batch.
 *
 * @param ids word-piece ids, {@code [batch][seq]}
 * @param typeIds token type ids
 * @param mask 1 for real tokens, 0 for padding
 */
public record TokenBatch(long[][] ids, long[][] typeIds, long[][] mask) {

	/** The number of texts. */
	public int size() {
		return this.ids.length;
	}

	/** The padded sequence length. */
	public int length() {
		return (this.ids.length == 0) ? 0 : this.ids[0].length;
	}

	/** The number of real (unpadded) tokens. */
	public long tokens() {
		long tokens = 0;
		for (long[] row : this.mask) {
			for (long m : row) {
				tokens += m;
			}
		}
		return tokens;
	}

}
