package dev.plugboard.runtime.encoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

/**
 * A model's {@code tokenizer.json} through DJL's Hugging Face tokenizers. The file's own
 * padding setting is switched off (the MiniLM file pads to 128), and each batch is padded
 * to its longest text here instead.
 */
public final class TextTokenizer implements AutoCloseable {

	/** Longest input in word pieces, as sentence-transformers truncates MiniLM. */
	public static final int MAX_TOKENS = 256;

	private final HuggingFaceTokenizer tokenizer;

	private TextTokenizer(HuggingFaceTokenizer tokenizer) {
		this.tokenizer = tokenizer;
	}

	/** Loads a {@code tokenizer.json}. */
	public static TextTokenizer load(Path tokenizerJson) {
		try {
			return new TextTokenizer(HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of("padding", "false",
					"truncation", "true", "maxLength", Integer.toString(MAX_TOKENS), "addSpecialTokens", "true")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot load tokenizer " + tokenizerJson, ex);
		}
	}

	/** Tokenizes texts (single sentences) into one right-padded batch. */
	public TokenBatch encode(List<String> texts) {
		return pad(this.tokenizer.batchEncode(texts));
	}

	/**
	 * Tokenizes sentence pairs ({@code [CLS] a [SEP] b [SEP]}, token type 1 for b) into
	 * one right-padded batch; truncation takes from the longer text first.
	 */
	public TokenBatch encodePairs(List<String> first, List<String> second) {
		if (first.size() != second.size()) {
			throw new IllegalArgumentException(first.size() + " first texts but " + second.size() + " second texts");
		}
		return pad(this.tokenizer.batchEncode(new ai.djl.util.PairList<>(first, second)));
	}

	private static TokenBatch pad(Encoding[] encodings) {
		int length = 0;
		for (Encoding encoding : encodings) {
			length = Math.max(length, encoding.getIds().length);
		}
		long[][] ids = new long[encodings.length][length];
		long[][] types = new long[encodings.length][length];
		long[][] mask = new long[encodings.length][length];
		for (int i = 0; i < encodings.length; i++) {
			long[] encodedIds = encodings[i].getIds();
			System.arraycopy(encodedIds, 0, ids[i], 0, encodedIds.length);
			System.arraycopy(encodings[i].getTypeIds(), 0, types[i], 0, encodedIds.length);
			java.util.Arrays.fill(mask[i], 0, encodedIds.length, 1L);
		}
		return new TokenBatch(ids, types, mask);
	}

	@Override
	public void close() {
		this.tokenizer.close();
	}

}
