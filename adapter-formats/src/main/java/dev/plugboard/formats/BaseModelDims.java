package dev.plugboard.formats;

/**
 * What the registry may know about the base model an adapter is for, from its
 * {@code config.json}: enough to check that adapter weights fit it.
 *
 * @param hiddenSize the width of the residual stream ({@code hidden_size},
 * {@code d_model}, {@code n_embd})
 * @param numLayers the number of transformer layers per stack ({@code num_hidden_layers},
 * {@code n_layer}); layer indices must be below it
 * @param intermediateSize the inner width of the feed-forward block
 * ({@code intermediate_size}, {@code d_ff}, {@code n_inner})
 */
public record BaseModelDims(int hiddenSize, int numLayers, int intermediateSize) {

	/**
	 * Checks the dimensions.
	 * @throws IllegalArgumentException if any dimension is not positive
	 */
	public BaseModelDims {
		if (hiddenSize <= 0 || numLayers <= 0 || intermediateSize <= 0) {
			throw new IllegalArgumentException("Base model dimensions must be positive: hiddenSize=" + hiddenSize
					+ ", numLayers=" + numLayers + ", intermediateSize=" + intermediateSize);
		}
	}

}
