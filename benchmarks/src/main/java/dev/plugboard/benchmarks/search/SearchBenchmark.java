package dev.plugboard.benchmarks.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.plugboard.search.AdapterDocument;
import dev.plugboard.search.AdapterHubCatalog;
import dev.plugboard.search.EmbeddingText;
import dev.plugboard.search.LuceneAdapterIndex;
import dev.plugboard.search.MiniLmEmbedder;
import dev.plugboard.search.SearchFilters;
import dev.plugboard.search.SearchHit;
import dev.plugboard.search.SearchMode;
import dev.plugboard.search.SearchQuery;
import dev.plugboard.search.SearchResult;
import dev.plugboard.search.SortOrder;

/**
 * Search benchmark: MiniLM embedding throughput on the AdapterHub catalog, index build
 * time at 100,000 repositories (catalog cards plus generated variants whose vectors are
 * derived from their card's real vector, see {@link ShortcutEmbedder}), query latency per
 * mode, and HNSW recall@10 against exact search. Prints a Markdown report and writes it
 * to {@code plugboard.search-bench.results}.
 */
public final class SearchBenchmark {

	/**
	 * The index embeds documents in batches of this size
	 * (LuceneAdapterIndex.EMBED_BATCH).
	 */
	private static final int INDEX_EMBED_BATCH = 64;

	/** The hard set: isotropic noise per component around the card's vector. */
	private static final double NOISE_SIGMA = 0.02;

	private static final double MIX_SHARE = ShortcutEmbedder.MIX_SHARE;

	private static final double MIX_SIGMA = ShortcutEmbedder.MIX_SIGMA;

	private static final double HYBRID_P99_TARGET_MS = 25;

	private static final double RECALL_TARGET = 0.95;

	private final Path sharedData;

	private final Path results;

	private final int documentCount;

	private final int queries;

	private final int warmupQueries;

	private final int recallQueries;

	private final StringBuilder report = new StringBuilder();

	SearchBenchmark() {
		this.sharedData = Path.of(System.getProperty("plugboard.shared-data", "../shared/data"));
		this.results = Path.of(System.getProperty("plugboard.search-bench.results", "results/search-latest.md"));
		this.documentCount = Integer.getInteger("plugboard.search-bench.documents", 100_000);
		this.queries = Integer.getInteger("plugboard.search-bench.queries", 400);
		this.warmupQueries = Integer.getInteger("plugboard.search-bench.warmup-queries", 100);
		this.recallQueries = Integer.getInteger("plugboard.search-bench.recall-queries", 200);
	}

	public static void main(String[] args) throws Exception {
		new SearchBenchmark().run();
	}

	/** The exact text the index embeds, so variants map to their card's text. */
	private String compose(AdapterDocument document) {
		return EmbeddingText.compose(document);
	}

	private void run() throws Exception {
		long runStart = System.nanoTime();
		List<AdapterDocument> catalog = AdapterHubCatalog.load(this.sharedData.resolve("adapterhub-catalog"));
		List<String> devQueries = VariantCorpus.devQueries(this.sharedData.resolve("search-dev-queries.jsonl"));
		line("# Search benchmark");
		line("");
		line("Run at " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " on "
				+ Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version() + ", heap max "
				+ Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB; load average at start: " + loadAverage()
				+ ".");
		line("");
		Path directory = Files.createTempDirectory("plugboard-search-bench");
		long loadStart = System.nanoTime();
		MiniLmEmbedder model = MiniLmEmbedder.load();
		double loadMs = ms(System.nanoTime() - loadStart);
		ShortcutEmbedder embedder = ShortcutEmbedder.mainCorpus(model);
		ShortcutEmbedder hard = new ShortcutEmbedder(model, ShortcutEmbedder.Kind.NOISE, NOISE_SIGMA, 0);
		LuceneAdapterIndex index = null;
		try {
			double throughput = embeddingThroughput(model, List.of(embedder, hard), catalog, loadMs);
			progress("Generating " + this.documentCount + " documents");
			VariantCorpus corpus = VariantCorpus.generate(catalog, this.documentCount, List.of(embedder, hard));
			this.catalogModels = corpus.models();
			List<AdapterDocument> documents = corpus.documents();
			index = LuceneAdapterIndex.open(directory.resolve("index"), embedder);
			build(index, embedder, documents, directory, throughput);
			String[] ids = new String[documents.size()];
			float[][] vectors = new float[documents.size()][];
			for (int i = 0; i < documents.size(); i++) {
				ids[i] = documents.get(i).id();
				vectors[i] = embedder.fedVector(compose(documents.get(i)));
				if (vectors[i] == null) {
					throw new IllegalStateException("No vector was fed for " + ids[i]);
				}
			}
			embedder.clearFed();
			latency(index, embedder, catalog, documents, devQueries);
			recall(index, model, embedder, devQueries, catalog, ids, vectors,
					"## 4. kNN recall@10, HNSW vs exact, main corpus (dot product over all " + vectors.length
							+ " fed vectors)");
			index.close();
			index = null;
			if (Boolean.parseBoolean(System.getProperty("plugboard.search-bench.hard-recall", "true"))) {
				hardRecall(model, hard, documents, directory, devQueries, catalog);
			}
		}
		finally {
			if (index != null) {
				index.close();
			}
			model.close();
			deleteRecursively(directory);
		}
		line("");
		line(String.format(Locale.ROOT, "Total run time of the benchmark JVM: %.1f s. Temp index directory %s removed.",
				(System.nanoTime() - runStart) / 1e9, directory));
		Files.createDirectories(this.results.toAbsolutePath().getParent());
		Files.writeString(this.results, this.report.toString());
		System.out.println();
		System.out.println(this.report);
		System.out.println("Written to " + this.results.toAbsolutePath().normalize());
	}

	// 1. Embedding throughput

	private double embeddingThroughput(MiniLmEmbedder model, List<ShortcutEmbedder> embedders,
			List<AdapterDocument> catalog, double loadMs) {
		progress("Embedding the catalog's texts with MiniLM");
		List<String> texts = VariantCorpus.baseTexts(catalog);
		model.embed(texts.subList(0, Math.min(16, texts.size()))); // warm-up
		double[] rates = new double[2];
		long pieces = texts.stream().mapToLong((t) -> t.split("\\s+").length).sum();
		float[][] vectors = null;
		double[] seconds = new double[rates.length];
		for (int run = 0; run < rates.length; run++) {
			long start = System.nanoTime();
			vectors = new float[texts.size()][];
			for (int from = 0; from < texts.size(); from += INDEX_EMBED_BATCH) {
				List<String> batch = texts.subList(from, Math.min(texts.size(), from + INDEX_EMBED_BATCH));
				float[][] out = model.embed(batch);
				System.arraycopy(out, 0, vectors, from, out.length);
			}
			seconds[run] = (System.nanoTime() - start) / 1e9;
			rates[run] = texts.size() / seconds[run];
		}
		VariantCorpus.registerBases(texts, vectors, embedders);
		double mean = texts.size() / ((seconds[0] + seconds[1]) / 2);
		line("## 1. Embedding throughput (real MiniLM, all-MiniLM-L6-v2, 384 d)");
		line("");
		line("| measure | value |");
		line("|---|---|");
		line("| catalog documents / distinct embedding texts | " + catalog.size() + " / " + texts.size() + " |");
		line(String.format(Locale.ROOT, "| mean whitespace words per text | %.0f |", (double) pieces / texts.size()));
		line(String.format(Locale.ROOT, "| model load | %.0f ms |", loadMs));
		line("| batching | " + INDEX_EMBED_BATCH
				+ " texts per embed() call, as LuceneAdapterIndex does (model batches 32 internally) |");
		line(String.format(Locale.ROOT, "| run 1 | %.1f s, **%.1f texts/s** |", seconds[0], rates[0]));
		line(String.format(Locale.ROOT, "| run 2 | %.1f s, **%.1f texts/s** |", seconds[1], rates[1]));
		line(String.format(Locale.ROOT, "| mean | %.1f texts/s |", mean));
		line("");
		return mean;
	}

	// 2. Build

	private void build(LuceneAdapterIndex index, ShortcutEmbedder embedder, List<AdapterDocument> documents,
			Path directory, double throughput) throws IOException {
		progress("Building the index over " + documents.size() + " documents");
		embedder.resetCounters();
		System.gc();
		long start = System.nanoTime();
		index.rebuild(documents.iterator());
		double buildSeconds = (System.nanoTime() - start) / 1e9;
		double shortcutSeconds = embedder.shortcutNanos() / 1e9;
		double realSeconds = embedder.realNanos() / 1e9;
		long size = directorySize(directory);
		line("## 2. Index build at " + documents.size() + " repositories");
		line("");
		line("**Shortcut (read this):** only the " + embedder.shortcutTexts()
				+ " documents' texts were not embedded one by one. The 291 AdapterHub cards get their real MiniLM vectors "
				+ "(computed in section 1 and reused). Each of the " + (documents.size() - 291)
				+ " generated variants (card + other namespace, name suffix, base model, method, downloads, date, "
				+ "license) gets a vector derived from real card vectors: (1 − s) × its card's vector + s × the vector of "
				+ "one of the card's " + ShortcutEmbedder.RELATED + " most similar other cards, s uniform in [0, "
				+ MIX_SHARE + "], plus gaussian noise σ = " + MIX_SIGMA + " per component, renormalised (seeded, "
				+ "deterministic). Distinct real adapters differ from each other the way real cards do (another dataset, "
				+ "language, base model), which is what the mix models; the benchmark's earlier corpus (card vector plus "
				+ "isotropic noise σ = " + NOISE_SIGMA
				+ ", hundreds of structureless near-ties per card) is kept as the "
				+ "hard set of section 5. The variant's exact embedding text (EmbeddingText.compose, the text the index "
				+ "embeds) maps to its vector. The build time below is therefore Lucene (inverted index, doc values, HNSW "
				+ "graph, merges, the final force-merge to one segment, commit) without model inference.");
		line("");
		line(corpusStats(embedder, documents));
		line("");
		line("| measure | value |");
		line("|---|---|");
		line(String.format(Locale.ROOT,
				"| rebuild() wall time (Lucene + HNSW + shortcut vectors) | **%.1f s** (%.0f docs/s) |", buildSeconds,
				documents.size() / buildSeconds));
		line(String.format(Locale.ROOT, "| of which shortcut vector generation | %.1f s |", shortcutSeconds));
		line(String.format(Locale.ROOT, "| of which real model inference during rebuild | %.1f s (%d texts) |",
				realSeconds, embedder.realTexts()));
		line(String.format(Locale.ROOT, "| ⇒ Lucene + HNSW alone | %.1f s |",
				buildSeconds - shortcutSeconds - realSeconds));
		line(String.format(Locale.ROOT, "| index size on disk | %.0f MiB |", size / (1024.0 * 1024)));
		line(String.format(Locale.ROOT,
				"| extrapolated real embedding of %d distinct texts at %.1f texts/s (section 1) | **%.0f min** |",
				documents.size(), throughput, documents.size() / throughput / 60));
		line(String.format(Locale.ROOT, "| ⇒ extrapolated full real rebuild | ≈ %.0f min |",
				(documents.size() / throughput + buildSeconds - shortcutSeconds) / 60));
		line("| index count() after rebuild | " + index.count() + " |");
		line("");
	}

	/**
	 * How close variants are to their cards, next to how close real cards are to each
	 * other.
	 */
	private String corpusStats(ShortcutEmbedder embedder, List<AdapterDocument> documents) {
		int cards = Math.min(documents.size(), 291);
		List<float[]> card = new ArrayList<>();
		for (int i = 0; i < cards; i++) {
			card.add(embedder.fedVector(compose(documents.get(i))));
		}
		double[] nearestCard = new double[cards];
		for (int i = 0; i < cards; i++) {
			double best = -1;
			for (int j = 0; j < cards; j++) {
				if (j != i && !Arrays.equals(card.get(i), card.get(j))) {
					best = Math.max(best, dot(card.get(i), card.get(j)));
				}
			}
			nearestCard[i] = best;
		}
		int variants = documents.size() - cards;
		double[] toCard = new double[variants];
		for (int i = cards; i < documents.size(); i++) {
			toCard[i - cards] = dot(embedder.fedVector(compose(documents.get(i))), card.get(i % cards));
		}
		Arrays.sort(nearestCard);
		Arrays.sort(toCard);
		return String.format(Locale.ROOT,
				"Corpus geometry: median cosine of a real card to its most similar other card %.3f (10th percentile "
						+ "%.3f); median cosine of a variant to its own card %.3f (10th percentile %.3f, 90th %.3f).",
				nearestCard[cards / 2], nearestCard[cards / 10], (variants > 0) ? toCard[variants / 2] : 0,
				(variants > 0) ? toCard[variants / 10] : 0, (variants > 0) ? toCard[variants * 9 / 10] : 0);
	}

	private List<String> catalogModels;

	// 3. Latency

	private void latency(LuceneAdapterIndex index, ShortcutEmbedder embedder, List<AdapterDocument> catalog,
			List<AdapterDocument> documents, List<String> devQueries) throws Exception {
		List<String> pool = VariantCorpus.queryPool(catalog, devQueries);
		AtomicInteger next = new AtomicInteger();
		Random random = new Random(7);
		List<String> filterModels = new ArrayList<>();
		for (int i = 0; i < 4096; i++) {
			filterModels.add(documents.get(random.nextInt(documents.size())).baseModel());
		}
		line("## 3. Query latency at " + documents.size() + " repositories (limit 10, relevance order)");
		line("");
		line("Queries: the " + devQueries.size() + " dev queries of search-dev-queries.jsonl, hand-written paraphrases "
				+ "and catalog-derived queries, combined with prefixes/suffixes into " + pool.size()
				+ " distinct texts; every measured query text is new to the index's 256-entry query-embedding cache, "
				+ "so SEMANTIC and HYBRID include one real MiniLM query embedding each. " + this.warmupQueries
				+ " warm-up queries per row, then " + this.queries + " measured. Filter: base_model drawn from the "
				+ "documents' distribution (" + this.catalogModels.size() + " models). Load average (1, 5, 15 min) "
				+ "before the first row: " + loadAverage() + ".");
		line("");
		line("| mode | threads | p50 ms | p90 ms | p99 ms | max ms | mean query-embed ms | queries/s | mean total hits | target |");
		line("|---|---|---|---|---|---|---|---|---|---|");
		record Row(String label, SearchMode mode, boolean filtered, int threads) {
		}
		List<Row> rows = List.of(new Row("KEYWORD", SearchMode.KEYWORD, false, 1),
				new Row("SEMANTIC", SearchMode.SEMANTIC, false, 1), new Row("HYBRID", SearchMode.HYBRID, false, 1),
				new Row("HYBRID + base_model filter", SearchMode.HYBRID, true, 1),
				new Row("HYBRID + base_model filter", SearchMode.HYBRID, true, 4));
		for (Row row : rows) {
			progress("Latency " + row.label() + " x" + row.threads());
			java.util.function.IntFunction<SearchQuery> make = (n) -> {
				String text = pool.get(next.getAndIncrement() % pool.size());
				SearchFilters filters = row.filtered() ? new SearchFilters(null, null,
						filterModels.get(n % filterModels.size()), null, null, null, null, null, null) : null;
				return new SearchQuery(text, filters, row.mode(), SortOrder.RELEVANCE, 10, null);
			};
			for (int i = 0; i < this.warmupQueries; i++) {
				index.search(make.apply(i));
			}
			embedder.resetCounters();
			long[] nanos = new long[this.queries];
			long[] totals = new long[this.queries];
			AtomicInteger slot = new AtomicInteger();
			long start = System.nanoTime();
			ExecutorService pool2 = Executors.newFixedThreadPool(row.threads());
			try {
				List<Future<?>> futures = new ArrayList<>();
				for (int t = 0; t < row.threads(); t++) {
					futures.add(pool2.submit(() -> {
						int i;
						while ((i = slot.getAndIncrement()) < this.queries) {
							SearchQuery query = make.apply(i);
							long s = System.nanoTime();
							SearchResult result = index.search(query);
							nanos[i] = System.nanoTime() - s;
							totals[i] = result.total();
						}
					}));
				}
				for (Future<?> future : futures) {
					future.get();
				}
			}
			finally {
				pool2.shutdown();
			}
			double wall = (System.nanoTime() - start) / 1e9;
			long[] sorted = nanos.clone();
			Arrays.sort(sorted);
			double p99 = ms(percentile(sorted, 0.99));
			String target = (row.mode() == SearchMode.HYBRID) ? String.format(Locale.ROOT, "p99 ≤ %.0f ms: %s",
					HYBRID_P99_TARGET_MS, (p99 <= HYBRID_P99_TARGET_MS) ? "**met**" : "**missed**") : "";
			double embedMs = (embedder.realTexts() > 0) ? ms(embedder.realNanos()) / embedder.realTexts() : 0;
			line(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f | %s | %.0f | %.0f | %s |",
					row.label(), row.threads(), ms(percentile(sorted, 0.5)), ms(percentile(sorted, 0.9)), p99,
					ms(sorted[sorted.length - 1]), (embedder.realTexts() > 0)
							? String.format(Locale.ROOT, "%.1f (%d)", embedMs, embedder.realTexts()) : "–",
					this.queries / wall, Arrays.stream(totals).average().orElse(0), target));
		}
		line("");
		line("Load average after the last row: " + loadAverage() + ".");
		line("");
		line("Query texts used: " + next.get() + " (pool " + pool.size() + ")"
				+ ((next.get() > pool.size()) ? "; the pool wrapped, but repeats are > 256 queries apart." : "."));
		line("");
	}

	// 4. Recall

	private void recall(LuceneAdapterIndex index, MiniLmEmbedder model, ShortcutEmbedder embedder,
			List<String> devQueries, List<AdapterDocument> catalog, String[] ids, float[][] vectors, String title) {
		progress("Recall@10 against exact search");
		int realCount = this.recallQueries / 2;
		List<String> texts = new ArrayList<>(
				VariantCorpus.queryPool(catalog, devQueries).subList(0, realCount - devQueries.size()));
		texts.addAll(0, devQueries);
		float[][] realVectors = model.embed(texts);
		Random random = new Random(13);
		List<float[]> probes = new ArrayList<>();
		List<String> kinds = new ArrayList<>();
		for (float[] v : realVectors) {
			probes.add(v);
			kinds.add("real query embedding");
		}
		while (probes.size() < this.recallQueries) {
			float[] doc = vectors[random.nextInt(vectors.length)];
			float[] v = new float[doc.length];
			double norm = 0;
			for (int i = 0; i < v.length; i++) {
				v[i] = (float) (doc[i] + random.nextGaussian() * 0.05);
				norm += v[i] * v[i];
			}
			for (int i = 0; i < v.length; i++) {
				v[i] /= (float) Math.sqrt(norm);
			}
			probes.add(v);
			kinds.add("perturbed document vector (σ 0.05)");
		}
		Map<String, Integer> position = new java.util.HashMap<>();
		for (int i = 0; i < ids.length; i++) {
			position.put(ids[i], i);
		}
		double gapSum = 0;
		double scoreDiff = 0;
		Map<String, double[]> perKind = new LinkedHashMap<>();
		double sum = 0;
		double worst = 1;
		long searchNanos = 0;
		for (int q = 0; q < probes.size(); q++) {
			String text = "recall probe " + q;
			embedder.putProbe(text, probes.get(q));
			long s = System.nanoTime();
			SearchResult result = index
				.search(new SearchQuery(text, null, SearchMode.SEMANTIC, SortOrder.RELEVANCE, 10, null));
			searchNanos += System.nanoTime() - s;
			Set<String> got = new HashSet<>();
			for (SearchHit hit : result.hits()) {
				got.add(hit.id());
				double fedScore = (1 + dot(probes.get(q), vectors[position.get(hit.id())])) / 2;
				scoreDiff = Math.max(scoreDiff, Math.abs(hit.score() - fedScore));
			}
			Set<String> exact = exactTop(probes.get(q), ids, vectors, 10);
			double tenth = Double.POSITIVE_INFINITY;
			for (String id : exact) {
				tenth = Math.min(tenth, dot(probes.get(q), vectors[position.get(id)]));
			}
			double worstHit = Double.POSITIVE_INFINITY;
			for (String id : got) {
				worstHit = Math.min(worstHit, dot(probes.get(q), vectors[position.get(id)]));
			}
			gapSum += tenth - worstHit;
			int overlap = 0;
			for (String id : exact) {
				if (got.contains(id)) {
					overlap++;
				}
			}
			double r = overlap / (double) exact.size();
			sum += r;
			worst = Math.min(worst, r);
			double[] acc = perKind.computeIfAbsent(kinds.get(q), (k) -> new double[2]);
			acc[0] += r;
			acc[1]++;
		}
		double recall = sum / probes.size();
		line(title);
		line("");
		line("Through the public API: SearchMode.SEMANTIC, no filters, limit 10 (the index keeps k = "
				+ "max(100, 3 × limit) = 100 candidates out of 6 × k = 600 it asks HNSW for, from one force-merged segment). Query vectors reach the index through the benchmark's "
				+ "embedder (a probe text mapped to the vector); the exact top 10 is computed over the benchmark's own "
				+ "copy of every vector it fed to the index.");
		line("");
		line(String.format(Locale.ROOT,
				"Mean (exact 10th-best dot product − dot product of the worst returned hit): %.4f; near-duplicate "
						+ "variants of one card sit close together, so a small gap means the misses are near-ties.",
				gapSum / probes.size()));
		line(String.format(Locale.ROOT,
				"Largest |hit score − (1 + dot(query, fed vector)) / 2| over all returned hits: %.5f (0 means the "
						+ "index scores exactly the vectors the benchmark fed; larger means quantisation or other vectors).",
				scoreDiff));
		line("");
		line("| query vectors | n | mean recall@10 |");
		line("|---|---|---|");
		for (Map.Entry<String, double[]> e : perKind.entrySet()) {
			line(String.format(Locale.ROOT, "| %s | %.0f | %.3f |", e.getKey(), e.getValue()[1],
					e.getValue()[0] / e.getValue()[1]));
		}
		line(String.format(Locale.ROOT,
				"| **all** | %d | **%.3f** (target ≥ %.2f: %s; worst query %.1f; mean search %.1f ms) |", probes.size(),
				recall, RECALL_TARGET, (recall >= RECALL_TARGET) ? "**met**" : "**missed**", worst,
				ms(searchNanos) / probes.size()));
	}

	/** Builds a second index over the same documents with the hard set's vectors. */
	private void hardRecall(MiniLmEmbedder model, ShortcutEmbedder hard, List<AdapterDocument> documents,
			Path directory, List<String> devQueries, List<AdapterDocument> catalog) throws IOException {
		progress("Building the hard-set index");
		LuceneAdapterIndex index = LuceneAdapterIndex.open(directory.resolve("hard-index"), hard);
		try {
			long start = System.nanoTime();
			index.rebuild(documents.iterator());
			double seconds = (System.nanoTime() - start) / 1e9;
			String[] ids = new String[documents.size()];
			float[][] vectors = new float[documents.size()][];
			for (int i = 0; i < documents.size(); i++) {
				ids[i] = documents.get(i).id();
				vectors[i] = hard.fedVector(compose(documents.get(i)));
			}
			String stats = corpusStats(hard, documents);
			hard.clearFed();
			line("");
			recall(index, model, hard, devQueries, catalog, ids, vectors,
					"## 5. Secondary: kNN recall@10 on the hard set (same documents, variant vectors = card vector + "
							+ "isotropic noise σ " + NOISE_SIGMA + ", the benchmark's earlier corpus)");
			line("");
			line(String.format(Locale.ROOT, "Hard-set index rebuild (Lucene + HNSW + force-merge): %.1f s. %s", seconds,
					stats));
		}
		finally {
			index.close();
		}
	}

	private static double dot(float[] a, float[] b) {
		double dot = 0;
		for (int i = 0; i < a.length; i++) {
			dot += a[i] * b[i];
		}
		return dot;
	}

	private static Set<String> exactTop(float[] query, String[] ids, float[][] vectors, int k) {
		double[] best = new double[k];
		int[] bestIndex = new int[k];
		Arrays.fill(best, Double.NEGATIVE_INFINITY);
		Arrays.fill(bestIndex, -1);
		for (int d = 0; d < vectors.length; d++) {
			float[] v = vectors[d];
			double dot = 0;
			for (int i = 0; i < v.length; i++) {
				dot += query[i] * v[i];
			}
			if (dot > best[k - 1]) {
				int pos = k - 1;
				while (pos > 0 && best[pos - 1] < dot) {
					best[pos] = best[pos - 1];
					bestIndex[pos] = bestIndex[pos - 1];
					pos--;
				}
				best[pos] = dot;
				bestIndex[pos] = d;
			}
		}
		Set<String> top = new LinkedHashSet<>();
		for (int i : bestIndex) {
			if (i >= 0) {
				top.add(ids[i]);
			}
		}
		return top;
	}

	// helpers

	private static long percentile(long[] sorted, double p) {
		int index = (int) Math.ceil(p * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	private static double ms(long nanos) {
		return nanos / 1e6;
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).strip();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static long directorySize(Path directory) throws IOException {
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter(Files::isRegularFile).mapToLong((f) -> {
				try {
					return Files.size(f);
				}
				catch (IOException ex) {
					return 0;
				}
			}).sum();
		}
	}

	private static void deleteRecursively(Path directory) {
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((f) -> {
				try {
					Files.deleteIfExists(f);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void line(String text) {
		this.report.append(text).append('\n');
	}

	private static void progress(String message) {
		System.err.println(LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + message);
	}

}
