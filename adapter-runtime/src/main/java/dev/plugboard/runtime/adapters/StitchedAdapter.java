package dev.plugboard.runtime.adapters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;

import dev.plugboard.runtime.encoder.BertEncoder;
import dev.plugboard.runtime.encoder.EncoderHooks;
import dev.plugboard.runtime.encoder.LayerModule;
import dev.plugboard.runtime.encoder.SublayerPosition;
import dev.plugboard.runtime.weights.HostTensor;

/**
 * An adapter's weights on the encoder's device, applied through {@link EncoderHooks}. A
 * LoRA adapter can be merged into the base weights and unmerged again; unmerging restores
 * the exact original arrays.
 */
public final class StitchedAdapter implements EncoderHooks, AutoCloseable {

	/** nn.LayerNorm's default epsilon, used by the adapters' own LayerNorms. */
	private static final float ADAPTER_NORM_EPS = 1e-5f;

	private final AdapterWeights weights;

	private final BertEncoder encoder;

	private final NDManager manager;

	private final Map<String, DeviceLora> loras = new LinkedHashMap<>();

	private final Map<String, DeviceBottleneck> bottlenecks = new LinkedHashMap<>();

	private final List<NDArray> headWeights = new ArrayList<>();

	private final List<NDArray> headBiases = new ArrayList<>();

	private final Map<String, NDArray> originals = new LinkedHashMap<>();

	private StitchedAdapter(AdapterWeights weights, BertEncoder encoder) {
		this.weights = weights;
		this.encoder = encoder;
		this.manager = encoder.manager().newSubManager();
		for (LoraModule lora : weights.loras()) {
			this.loras.put(key(lora.layer(), lora.module()),
					new DeviceLora(lora, array(lora.a()), array(lora.b()), lora.scaling()));
		}
		for (BottleneckModule module : weights.bottlenecks()) {
			this.bottlenecks.put(key(module.layer(), module.position()),
					new DeviceBottleneck(array(module.downWeight()), array(module.downBias()), array(module.upWeight()),
							array(module.upBias()), array(module.normBeforeWeight()), array(module.normBeforeBias()),
							array(module.normAfterWeight()), array(module.normAfterBias())));
		}
		if (weights.head() != null) {
			weights.head().weights().forEach((w) -> this.headWeights.add(array(w)));
			weights.head().biases().forEach((b) -> this.headBiases.add(array(b)));
		}
	}

	/** Copies an adapter's weights onto the encoder's device. */
	public static StitchedAdapter attach(BertEncoder encoder, AdapterWeights weights) {
		return new StitchedAdapter(weights, encoder);
	}

	public AdapterWeights weights() {
		return this.weights;
	}

	public String name() {
		return this.weights.name();
	}

	/** Whether the LoRA updates are currently merged into the base weights. */
	public boolean merged() {
		return !this.originals.isEmpty();
	}

	@Override
	public NDArray linear(LayerModule module, int layer, NDArray x, NDArray weight, NDArray bias) {
		NDArray base = Linear.linear(x, weight, bias).singletonOrThrow();
		DeviceLora lora = this.loras.get(key(layer, module));
		if (lora == null || merged()) {
			return base;
		}
		NDArray update = Linear.linear(Linear.linear(x, lora.a()).singletonOrThrow(), lora.b()).singletonOrThrow();
		return base.add(update.mul(lora.scaling()));
	}

	@Override
	public NDArray sublayer(SublayerPosition position, int layer, NDArray hidden, NDArray input,
			UnaryOperator<NDArray> layerNorm) {
		DeviceBottleneck adapter = this.bottlenecks.get(key(layer, position));
		if (adapter == null) {
			return layerNorm.apply(hidden.add(input));
		}
		BottleneckConfig config = this.weights.bottleneckConfig();
		if (config.parallel()) {
			NDArray out = adapterOutput(adapter, config, input);
			out = out.add(hidden);
			return config.originalLnAfter() ? layerNorm.apply(out.add(input)) : out;
		}
		NDArray residual = (config.residual() == BottleneckConfig.Residual.SUBLAYER_OUTPUT) ? hidden : null;
		NDArray adapterInput = hidden;
		if (config.originalLnBefore()) {
			NDArray sum = hidden.add(input);
			if (config.residual() == BottleneckConfig.Residual.POST_ADD) {
				residual = sum;
			}
			adapterInput = layerNorm.apply(sum);
		}
		if (config.residual() == BottleneckConfig.Residual.ADAPTER_INPUT) {
			residual = adapterInput;
		}
		NDArray out = adapterOutput(adapter, config, adapterInput);
		if (config.adapterResidualBeforeLn()) {
			out = out.add(residual);
		}
		if (config.lnAfter()) {
			out = norm(out, adapter.normAfterWeight(), adapter.normAfterBias());
		}
		if (!config.adapterResidualBeforeLn()) {
			out = out.add(residual);
		}
		return config.originalLnAfter() ? layerNorm.apply(out.add(input)) : out;
	}

	/**
	 * {@code scaling · up(act(down(LN_before?(z))))}, plus the parallel adapter's
	 * LN_after.
	 */
	private NDArray adapterOutput(DeviceBottleneck adapter, BottleneckConfig config, NDArray z) {
		NDArray in = config.lnBefore() ? norm(z, adapter.normBeforeWeight(), adapter.normBeforeBias()) : z;
		NDArray down = config.nonLinearity()
			.apply(Linear.linear(in, adapter.downWeight(), adapter.downBias()).singletonOrThrow());
		NDArray up = Linear.linear(down, adapter.upWeight(), adapter.upBias()).singletonOrThrow().mul(config.scaling());
		if (config.parallel() && config.lnAfter()) {
			up = norm(up, adapter.normAfterWeight(), adapter.normAfterBias());
		}
		return up;
	}

	private NDArray norm(NDArray x, NDArray weight, NDArray bias) {
		return LayerNorm.layerNorm(x, new Shape(weight.getShape().get(0)), weight, bias, ADAPTER_NORM_EPS)
			.singletonOrThrow();
	}

	/** Whether the adapter carries a classification head. */
	public boolean hasHead() {
		return !this.headWeights.isEmpty();
	}

	/** Classification logits from the final token states, {@code [batch, classes]}. */
	public NDArray logits(NDArray states) {
		if (!hasHead()) {
			throw new IllegalStateException("Adapter " + name() + " has no prediction head");
		}
		NDArray x = states.get(new NDIndex(":, 0, :"));
		for (int i = 0; i < this.headWeights.size(); i++) {
			NDArray bias = this.headBiases.get(i);
			x = (bias == null) ? Linear.linear(x, this.headWeights.get(i)).singletonOrThrow()
					: Linear.linear(x, this.headWeights.get(i), bias).singletonOrThrow();
			if (i < this.headWeights.size() - 1) {
				x = this.weights.head().activation().apply(x);
			}
		}
		return x;
	}

	/**
	 * Merges the LoRA updates into the base weights, {@code W ← W + scaling · B A}; the
	 * hooks then add nothing, and inference costs what the base model costs.
	 */
	public void merge() {
		if (merged()) {
			return;
		}
		if (this.loras.isEmpty()) {
			throw new IllegalStateException("Adapter " + name() + " has no LoRA updates to merge");
		}
		for (DeviceLora lora : this.loras.values()) {
			String name = lora.module().module().weightName(lora.module().layer());
			NDArray weight = this.encoder.weight(name);
			NDArray merged;
			try (NDArray delta = lora.b().matMul(lora.a()).muli(lora.scaling())) {
				// The sum belongs to the base weight's manager, like the array it
				// replaces.
				merged = weight.add(delta);
			}
			this.originals.put(name, this.encoder.replaceWeight(name, merged));
		}
	}

	/** Restores the base weights exactly as they were before {@link #merge()}. */
	public void unmerge() {
		for (Map.Entry<String, NDArray> original : this.originals.entrySet()) {
			this.encoder.replaceWeight(original.getKey(), original.getValue()).close();
		}
		this.originals.clear();
	}

	/** The adapter's trainable arrays (its modules and its head). */
	public List<NDArray> parameters() {
		List<NDArray> parameters = new ArrayList<>();
		for (DeviceLora lora : this.loras.values()) {
			parameters.add(lora.a());
			parameters.add(lora.b());
		}
		for (DeviceBottleneck adapter : this.bottlenecks.values()) {
			for (NDArray array : adapter.arrays()) {
				if (array != null) {
					parameters.add(array);
				}
			}
		}
		parameters.addAll(this.headWeights);
		this.headBiases.stream().filter(java.util.Objects::nonNull).forEach(parameters::add);
		return parameters;
	}

	/** Copies the (possibly trained) device arrays back into host tensors. */
	public AdapterWeights snapshot() {
		List<LoraModule> loraModules = new ArrayList<>();
		for (DeviceLora lora : this.loras.values()) {
			LoraModule m = lora.module();
			loraModules
				.add(new LoraModule(m.layer(), m.module(), host(m.a(), lora.a()), host(m.b(), lora.b()), m.scaling()));
		}
		List<BottleneckModule> bottleneckModules = new ArrayList<>();
		for (BottleneckModule m : this.weights.bottlenecks()) {
			DeviceBottleneck d = this.bottlenecks.get(key(m.layer(), m.position()));
			bottleneckModules.add(new BottleneckModule(m.layer(), m.position(), host(m.downWeight(), d.downWeight()),
					host(m.downBias(), d.downBias()), host(m.upWeight(), d.upWeight()), host(m.upBias(), d.upBias()),
					host(m.normBeforeWeight(), d.normBeforeWeight()), host(m.normBeforeBias(), d.normBeforeBias()),
					host(m.normAfterWeight(), d.normAfterWeight()), host(m.normAfterBias(), d.normAfterBias())));
		}
		HeadWeights head = null;
		if (this.weights.head() != null) {
			HeadWeights h = this.weights.head();
			List<HostTensor> w = new ArrayList<>();
			List<HostTensor> b = new ArrayList<>();
			for (int i = 0; i < h.weights().size(); i++) {
				w.add(host(h.weights().get(i), this.headWeights.get(i)));
				b.add(host(h.biases().get(i), this.headBiases.get(i)));
			}
			head = new HeadWeights(h.name(), w, b, h.activation(), h.labels());
		}
		return new AdapterWeights(this.weights.name(), this.weights.format(), loraModules,
				this.weights.bottleneckConfig(), bottleneckModules, head);
	}

	private static HostTensor host(HostTensor like, NDArray array) {
		return (like == null) ? null : new HostTensor(like.name(), like.shape(), array.toFloatArray());
	}

	private NDArray array(HostTensor tensor) {
		return (tensor == null) ? null : this.manager.create(tensor.data(), new Shape(tensor.shape()));
	}

	private static String key(int layer, Object where) {
		return layer + "|" + where;
	}

	@Override
	public void close() {
		unmerge();
		this.manager.close();
	}

	private record DeviceLora(LoraModule module, NDArray a, NDArray b, float scaling) {
	}

	private record DeviceBottleneck(NDArray downWeight, NDArray downBias, NDArray upWeight, NDArray upBias,
			NDArray normBeforeWeight, NDArray normBeforeBias, NDArray normAfterWeight, NDArray normAfterBias) {

		List<NDArray> arrays() {
			return java.util.Arrays.asList(this.downWeight, this.downBias, this.upWeight, this.upBias,
					this.normBeforeWeight, this.normBeforeBias, this.normAfterWeight, this.normAfterBias);
		}

	}

}
