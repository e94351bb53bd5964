package dev.plugboard.benchmarks.search;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.plugboard.search.TextEmbedder;

/**
 * The benchmark's honest shortcut: real MiniLM vectors for the catalog's own texts and
 * for queries, and for a generated variant the vector of the catalog card it was derived
 * from plus small deterministic gaussian noise, renormalised. Embedding 100k distinct
 * texts for real would take about an hour on two cores.
 * <p>
 * Texts are resolved in this order: a registered probe (a fixed vector for the recall
 * measurement), a known base text (its cached real vector), a known variant text (base
 * vector plus noise seeded by the variant's number), else the real model. Every vector
 * returned for a document text is remembered, so the benchmark can compute exact nearest
 * neighbours over exactly what the index was fed.
 */
final class ShortcutEmbedder implements TextEmbedder {

	private final TextEmbedder real;

	private final double sigma;

	private final Map<String, float[]> baseVectors = new ConcurrentHashMap<>();

	/** Variant text → base text and noise seed. */
	private final Map<String, Variant> variants = new ConcurrentHashMap<>();

	private final Map<String, float[]> probes = new ConcurrentHashMap<>();

	/** Every document vector handed out, by text. */
	private final Map<String, float[]> fed = new ConcurrentHashMap<>();

	private final AtomicLong realTexts = new AtomicLong();

	private final AtomicLong realNanos = new AtomicLong();

	private final AtomicLong shortcutNanos = new AtomicLong();

	private final AtomicLong shortcutTexts = new AtomicLong();

	ShortcutEmbedder(TextEmbedder real, double sigma) {
		this.real = real;
		this.sigma = sigma;
	}

	void putBase(String text, float[] vector) {
		this.baseVectors.put(text, vector);
	}

	void putVariant(String text, String baseText, long seed) {
		this.variants.put(text, new Variant(baseText, seed));
	}

	void putProbe(String text, float[] vector) {
		this.probes.put(text, vector);
	}

	float[] fedVector(String text) {
		return this.fed.get(text);
	}

	void clearFed() {
		this.fed.clear();
	}

	long realTexts() {
		return this.realTexts.get();
	}

	long realNanos() {
		return this.realNanos.get();
	}

	long shortcutTexts() {
		return this.shortcutTexts.get();
	}

	long shortcutNanos() {
		return this.shortcutNanos.get();
	}

	void resetCounters() {
		this.realTexts.set(0);
		this.realNanos.set(0);
		this.shortcutTexts.set(0);
		this.shortcutNanos.set(0);
	}

	@Override
	public String modelId() {
		return this.real.modelId();
	}

	@Override
	public int dimension() {
		return this.real.dimension();
	}

	@Override
	public float[][] embed(List<String> texts) {
		long start = System.nanoTime();
		float[][] out = new float[texts.size()][];
		List<Integer> unknown = new java.util.ArrayList<>();
		for (int i = 0; i < texts.size(); i++) {
			String text = texts.get(i);
			float[] probe = this.probes.get(text);
			if (probe != null) {
				out[i] = probe.clone();
				continue;
			}
			float[] base = this.baseVectors.get(text);
			if (base != null) {
				out[i] = base.clone();
				this.fed.put(text, out[i].clone());
				continue;
			}
			Variant variant = this.variants.get(text);
			if (variant != null) {
				out[i] = noisy(this.baseVectors.get(variant.baseText()), variant.seed());
				this.fed.put(text, out[i].clone());
				continue;
			}
			unknown.add(i);
		}
		this.shortcutTexts.addAndGet(texts.size() - unknown.size());
		long middle = System.nanoTime();
		this.shortcutNanos.addAndGet(middle - start);
		if (!unknown.isEmpty()) {
			float[][] vectors = this.real.embed(unknown.stream().map(texts::get).toList());
			for (int j = 0; j < vectors.length; j++) {
				out[unknown.get(j)] = vectors[j];
			}
			this.realTexts.addAndGet(unknown.size());
			this.realNanos.addAndGet(System.nanoTime() - middle);
		}
		return out;
	}

	private float[] noisy(float[] base, long seed) {
		if (base == null) {
			throw new IllegalStateException("A variant's base text has no vector");
		}
		SplittableRandom random = new SplittableRandom(seed);
		float[] vector = new float[base.length];
		double norm = 0;
		for (int i = 0; i < base.length; i++) {
			vector[i] = (float) (base[i] + nextGaussian(random) * this.sigma);
			norm += vector[i] * vector[i];
		}
		float scale = (float) (1 / Math.sqrt(norm));
		for (int i = 0; i < vector.length; i++) {
			vector[i] *= scale;
		}
		return vector;
	}

	private static double nextGaussian(SplittableRandom random) {
		double u = 1 - random.nextDouble();
		double v = random.nextDouble();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}

	@Override
	public void close() {
		// the real embedder is closed by its owner
	}

	private record Variant(String baseText, long seed) {
	}

}
