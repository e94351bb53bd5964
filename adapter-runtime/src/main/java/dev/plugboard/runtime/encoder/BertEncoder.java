package dev.plugboard.runtime.encoder;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.LayerNorm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.plugboard.runtime.weights.HostTensor;
import dev.plugboard.runtime.weights.WeightFiles;

/**
 * A BERT encoder computed with DJL NDArrays on the PyTorch engine: embeddings, then per
 * layer multi-head self-attention and a feed-forward block, each closed by a residual
 * connection and LayerNorm, with exact (erf) GELU and padding masks. Weights stay frozen
 * here; adapters change the computation through {@link EncoderHooks}.
 */
public final class BertEncoder implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(BertEncoder.class);

	/** What the Hugging Face export adds to masked attention scores. */
	private static final float MASKED = -3.4028235e38f;

	private final NDManager manager;

	private final BertConfig config;

	private final Pooling pooling;

	private final Map<String, NDArray> weights;

	private BertEncoder(NDManager manager, BertConfig config, Pooling pooling, Map<String, NDArray> weights) {
		this.manager = manager;
		this.config = config;
		this.pooling = pooling;
		this.weights = weights;
	}

	/** Loads a model directory onto a device. */
	public static BertEncoder load(ModelDirectory model, Device device) {
		long started = System.nanoTime();
		Map<String, HostTensor> tensors = WeightFiles.read(model.weights());
		model.config().check(tensors.values());
		NDManager manager = Engine.getEngine(Devices.ENGINE).newBaseManager(device);
		Map<String, NDArray> weights = new LinkedHashMap<>();
		for (String name : model.config().expectedTensors().keySet()) {
			HostTensor tensor = tensors.get(name);
			weights.put(name, manager.create(tensor.data(), new Shape(tensor.shape())));
		}
		logger.info("Loaded {} ({} layers, hidden {}) on {} in {} ms", model.path(), model.config().layers(),
				model.config().hiddenSize(), device, (System.nanoTime() - started) / 1_000_000);
		return new BertEncoder(manager, model.config(), model.pooling(), weights);
	}

	public BertConfig config() {
		return this.config;
	}

	public Pooling pooling() {
		return this.pooling;
	}

	/** The manager owning the base weights; adapters attach their arrays below it. */
	public NDManager manager() {
		return this.manager;
	}

	public Device device() {
		return this.manager.getDevice();
	}

	/** A base weight by its checkpoint name. */
	public NDArray weight(String name) {
		NDArray weight = this.weights.get(name);
		if (weight == null) {
			throw new IllegalArgumentException("The base model has no tensor " + name);
		}
		return weight;
	}

	/**
	 * Replaces a base weight (LoRA merging) and returns the previous array, which the
	 * caller keeps to restore it.
	 */
	public NDArray replaceWeight(String name, NDArray replacement) {
		NDArray previous = weight(name);
		if (!previous.getShape().equals(replacement.getShape())) {
			throw new IllegalArgumentException("Tensor " + name + " has shape " + previous.getShape()
					+ "; the replacement has " + replacement.getShape());
		}
		this.weights.put(name, replacement);
		return previous;
	}

	/** Copies a batch's token arrays onto the device, under {@code scope}. */
	public EncoderInput input(TokenBatch batch, NDManager scope) {
		return new EncoderInput(scope.create(batch.ids()), scope.create(batch.typeIds()),
				scope.create(batch.mask()).toType(DataType.FLOAT32, false));
	}

	/**
	 * Computes {@code last_hidden_state}, {@code [batch, seq, hidden]}. Intermediate
	 * arrays belong to the input's manager.
	 */
	public NDArray forward(EncoderInput input, EncoderHooks hooks) {
		Objects.requireNonNull(hooks, "hooks");
		long batch = input.ids().getShape().get(0);
		long length = input.ids().getShape().get(1);
		if (length > this.config.maxPositions()) {
			throw new IllegalArgumentException("Sequence of " + length + " tokens exceeds the model's "
					+ this.config.maxPositions() + " positions");
		}
		NDManager scope = input.ids().getManager();
		int hidden = this.config.hiddenSize();
		int heads = this.config.attentionHeads();
		int headSize = this.config.headSize();
		NDArray positions = scope.arange(0, length, 1, DataType.INT64);
		NDArray x = embed(input.ids(), "embeddings.word_embeddings.weight")
			.add(embed(positions, "embeddings.position_embeddings.weight"))
			.add(embed(input.typeIds(), "embeddings.token_type_embeddings.weight"));
		x = layerNorm(x, "embeddings.LayerNorm");
		NDArray maskBias = input.mask().neg().add(1f).mul(MASKED).reshape(batch, 1, 1, length);
		float scale = (float) (1.0 / Math.sqrt(headSize));
		for (int layer = 0; layer < this.config.layers(); layer++) {
			NDArray q = heads(apply(hooks, LayerModule.QUERY, layer, x), batch, length, heads, headSize);
			NDArray k = heads(apply(hooks, LayerModule.KEY, layer, x), batch, length, heads, headSize);
			NDArray v = heads(apply(hooks, LayerModule.VALUE, layer, x), batch, length, heads, headSize);
			NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(scale).add(maskBias);
			NDArray context = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(batch, length, hidden);
			NDArray attention = apply(hooks, LayerModule.ATTENTION_OUTPUT, layer, context);
			String prefix = "encoder.layer." + layer + ".";
			x = hooks.sublayer(SublayerPosition.ATTENTION_OUTPUT, layer, attention, x,
					(h) -> layerNorm(h, prefix + "attention.output.LayerNorm"));
			NDArray intermediate = Activation.gelu(apply(hooks, LayerModule.INTERMEDIATE, layer, x));
			NDArray output = apply(hooks, LayerModule.OUTPUT, layer, intermediate);
			x = hooks.sublayer(SublayerPosition.OUTPUT, layer, output, x,
					(h) -> layerNorm(h, prefix + "output.LayerNorm"));
		}
		return x;
	}

	/** Computes pooled sentence embeddings, {@code [batch, hidden]}. */
	public NDArray embed(EncoderInput input, EncoderHooks hooks) {
		return this.pooling.pool(forward(input, hooks), input.mask());
	}

	private NDArray apply(EncoderHooks hooks, LayerModule module, int layer, NDArray x) {
		return hooks.linear(module, layer, x, weight(module.weightName(layer)), weight(module.biasName(layer)));
	}

	private static NDArray heads(NDArray x, long batch, long length, int heads, int headSize) {
		return x.reshape(batch, length, heads, headSize).transpose(0, 2, 1, 3);
	}

	private NDArray embed(NDArray ids, String table) {
		return Embedding.embedding(ids, weight(table), SparseFormat.DENSE).singletonOrThrow();
	}

	private NDArray layerNorm(NDArray x, String prefix) {
		return LayerNorm
			.layerNorm(x, new Shape(this.config.hiddenSize()), weight(prefix + ".weight"), weight(prefix + ".bias"),
					this.config.layerNormEps())
			.singletonOrThrow();
	}

	@Override
	public void close() {
		this.manager.close();
	}

}
