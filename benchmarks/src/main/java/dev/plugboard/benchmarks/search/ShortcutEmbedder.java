package dev.plugboard.benchmarks.search;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.plugboard.search.TextEmbedder;

/**
 * The benchmark's honest shortcut: real MiniLM vectors for the catalog's own texts and
 * for queries, and for a generated variant a vector derived from real card vectors,
 * because embedding 100k distinct texts for real would take about an hour on two cores.
 * Two derivations:
 * <ul>
 * <li>{@link Kind#MIX} (the main corpus): the variant's card vector mixed with the real
 * vector of one of the card's {@value #RELATED} most similar other cards (share drawn
 * uniformly from 0 to {@code maxShare}), plus small gaussian noise, renormalised.
 * Variants thus differ from their card along directions in which real cards differ
 * (another dataset, language or base model), as distinct adapters do.</li>
 * <li>{@link Kind#NOISE} (the hard set): the card vector plus isotropic gaussian noise
 * only. Every variant of a card then sits at almost the same distance from every other:
 * hundreds of near-ties with no structure, harder for HNSW than distinct documents.</li>
 * </ul>
 * Texts are resolved in this order: a registered probe (a fixed vector for the recall
 * measurement), a known base text (its cached real vector), a known variant text (derived
 * vector, seeded by the variant's number), else the real model. Every vector returned for
 * a document text is remembered, so the benchmark can compute exact nearest neighbours
 * over exactly what the index was fed.
 */
public final class ShortcutEmbedder implements TextEmbedder {

	/** How a variant's vector is derived from real card vectors. */
	public enum Kind {

		MIX, NOISE

	}

	/** A mixed variant's partner is one of its card's this many most similar cards. */
	static final int RELATED = 20;

	/** The main corpus: at most this share of a related card's vector is mixed in. */
	public static final double MIX_SHARE = 0.5;

	/** The main corpus: small noise per component on top of the mix. */
	public static final double MIX_SIGMA = 0.01;

	private final TextEmbedder real;

	private final Kind kind;

	private final double sigma;

	private final double maxShare;

	/** Base text → its RELATED most similar other base texts; built by prepare(). */
	private volatile Map<String, List<String>> related = Map.of();

	private final Map<String, float[]> baseVectors = new ConcurrentHashMap<>();

	/** Variant text → base text and noise seed. */
	private final Map<String, Variant> variants = new ConcurrentHashMap<>();

	private final Map<String, float[]> probes = new ConcurrentHashMap<>();

	/** Every document vector handed out, by text. */
	private final Map<String, float[]> fed = new ConcurrentHashMap<>();

	private volatile boolean recording = true;

	private final AtomicLong realTexts = new AtomicLong();

	private final AtomicLong realNanos = new AtomicLong();

	private final AtomicLong shortcutNanos = new AtomicLong();

	private final AtomicLong shortcutTexts = new AtomicLong();

	public ShortcutEmbedder(TextEmbedder real, Kind kind, double sigma, double maxShare) {
		this.real = real;
		this.kind = kind;
		this.sigma = sigma;
		this.maxShare = maxShare;
	}

	/** The main corpus's embedder (mixed variants) in front of the real model. */
	public static ShortcutEmbedder mainCorpus(TextEmbedder real) {
		return new ShortcutEmbedder(real, Kind.MIX, MIX_SIGMA, MIX_SHARE);
	}

	/**
	 * Stops remembering the vectors handed out (a hub needs no exact-search copy of its
	 * 100k vectors).
	 * @return this embedder
	 */
	public ShortcutEmbedder withoutRecording() {
		this.recording = false;
		return this;
	}

	/**
	 * Finds each base text's most similar other base texts; call after the putBase()s.
	 */
	public void prepare() {
		List<String> texts = List.copyOf(this.baseVectors.keySet());
		Map<String, List<String>> nearest = new java.util.HashMap<>();
		for (String text : texts) {
			float[] v = this.baseVectors.get(text);
			nearest.put(text, texts.stream()
				.filter((other) -> !other.equals(text))
				.sorted(java.util.Comparator.comparingDouble((String other) -> -dot(v, this.baseVectors.get(other)))
					.thenComparing((other) -> other))
				.limit(RELATED)
				.toList());
		}
		this.related = nearest;
	}

	Kind kind() {
		return this.kind;
	}

	private static double dot(float[] a, float[] b) {
		double dot = 0;
		for (int i = 0; i < a.length; i++) {
			dot += a[i] * b[i];
		}
		return dot;
	}

	public void putBase(String text, float[] vector) {
		this.baseVectors.put(text, vector);
	}

	public void putVariant(String text, String baseText, long seed) {
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

	public long realTexts() {
		return this.realTexts.get();
	}

	public long realNanos() {
		return this.realNanos.get();
	}

	public long shortcutTexts() {
		return this.shortcutTexts.get();
	}

	public long shortcutNanos() {
		return this.shortcutNanos.get();
	}

	public void resetCounters() {
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
				remember(text, out[i]);
				continue;
			}
			Variant variant = this.variants.get(text);
			if (variant != null) {
				out[i] = derive(variant);
				remember(text, out[i]);
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

	private void remember(String text, float[] vector) {
		if (this.recording) {
			this.fed.put(text, vector.clone());
		}
	}

	private float[] derive(Variant variant) {
		float[] base = this.baseVectors.get(variant.baseText());
		if (base == null) {
			throw new IllegalStateException("A variant's base text has no vector");
		}
		SplittableRandom random = new SplittableRandom(variant.seed());
		float[] partner = base;
		double share = 0;
		if (this.kind == Kind.MIX) {
			List<String> candidates = this.related.get(variant.baseText());
			if (candidates == null || candidates.isEmpty()) {
				throw new IllegalStateException("prepare() was not called");
			}
			partner = this.baseVectors.get(candidates.get(random.nextInt(candidates.size())));
			share = random.nextDouble() * this.maxShare;
		}
		float[] vector = new float[base.length];
		double norm = 0;
		for (int i = 0; i < base.length; i++) {
			vector[i] = (float) ((1 - share) * base[i] + share * partner[i] + nextGaussian(random) * this.sigma);
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
