package dev.plugboard.runtime.encoder;

import ai.djl.ndarray.NDArray;

/**
 * A token batch on the encoder's device.
 *
 * @param ids word-piece ids, int64 {@code [batch, seq]}
 * @param typeIds token type ids, int64 {@code [batch, seq]}
 * @param mask attention mask, float32 {@code [batch, seq]}
 */
public record EncoderInput(NDArray ids, NDArray typeIds, NDArray mask) {
}
