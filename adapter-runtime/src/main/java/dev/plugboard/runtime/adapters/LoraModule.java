package dev.plugboard.runtime.adapters;

import dev.plugboard.runtime.encoder.LayerModule;
import dev.plugboard.runtime.weights.HostTensor;

/**
 * One low-rank update {@code ΔW = scaling · B A} of a base linear module.
 *
 * @param layer the layer index
 * @param module the linear module
 * @param a the down projection, {@code [r, in]}
 * @param b the up projection, {@code [out, r]}
 * @param scaling {@code alpha / r}, or {@code alpha / sqrt(r)} for rsLoRA
 */
public record LoraModule(int layer, LayerModule module, HostTensor a, HostTensor b, float scaling) {

	/** The rank. */
	public int rank() {
		return (int) this.a.shape()[0];
	}

}
