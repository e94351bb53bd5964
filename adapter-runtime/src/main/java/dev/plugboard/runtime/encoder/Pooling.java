package dev.plugboard.runtime.encoder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * How token states become one sentence embedding, as sentence-transformers records it in
 * {@code 1_Pooling/config.json}.
 */
public enum Pooling {

	/** The average of the token states under the attention mask. */
	MEAN,
	/** The state of the first ({@code [CLS]}) token. */
	CLS;

	static final String CONFIG = "1_Pooling/config.json";

	/**
	 * Pools {@code [batch, seq, hidden]} states to {@code [batch, hidden]}.
	 * @param mask the float attention mask {@code [batch, seq]}
	 */
	public NDArray pool(NDArray states, NDArray mask) {
		if (this == CLS) {
			return states.get(new NDIndex(":, 0, :"));
		}
		NDArray weights = mask.expandDims(-1);
		NDArray sum = states.mul(weights).sum(new int[] { 1 });
		return sum.div(weights.sum(new int[] { 1 }).clip(1e-9f, Float.MAX_VALUE));
	}

	/** Writes the sentence-transformers pooling config into a model directory. */
	public void writeConfig(Path modelDirectory, int hidden) throws IOException {
		JsonObject config = new JsonObject();
		config.addProperty("word_embedding_dimension", hidden);
		config.addProperty("pooling_mode_cls_token", this == CLS);
		config.addProperty("pooling_mode_mean_tokens", this == MEAN);
		config.addProperty("pooling_mode_max_tokens", false);
		config.addProperty("pooling_mode_mean_sqrt_len_tokens", false);
		Path file = modelDirectory.resolve(CONFIG);
		Files.createDirectories(file.getParent());
		Files.writeString(file, config.toString());
	}

	/** Reads the pooling of a model directory; mean pooling when it records none. */
	static Pooling readConfig(Path modelDirectory) throws IOException {
		Path file = modelDirectory.resolve(CONFIG);
		if (!Files.isRegularFile(file)) {
			return MEAN;
		}
		JsonObject config = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
		if (config.has("pooling_mode_cls_token") && config.get("pooling_mode_cls_token").getAsBoolean()) {
			return CLS;
		}
		return MEAN;
	}

}
