package dev.plugboard.search;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Embedders for tests: the real model, loaded once per test JVM and shared by all test
 * classes (closed at exit), and a fast bag-of-words stand-in with a configurable model
 * id.
 */
final class TestEmbedders {

	private TestEmbedders() {
	}

	static MiniLmEmbedder miniLm() {
		return Holder.INSTANCE;
	}

	/**
	 * The real model behind a memo of every text it embedded: the contract tests index
	 * the same fixtures before each test, and embedding them again would only cost time.
	 */
	static TextEmbedder memoizedMiniLm() {
		return Holder.MEMOIZED;
	}

	private static final class Holder {

		static final MiniLmEmbedder INSTANCE = MiniLmEmbedder.load();

		static final TextEmbedder MEMOIZED = new Memoizing(INSTANCE);

		static {
			Runtime.getRuntime().addShutdownHook(new Thread(INSTANCE::close));
		}

	}

	private static final class Memoizing implements TextEmbedder {

		private final TextEmbedder delegate;

		private final Map<String, float[]> memo = new ConcurrentHashMap<>();

		Memoizing(TextEmbedder delegate) {
			this.delegate = delegate;
		}

		@Override
		public String modelId() {
			return this.delegate.modelId();
		}

		@Override
		public int dimension() {
			return this.delegate.dimension();
		}

		@Override
		public float[][] embed(List<String> texts) {
			List<String> missing = texts.stream().filter((t) -> !this.memo.containsKey(t)).distinct().toList();
			if (!missing.isEmpty()) {
				float[][] vectors = this.delegate.embed(missing);
				for (int i = 0; i < missing.size(); i++) {
					this.memo.put(missing.get(i), vectors[i]);
				}
			}
			return texts.stream().map((t) -> this.memo.get(t).clone()).toArray(float[][]::new);
		}

		@Override
		public void close() {
		}

	}

	/**
	 * Hashes lower-cased words into a vector: texts sharing words are similar.
	 * Deterministic and instant.
	 */
	static final class WordHashEmbedder implements TextEmbedder {

		private final String modelId;

		private final int dimension;

		WordHashEmbedder(String modelId, int dimension) {
			this.modelId = modelId;
			this.dimension = dimension;
		}

		@Override
		public String modelId() {
			return this.modelId;
		}

		@Override
		public int dimension() {
			return this.dimension;
		}

		@Override
		public float[][] embed(List<String> texts) {
			float[][] vectors = new float[texts.size()][];
			for (int i = 0; i < texts.size(); i++) {
				float[] vector = new float[this.dimension];
				vector[0] = 1e-3f;
				for (String word : texts.get(i).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
					if (!word.isEmpty()) {
						int hash = java.util.Arrays.hashCode(word.getBytes(StandardCharsets.UTF_8));
						vector[Math.floorMod(hash, this.dimension)] += 1;
					}
				}
				vectors[i] = Vectors.normalize(vector);
			}
			return vectors;
		}

		@Override
		public void close() {
		}

	}

}
