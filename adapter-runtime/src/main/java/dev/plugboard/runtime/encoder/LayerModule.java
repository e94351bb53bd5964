package dev.plugboard.runtime.encoder;

/**
 * The six linear modules of a BERT layer, named as Hugging Face's {@code BertLayer} names
 * them. Adapters that change linear maps (LoRA) address these.
 */
public enum LayerModule {

	/** {@code attention.self.query}. */
	QUERY("attention.self.query"),
	/** {@code attention.self.key}. */
	KEY("attention.self.key"),
	/** {@code attention.self.value}. */
	VALUE("attention.self.value"),
	/** {@code attention.output.dense}: the attention output projection. */
	ATTENTION_OUTPUT("attention.output.dense"),
	/** {@code intermediate.dense}: the feed-forward up projection. */
	INTERMEDIATE("intermediate.dense"),
	/** {@code output.dense}: the feed-forward down projection. */
	OUTPUT("output.dense");

	private final String path;

	LayerModule(String path) {
		this.path = path;
	}

	/** The module's path within a layer, {@code attention.self.query}. */
	public String path() {
		return this.path;
	}

	/** The weight's name in a {@code BertModel} checkpoint. */
	public String weightName(int layer) {
		return "encoder.layer." + layer + "." + this.path + ".weight";
	}

	/** The bias's name in a {@code BertModel} checkpoint. */
	public String biasName(int layer) {
		return "encoder.layer." + layer + "." + this.path + ".bias";
	}

	/** Input features of this module. */
	public int inFeatures(BertConfig config) {
		return (this == OUTPUT) ? config.intermediateSize() : config.hiddenSize();
	}

	/** Output features of this module. */
	public int outFeatures(BertConfig config) {
		return (this == INTERMEDIATE) ? config.intermediateSize() : config.hiddenSize();
	}

	long[] weightShape(BertConfig config) {
		return new long[] { outFeatures(config), inFeatures(config) };
	}

	/** Finds the module whose path a name ends with, or null. */
	public static LayerModule byPath(String path) {
		for (LayerModule module : values()) {
			if (module.path.equals(path)) {
				return module;
			}
		}
		return null;
	}

}
