package dev.plugboard.runtime.adapters;

import java.util.List;

/**
 * An adapter in format-neutral form, checked against a base model's dimensions: what
 * {@link AdapterReader} produces and {@link AdapterWriter} writes.
 *
 * @param name the adapter's name
 * @param format the format it was read from or will be written in
 * @param loras its LoRA updates (empty for bottleneck adapters)
 * @param bottleneckConfig its bottleneck config, or null for LoRA
 * @param bottlenecks its bottleneck modules (empty for LoRA)
 * @param head its classification head, or null
 */
public record AdapterWeights(String name, AdapterFormat format, List<LoraModule> loras,
		BottleneckConfig bottleneckConfig, List<BottleneckModule> bottlenecks, HeadWeights head) {

	public AdapterWeights {
		loras = List.copyOf(loras);
		bottlenecks = List.copyOf(bottlenecks);
	}

	/** The same weights under another name. */
	public AdapterWeights withName(String newName) {
		return new AdapterWeights(newName, this.format, this.loras, this.bottleneckConfig, this.bottlenecks, this.head);
	}

	/** The number of parameters the adapter adds, head included. */
	public long parameterCount() {
		long count = 0;
		for (LoraModule lora : this.loras) {
			count += lora.a().data().length + lora.b().data().length;
		}
		for (BottleneckModule module : this.bottlenecks) {
			for (var tensor : java.util.Arrays.asList(module.downWeight(), module.downBias(), module.upWeight(),
					module.upBias(), module.normBeforeWeight(), module.normBeforeBias(), module.normAfterWeight(),
					module.normAfterBias())) {
				count += (tensor == null) ? 0 : tensor.data().length;
			}
		}
		if (this.head != null) {
			for (var tensor : this.head.weights()) {
				count += tensor.data().length;
			}
			for (var tensor : this.head.biases()) {
				count += (tensor == null) ? 0 : tensor.data().length;
			}
		}
		return count;
	}

}
