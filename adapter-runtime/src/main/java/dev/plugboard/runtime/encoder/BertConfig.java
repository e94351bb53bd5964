package dev.plugboard.runtime.encoder;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.plugboard.runtime.weights.HostTensor;

/**
 * The dimensions of a BERT encoder, as a Hugging Face {@code config.json} gives them.
 *
 * @param hiddenSize the width of the token states
 * @param layers the number of transformer layers
 * @param attentionHeads the number of attention heads per layer
 * @param intermediateSize the width of the feed-forward block
 * @param vocabSize the number of word pieces
 * @param maxPositions the number of position embeddings
 * @param typeVocabSize the number of token types
 * @param layerNormEps the LayerNorm epsilon
 */
public record BertConfig(int hiddenSize, int layers, int attentionHeads, int intermediateSize, int vocabSize,
		int maxPositions, int typeVocabSize, float layerNormEps) {

	public BertConfig {
		if (hiddenSize <= 0 || layers <= 0 || attentionHeads <= 0 || hiddenSize % attentionHeads != 0) {
			throw new IllegalArgumentException("Hidden size " + hiddenSize + " must split evenly over " + attentionHeads
					+ " heads, with at least one layer (" + layers + ")");
		}
	}

	/** The width of one attention head. */
	public int headSize() {
		return this.hiddenSize / this.attentionHeads;
	}

	/** Reads a Hugging Face BERT {@code config.json}. */
	public static BertConfig parse(String json) {
		JsonObject config = JsonParser.parseString(json).getAsJsonObject();
		String type = config.has("model_type") ? config.get("model_type").getAsString() : "bert";
		if (!type.equals("bert")) {
			throw new IllegalArgumentException("Model type " + type + " is not supported; only BERT encoders are");
		}
		String activation = config.has("hidden_act") ? config.get("hidden_act").getAsString() : "gelu";
		if (!activation.equals("gelu")) {
			throw new IllegalArgumentException("Activation " + activation + " is not supported; only exact gelu is");
		}
		return new BertConfig(config.get("hidden_size").getAsInt(), config.get("num_hidden_layers").getAsInt(),
				config.get("num_attention_heads").getAsInt(), config.get("intermediate_size").getAsInt(),
				config.get("vocab_size").getAsInt(), config.get("max_position_embeddings").getAsInt(),
				config.has("type_vocab_size") ? config.get("type_vocab_size").getAsInt() : 2,
				config.has("layer_norm_eps") ? config.get("layer_norm_eps").getAsFloat() : 1e-12f);
	}

	/** Derives the dimensions from BERT weights; the head count is not in them. */
	public static BertConfig inferred(Collection<HostTensor> tensors, int attentionHeads) {
		Map<String, HostTensor> byName = byName(tensors);
		long[] words = require(byName, "embeddings.word_embeddings.weight").shape();
		long[] positions = require(byName, "embeddings.position_embeddings.weight").shape();
		long[] types = require(byName, "embeddings.token_type_embeddings.weight").shape();
		int layers = 0;
		while (byName.containsKey("encoder.layer." + layers + ".attention.self.query.weight")) {
			layers++;
		}
		long[] intermediate = require(byName, "encoder.layer.0.intermediate.dense.bias").shape();
		return new BertConfig((int) words[1], layers, attentionHeads, (int) intermediate[0], (int) words[0],
				(int) positions[0], (int) types[0], 1e-12f);
	}

	/** The tensors a {@code BertModel} checkpoint holds, with their shapes. */
	public Map<String, long[]> expectedTensors() {
		Map<String, long[]> expected = new LinkedHashMap<>();
		long h = this.hiddenSize;
		expected.put("embeddings.word_embeddings.weight", new long[] { this.vocabSize, h });
		expected.put("embeddings.position_embeddings.weight", new long[] { this.maxPositions, h });
		expected.put("embeddings.token_type_embeddings.weight", new long[] { this.typeVocabSize, h });
		expected.put("embeddings.LayerNorm.weight", new long[] { h });
		expected.put("embeddings.LayerNorm.bias", new long[] { h });
		for (int layer = 0; layer < this.layers; layer++) {
			for (LayerModule module : LayerModule.values()) {
				expected.put(module.weightName(layer), module.weightShape(this));
				expected.put(module.biasName(layer), new long[] { module.weightShape(this)[0] });
			}
			for (String norm : new String[] { "attention.output.LayerNorm", "output.LayerNorm" }) {
				expected.put("encoder.layer." + layer + "." + norm + ".weight", new long[] { h });
				expected.put("encoder.layer." + layer + "." + norm + ".bias", new long[] { h });
			}
		}
		return expected;
	}

	/**
	 * Checks that the weights hold every tensor this config needs, with the right shape.
	 * @throws IllegalArgumentException naming the first missing or misshapen tensor
	 */
	public void check(Collection<HostTensor> tensors) {
		Map<String, HostTensor> byName = byName(tensors);
		for (Map.Entry<String, long[]> entry : expectedTensors().entrySet()) {
			HostTensor tensor = require(byName, entry.getKey());
			if (!java.util.Arrays.equals(tensor.shape(), entry.getValue())) {
				throw new IllegalArgumentException("Tensor " + entry.getKey() + " has shape " + tensor.shapeText()
						+ ", the config needs " + java.util.Arrays.toString(entry.getValue()));
			}
		}
	}

	/** Writes this config as a Hugging Face {@code config.json}. */
	public String toJson(String nameOrPath) {
		JsonObject config = new JsonObject();
		config.addProperty("_name_or_path", nameOrPath);
		com.google.gson.JsonArray architectures = new com.google.gson.JsonArray();
		architectures.add("BertModel");
		config.add("architectures", architectures);
		config.addProperty("model_type", "bert");
		config.addProperty("hidden_size", this.hiddenSize);
		config.addProperty("num_hidden_layers", this.layers);
		config.addProperty("num_attention_heads", this.attentionHeads);
		config.addProperty("intermediate_size", this.intermediateSize);
		config.addProperty("hidden_act", "gelu");
		config.addProperty("hidden_dropout_prob", 0.1);
		config.addProperty("attention_probs_dropout_prob", 0.1);
		config.addProperty("max_position_embeddings", this.maxPositions);
		config.addProperty("type_vocab_size", this.typeVocabSize);
		config.addProperty("vocab_size", this.vocabSize);
		config.addProperty("layer_norm_eps", this.layerNormEps);
		config.addProperty("pad_token_id", 0);
		config.addProperty("position_embedding_type", "absolute");
		return new GsonBuilder().setPrettyPrinting().create().toJson(config) + "\n";
	}

	private static Map<String, HostTensor> byName(Collection<HostTensor> tensors) {
		Map<String, HostTensor> byName = new LinkedHashMap<>();
		tensors.forEach((tensor) -> byName.put(tensor.name(), tensor));
		return byName;
	}

	private static HostTensor require(Map<String, HostTensor> byName, String name) {
		HostTensor tensor = byName.get(name);
		if (tensor == null) {
			throw new IllegalArgumentException("The weights lack tensor " + name);
		}
		return tensor;
	}

}
