package dev.plugboard.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.plugboard.runtime.adapters.AdapterFormat;
import dev.plugboard.runtime.adapters.AdapterWeights;
import dev.plugboard.runtime.adapters.BottleneckConfig;
import dev.plugboard.runtime.adapters.BottleneckModule;
import dev.plugboard.runtime.adapters.LoraModule;
import dev.plugboard.runtime.encoder.BertConfig;
import dev.plugboard.runtime.encoder.LayerModule;
import dev.plugboard.runtime.encoder.SublayerPosition;
import dev.plugboard.runtime.weights.HostTensor;

/** Seeded adapters with random (or zero) weights for equivalence tests. */
final class RandomAdapters {

	private RandomAdapters() {
	}

	static AdapterWeights lora(String name, BertConfig base, List<LayerModule> modules, int rank, float alpha,
			boolean zeroB, long seed) {
		Random random = new Random(seed);
		List<LoraModule> loras = new ArrayList<>();
		for (int layer = 0; layer < base.layers(); layer++) {
			for (LayerModule module : modules) {
				String prefix = "encoder.layer." + layer + "." + module.path();
				HostTensor a = tensor(prefix + ".lora_A", random, 0.1f, rank, module.inFeatures(base));
				HostTensor b = zeroB ? tensor(prefix + ".lora_B", random, 0f, module.outFeatures(base), rank)
						: tensor(prefix + ".lora_B", random, 0.1f, module.outFeatures(base), rank);
				loras.add(new LoraModule(layer, module, a, b, alpha / rank));
			}
		}
		return new AdapterWeights(name, AdapterFormat.PEFT, loras, null, List.of(), null);
	}

	static AdapterWeights bottleneck(String name, BertConfig base, BottleneckConfig config, boolean zeroUp, long seed) {
		Random random = new Random(seed);
		List<BottleneckModule> modules = new ArrayList<>();
		int hidden = base.hiddenSize();
		for (int layer = 0; layer < base.layers(); layer++) {
			for (SublayerPosition position : SublayerPosition.values()) {
				if (!config.sitsAt(position, layer)) {
					continue;
				}
				int size = config.bottleneckSize(hidden, layer);
				String prefix = "layer" + layer + "." + position;
				float up = zeroUp ? 0f : 0.05f;
				modules.add(new BottleneckModule(layer, position, tensor(prefix + ".down", random, 0.05f, size, hidden),
						tensor(prefix + ".down_bias", random, 0.05f, size),
						tensor(prefix + ".up", random, up, hidden, size),
						tensor(prefix + ".up_bias", random, up, hidden), null, null, null, null));
			}
		}
		return new AdapterWeights(name, AdapterFormat.ADAPTERHUB, List.of(), config, modules, null);
	}

	static HostTensor tensor(String name, Random random, float std, long... shape) {
		long elements = 1;
		for (long d : shape) {
			elements *= d;
		}
		float[] data = new float[(int) elements];
		for (int i = 0; i < data.length; i++) {
			data[i] = (float) (random.nextGaussian() * std);
		}
		return new HostTensor(name, shape, data);
	}

}
