package dev.plugboard.search;

import java.util.List;

/**
 * Turns texts into fixed-size vectors whose dot product measures semantic similarity.
 * Implementations are thread-safe.
 */
public interface TextEmbedder extends AutoCloseable {

	/**
	 * Names the model; an index built with one model is never searched with another.
	 * @return the model id, e.g. {@code sentence-transformers/all-MiniLM-L6-v2}
	 */
	String modelId();

	/**
	 * Returns the vector size.
	 * @return the dimension of every vector {@link #embed} returns
	 */
	int dimension();

	/**
	 * Embeds texts, each independently of the others.
	 * @param texts the texts; an empty text is allowed
	 * @return one unit-length vector per text, in order
	 */
	float[][] embed(List<String> texts);

	/**
	 * Releases the model. Idempotent.
	 */
	@Override
	void close();

}
