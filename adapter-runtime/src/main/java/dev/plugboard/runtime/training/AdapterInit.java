package dev.plugboard.runtime.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.plugboard.runtime.adapters.AdapterFormat;
import dev.plugboard.runtime.adapters.AdapterWeights;
import dev.plugboard.runtime.adapters.BottleneckConfig;
import dev.plugboard.runtime.adapters.BottleneckModule;
import dev.plugboard.runtime.adapters.HeadWeights;
import dev.plugboard.runtime.adapters.LoraModule;
import dev.plugboard.runtime.adapters.Nonlinearity;
import dev.plugboard.runtime.encoder.BertConfig;
import dev.plugboard.runtime.encoder.LayerModule;
import dev.plugboard.runtime.encoder.SublayerPosition;
import dev.plugboard.runtime.weights.HostTensor;

/**
 * Fresh, seeded adapters to train, initialised as the Python libraries do: LoRA's A
 * Kaiming-uniform and B zero (so training starts at the base model), bottleneck weights
 * N(0, 0.02) with zero biases ({@code init_weights="bert"}), and a two-layer tanh head on
 * the {@code [CLS]} state.
 */
public final class AdapterInit {

	private static final float INIT_STD = 0.02f;

	private AdapterInit() {
	}

	/**
	 * A LoRA adapter of rank {@code r} on the given modules of every layer, with a head.
	 */
	public static AdapterWeights lora(String name, BertConfig base, List<LayerModule> modules, int r, float alpha,
			List<String> labels, long seed) {
		Random random = new Random(seed);
		List<LoraModule> loras = new ArrayList<>();
		for (int layer = 0; layer < base.layers(); layer++) {
			for (LayerModule module : modules) {
				int in = module.inFeatures(base);
				// kaiming_uniform_(a=sqrt(5)) on [r, in] draws from U(-1/sqrt(in),
				// 1/sqrt(in)).
				float bound = (float) (1 / Math.sqrt(in));
				String prefix = "encoder.layer." + layer + "." + module.path();
				loras.add(new LoraModule(layer, module, uniform(prefix + ".lora_A", random, bound, r, in),
						zeros(prefix + ".lora_B", module.outFeatures(base), r), alpha / r));
			}
		}
		return new AdapterWeights(name, AdapterFormat.PEFT, loras, null, List.of(), head(name, base, labels, random));
	}

	/** A bottleneck adapter where the config places one, with a head. */
	public static AdapterWeights bottleneck(String name, BertConfig base, BottleneckConfig config, List<String> labels,
			long seed) {
		if (config.lnBefore() || config.lnAfter()) {
			throw new IllegalArgumentException("Training adapters with their own LayerNorms is not supported");
		}
		Random random = new Random(seed);
		List<BottleneckModule> modules = new ArrayList<>();
		int hidden = base.hiddenSize();
		for (int layer = 0; layer < base.layers(); layer++) {
			for (SublayerPosition position : SublayerPosition.values()) {
				if (!config.sitsAt(position, layer)) {
					continue;
				}
				int size = config.bottleneckSize(hidden, layer);
				String prefix = "encoder.layer." + layer + "." + position;
				// mam_adapter (parallel) starts with a zero up-projection: the adapter
				// adds nothing.
				HostTensor up = config.parallel() ? zeros(prefix + ".up", hidden, size)
						: normal(prefix + ".up", random, hidden, size);
				modules.add(new BottleneckModule(layer, position, normal(prefix + ".down", random, size, hidden),
						zeros(prefix + ".down_bias", size), up, zeros(prefix + ".up_bias", hidden), null, null, null,
						null));
			}
		}
		return new AdapterWeights(name, AdapterFormat.ADAPTERHUB, List.of(), config, modules,
				head(name, base, labels, random));
	}

	private static HeadWeights head(String name, BertConfig base, List<String> labels, Random random) {
		int hidden = base.hiddenSize();
		return new HeadWeights(name,
				List.of(normal("head.0", random, hidden, hidden), normal("head.1", random, labels.size(), hidden)),
				List.of(zeros("head.0.bias", hidden), zeros("head.1.bias", labels.size())), Nonlinearity.TANH,
				List.copyOf(labels));
	}

	private static HostTensor uniform(String name, Random random, float bound, long... shape) {
		float[] data = new float[count(shape)];
		for (int i = 0; i < data.length; i++) {
			data[i] = (random.nextFloat() * 2 - 1) * bound;
		}
		return new HostTensor(name, shape, data);
	}

	private static HostTensor normal(String name, Random random, long... shape) {
		float[] data = new float[count(shape)];
		for (int i = 0; i < data.length; i++) {
			data[i] = (float) (random.nextGaussian() * INIT_STD);
		}
		return new HostTensor(name, shape, data);
	}

	private static HostTensor zeros(String name, long... shape) {
		return new HostTensor(name, shape, new float[count(shape)]);
	}

	private static int count(long... shape) {
		long count = 1;
		for (long d : shape) {
			count *= d;
		}
		return Math.toIntExact(count);
	}

}
