package dev.plugboard.runtime.encoder;

import java.util.function.UnaryOperator;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.core.Linear;

/**
 * The points where adapters change what a BERT layer computes. The plain encoder uses
 * {@link #NONE}.
 */
public interface EncoderHooks {

	/**
	 * No adapter: plain linear maps, {@code LayerNorm(h + input)} after each sublayer.
	 */
	EncoderHooks NONE = new EncoderHooks() {
	};

	/**
	 * Applies one of the layer's linear modules: {@code x W^T + b} unless an adapter
	 * changes it.
	 */
	default NDArray linear(LayerModule module, int layer, NDArray x, NDArray weight, NDArray bias) {
		return Linear.linear(x, weight, bias).singletonOrThrow();
	}

	/**
	 * Combines a sublayer's output {@code hidden} with the sublayer's input:
	 * {@code layerNorm(hidden + input)} unless an adapter sits there.
	 */
	default NDArray sublayer(SublayerPosition position, int layer, NDArray hidden, NDArray input,
			UnaryOperator<NDArray> layerNorm) {
		return layerNorm.apply(hidden.add(input));
	}

}
