package dev.plugboard.runtime.adapters;

import dev.plugboard.runtime.encoder.SublayerPosition;
import dev.plugboard.runtime.weights.HostTensor;

/**
 * One bottleneck adapter at one position of one layer.
 *
 * @param layer the layer index
 * @param position after the attention or after the feed-forward block
 * @param downWeight {@code [bottleneck, hidden]}
 * @param downBias {@code [bottleneck]}
 * @param upWeight {@code [hidden, bottleneck]}
 * @param upBias {@code [hidden]}
 * @param normBeforeWeight the new input LayerNorm's weight, or null
 * @param normBeforeBias its bias, or null
 * @param normAfterWeight the new output LayerNorm's weight, or null
 * @param normAfterBias its bias, or null
 */
public record BottleneckModule(int layer, SublayerPosition position, HostTensor downWeight, HostTensor downBias,
		HostTensor upWeight, HostTensor upBias, HostTensor normBeforeWeight, HostTensor normBeforeBias,
		HostTensor normAfterWeight, HostTensor normAfterBias) {
}
