package dev.plugboard.runtime.encoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A base model in the Hugging Face layout: {@code config.json},
 * {@code model.safetensors}, {@code tokenizer.json} and, for sentence-transformers
 * models, {@code 1_Pooling/config.json}.
 *
 * @param path the directory
 * @param config the encoder's dimensions
 * @param pooling how sentence embeddings are pooled
 */
public record ModelDirectory(Path path, BertConfig config, Pooling pooling) {

	/** The config file's name. */
	public static final String CONFIG = "config.json";

	/** The weights file's name. */
	public static final String WEIGHTS = "model.safetensors";

	/** The tokenizer file's name. */
	public static final String TOKENIZER = "tokenizer.json";

	/** Opens a model directory, reading its config and pooling. */
	public static ModelDirectory open(Path path) {
		try {
			for (String required : new String[] { CONFIG, WEIGHTS, TOKENIZER }) {
				if (!Files.isRegularFile(path.resolve(required))) {
					throw new IllegalArgumentException("Model directory " + path + " lacks " + required);
				}
			}
			return new ModelDirectory(path, BertConfig.parse(Files.readString(path.resolve(CONFIG))),
					Pooling.readConfig(path));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read model directory " + path, ex);
		}
	}

	/** The weights file. */
	public Path weights() {
		return this.path.resolve(WEIGHTS);
	}

	/** The tokenizer file. */
	public Path tokenizer() {
		return this.path.resolve(TOKENIZER);
	}

}
