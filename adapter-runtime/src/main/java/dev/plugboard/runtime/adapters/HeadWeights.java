package dev.plugboard.runtime.adapters;

import java.util.List;

import dev.plugboard.runtime.weights.HostTensor;

/**
 * A sequence-classification head: linear layers with an activation between them, read
 * from the {@code [CLS]} token's final state. A PEFT classifier over BERT's pooler is the
 * two-layer case with {@code tanh}.
 *
 * @param name the head's name
 * @param weights the linear weights, first to last, {@code [out, in]}
 * @param biases their biases (null where a layer has none)
 * @param activation the activation between layers
 * @param labels the label of each output index
 */
public record HeadWeights(String name, List<HostTensor> weights, List<HostTensor> biases, Nonlinearity activation,
		List<String> labels) {

	/** The number of classes. */
	public int classes() {
		return (int) this.weights.get(this.weights.size() - 1).shape()[0];
	}

}
