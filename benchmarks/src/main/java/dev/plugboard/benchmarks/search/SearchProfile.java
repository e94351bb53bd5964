package dev.plugboard.benchmarks.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.plugboard.search.AdapterDocument;
import dev.plugboard.search.AdapterHubCatalog;
import dev.plugboard.search.EmbeddingText;
import dev.plugboard.search.LuceneAdapterIndex;
import dev.plugboard.search.MiniLmEmbedder;
import dev.plugboard.search.SearchFilters;
import dev.plugboard.search.SearchMode;
import dev.plugboard.search.SearchQuery;
import dev.plugboard.search.SortOrder;

/** Development tool: keeps a 100k index on disk and times query modes (run under JFR). */
public final class SearchProfile {

	public static void main(String[] args) throws Exception {
		Path shared = Path.of(System.getProperty("plugboard.shared-data", "../shared/data"));
		Path dir = Path.of(System.getProperty("profile.dir", "/tmp/plugboard-profile"));
		int n = Integer.getInteger("plugboard.search-bench.documents", 100_000);
		List<String> modes = List.of(System.getProperty("profile.modes", "KEYWORD,SEMANTIC,HYBRID,HYBRIDF").split(","));
		int queries = Integer.getInteger("profile.queries", 400);
		List<AdapterDocument> catalog = AdapterHubCatalog.load(shared.resolve("adapterhub-catalog"));
		List<String> dev = VariantCorpus.devQueries(shared.resolve("search-dev-queries.jsonl"));
		MiniLmEmbedder model = MiniLmEmbedder.load();
		ShortcutEmbedder embedder = Boolean.getBoolean("profile.hard")
				? new ShortcutEmbedder(model, ShortcutEmbedder.Kind.NOISE, 0.02, 0)
				: ShortcutEmbedder.mainCorpus(model);
		List<String> texts = VariantCorpus.baseTexts(catalog);
		VariantCorpus.registerBases(texts, model.embed(texts), List.of(embedder));
		List<AdapterDocument> docs = VariantCorpus.generate(catalog, n, List.of(embedder)).documents();
		Files.createDirectories(dir);
		LuceneAdapterIndex index = LuceneAdapterIndex.open(dir.resolve("index"), embedder);
		if (index.needsRebuild() || index.count() != n || Boolean.getBoolean("profile.rebuild")) {
			long s = System.nanoTime();
			index.rebuild(docs.iterator());
			System.err.printf("rebuild %.1f s%n", (System.nanoTime() - s) / 1e9);
		}
		List<String> pool = VariantCorpus.queryPool(catalog, dev);
		if (Boolean.getBoolean("profile.recall")) {
			String[] ids = docs.stream().map(AdapterDocument::id).toArray(String[]::new);
			float[][] vectors = embedder.embed(docs.stream().map(EmbeddingText::compose).toList());
			float[][] probes = model.embed(pool.subList(0, 150));
			java.util.Map<String, Integer> pos = new java.util.HashMap<>();
			for (int i = 0; i < ids.length; i++) {
				pos.put(ids[i], i);
			}
			double sum = 0;
			long nanos = 0;
			for (int q = 0; q < probes.length; q++) {
				embedder.putProbe("probe " + q, probes[q]);
				long s = System.nanoTime();
				var result = index
					.search(new SearchQuery("probe " + q, null, SearchMode.SEMANTIC, SortOrder.RELEVANCE, 10, null));
				nanos += System.nanoTime() - s;
				java.util.Set<String> got = new java.util.HashSet<>();
				result.hits().forEach((h) -> got.add(h.id()));
				float[] p = probes[q];
				Integer[] order = new Integer[ids.length];
				double[] d = new double[ids.length];
				for (int i = 0; i < ids.length; i++) {
					double x = 0;
					for (int j = 0; j < p.length; j++) {
						x += p[j] * vectors[i][j];
					}
					d[i] = x;
					order[i] = i;
				}
				java.util.Arrays.sort(order, (a, b) -> Double.compare(d[b], d[a]));
				int hit = 0;
				for (int i = 0; i < 10; i++) {
					if (got.contains(ids[order[i]])) {
						hit++;
					}
				}
				sum += hit / 10.0;
			}
			System.err.printf(Locale.ROOT, "recall@10 %.3f over %d real queries, mean %.1f ms%n", sum / probes.length,
					probes.length, nanos / 1e6 / probes.length);
			index.close();
			model.close();
			return;
		}
		// query embedding alone
		long[] emb = new long[200];
		for (int i = 0; i < 250; i++) {
			long s = System.nanoTime();
			model.embed(List.of(pool.get(5000 + i)));
			if (i >= 50) {
				emb[i - 50] = System.nanoTime() - s;
			}
		}
		report("embed only", emb);
		int next = 0;
		for (String m : modes) {
			// a trailing F adds a base-model filter: HYBRIDF, SEMANTICF, KEYWORDF
			boolean filtered = m.endsWith("F");
			SearchMode mode = SearchMode.valueOf(filtered ? m.substring(0, m.length() - 1) : m);
			long[] t = new long[queries];
			for (int i = -100; i < queries; i++) {
				String text = pool.get(next++ % pool.size());
				SearchFilters f = filtered ? new SearchFilters(null, null,
						docs.get(Math.floorMod(i * 7919, docs.size())).baseModel(), null, null, null, null, null, null)
						: null;
				long s = System.nanoTime();
				index.search(new SearchQuery(text, f, mode, SortOrder.RELEVANCE, 10, null));
				if (i >= 0) {
					t[i] = System.nanoTime() - s;
				}
			}
			report(m, t);
		}
		if (Boolean.getBoolean("profile.breakdown")) {
			int from = pool.size() / 3;
			breakdown(index, model, pool.subList(from, Math.min(pool.size(), from + queries + 100)));
		}
		index.close();
		model.close();
	}

	/**
	 * Per query text: hybrid, then the query embedding alone, keyword alone and semantic
	 * with the embedding cached; the allocation of a semantic query; the slowest hybrid
	 * queries with their parts ({@code -Dprofile.breakdown=true}).
	 */
	private static void breakdown(LuceneAdapterIndex index, MiniLmEmbedder model, List<String> texts) {
		int n = texts.size();
		long[] hybrid = new long[n];
		long[] embed = new long[n];
		long[] keyword = new long[n];
		long[] semantic = new long[n];
		for (int i = 0; i < n; i++) {
			String text = texts.get(i);
			long s = System.nanoTime();
			index.search(new SearchQuery(text, null, SearchMode.HYBRID, SortOrder.RELEVANCE, 10, null));
			hybrid[i] = System.nanoTime() - s;
			s = System.nanoTime();
			model.embed(List.of(text));
			embed[i] = System.nanoTime() - s;
			s = System.nanoTime();
			index.search(new SearchQuery(text, null, SearchMode.KEYWORD, SortOrder.RELEVANCE, 10, null));
			keyword[i] = System.nanoTime() - s;
			s = System.nanoTime();
			index.search(new SearchQuery(text, null, SearchMode.SEMANTIC, SortOrder.RELEVANCE, 10, null));
			semantic[i] = System.nanoTime() - s;
		}
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
			.getThreadMXBean();
		long before = threads.getCurrentThreadAllocatedBytes();
		for (int i = 100; i < n; i++) {
			index.search(new SearchQuery(texts.get(i), null, SearchMode.SEMANTIC, SortOrder.RELEVANCE, 10, null));
		}
		System.err.printf(Locale.ROOT, "semantic query allocates %.0f KB on the calling thread%n",
				(threads.getCurrentThreadAllocatedBytes() - before) / 1024.0 / (n - 100));
		Integer[] order = new Integer[n - 100];
		Arrays.setAll(order, (i) -> i + 100);
		Arrays.sort(order, (a, b) -> Long.compare(hybrid[b], hybrid[a]));
		report("b-hybrid", Arrays.copyOfRange(hybrid, 100, n));
		report("b-embed", Arrays.copyOfRange(embed, 100, n));
		report("b-keyword", Arrays.copyOfRange(keyword, 100, n));
		report("b-semantic", Arrays.copyOfRange(semantic, 100, n));
		for (int j = 0; j < 15; j++) {
			int i = order[j];
			System.err.printf(Locale.ROOT,
					"%6.1f hybrid %6.1f embed %6.1f keyword %6.1f semantic (vector cached) | %s%n", hybrid[i] / 1e6,
					embed[i] / 1e6, keyword[i] / 1e6, semantic[i] / 1e6, texts.get(i));
		}
	}

	private static void report(String label, long[] t) {
		long[] s = t.clone();
		Arrays.sort(s);
		System.err.printf(Locale.ROOT, "%-10s p50 %.1f p90 %.1f p99 %.1f max %.1f ms%n", label, s[s.length / 2] / 1e6,
				s[(int) (s.length * 0.9)] / 1e6, s[(int) Math.ceil(s.length * 0.99) - 1] / 1e6, s[s.length - 1] / 1e6);
	}

}
