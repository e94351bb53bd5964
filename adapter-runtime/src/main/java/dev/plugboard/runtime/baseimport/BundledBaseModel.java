package dev.plugboard.runtime.baseimport;

import dev.plugboard.runtime.encoder.Pooling;

/**
 * The base models whose ONNX exports ship in Maven Central jars on this module's
 * classpath, with the Hugging Face repository each one is, how it pools, and its number
 * of attention heads (which the weights alone do not tell).
 */
public enum BundledBaseModel {

	/** sentence-transformers/all-MiniLM-L6-v2: 6 layers, hidden 384, mean pooling. */
	ALL_MINILM_L6_V2("sentence-transformers/all-MiniLM-L6-v2", "all-minilm-l6-v2.onnx",
			"all-minilm-l6-v2-tokenizer.json", 12, Pooling.MEAN),

	/** BAAI/bge-small-en-v1.5: 12 layers, hidden 384, CLS pooling. */
	BGE_SMALL_EN_V15("BAAI/bge-small-en-v1.5", "bge-small-en-v1.5.onnx", "bge-small-en-v1.5-tokenizer.json", 12,
			Pooling.CLS);

	private final String repository;

	private final String onnxResource;

	private final String tokenizerResource;

	private final int attentionHeads;

	private final Pooling pooling;

	BundledBaseModel(String repository, String onnxResource, String tokenizerResource, int attentionHeads,
			Pooling pooling) {
		this.repository = repository;
		this.onnxResource = onnxResource;
		this.tokenizerResource = tokenizerResource;
		this.attentionHeads = attentionHeads;
		this.pooling = pooling;
	}

	/** The Hugging Face repository id, {@code sentence-transformers/all-MiniLM-L6-v2}. */
	public String repository() {
		return this.repository;
	}

	/** The classpath resource holding the ONNX export. */
	public String onnxResource() {
		return this.onnxResource;
	}

	/** The classpath resource holding {@code tokenizer.json}. */
	public String tokenizerResource() {
		return this.tokenizerResource;
	}

	int attentionHeads() {
		return this.attentionHeads;
	}

	/** How the model turns token states into one sentence embedding. */
	public Pooling pooling() {
		return this.pooling;
	}

	/** Finds a bundled model by its repository id, ignoring case. */
	public static BundledBaseModel byRepository(String repository) {
		for (BundledBaseModel model : values()) {
			if (model.repository.equalsIgnoreCase(repository)) {
				return model;
			}
		}
		throw new IllegalArgumentException("No bundled base model " + repository + "; bundled are "
				+ java.util.Arrays.stream(values()).map(BundledBaseModel::repository).toList());
	}

}
