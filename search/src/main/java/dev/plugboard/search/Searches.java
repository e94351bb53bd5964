package dev.plugboard.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.StringValueFacetCounts;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.SortedSetSelector;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.util.BytesRef;

/**
 * Runs searches against whichever index generation is live.
 * <p>
 * A query without text, and every {@link SearchMode#KEYWORD} query, is one Lucene query
 * (text and filters) sorted by Lucene, with facets collected in the same pass. Semantic
 * and hybrid queries first build a ranked candidate list (kNN, or kNN and BM25 fused by
 * {@link ReciprocalRankFusion}, the two halves running in parallel), then sort, page and
 * count facets over exactly those candidates.
 */
final class Searches {

	static final int MAX_LIMIT = 100;

	/** HNSW is asked for this many times the candidates it returns (then cut). */
	static final int KNN_OVERSAMPLING = 3;

	/** Runs the BM25 half of a hybrid query while the caller runs the kNN half. */
	private static final ExecutorService PARALLEL = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "plugboard-search-bm25");
		thread.setDaemon(true);
		return thread;
	});

	static final int MAX_TEXT_LENGTH = 1024;

	/** The deepest offset paging reaches, as in Elasticsearch and OpenSearch. */
	static final int MAX_RESULT_WINDOW = 10_000;

	private static final SortField ID_ORDER = KeywordField.newSortField(IndexSchema.ID, false,
			SortedSetSelector.Type.MIN);

	private final Supplier<Generation> generations;

	private final Analyzer analyzer;

	private final TextQueries queries;

	private final LuceneAdapterIndex.Settings settings;

	private final QueryVectors vectors;

	Searches(Supplier<Generation> generations, TextEmbedder embedder, Analyzer analyzer,
			LuceneAdapterIndex.Settings settings) {
		this.generations = generations;
		this.analyzer = analyzer;
		this.queries = new TextQueries(analyzer);
		this.settings = settings;
		this.vectors = new QueryVectors(embedder);
	}

	SearchResult search(SearchQuery query) {
		String text = Objects.requireNonNullElse(query.text(), "");
		if (text.length() > MAX_TEXT_LENGTH) {
			throw new InvalidSearchException("The query text is longer than " + MAX_TEXT_LENGTH + " characters");
		}
		if (query.limit() < 1 || query.limit() > MAX_LIMIT) {
			throw new InvalidSearchException("The limit must be between 1 and " + MAX_LIMIT);
		}
		int offset = (query.cursor() != null) ? Cursors.decode(query.cursor(), query) : 0;
		SearchMode mode = Objects.requireNonNullElse(query.mode(), SearchMode.HYBRID);
		SortOrder sort = Objects.requireNonNullElse(query.sort(), SortOrder.RELEVANCE);
		boolean blank = text.isBlank();
		if (blank) {
			sort = (sort == SortOrder.RELEVANCE) ? SortOrder.DOWNLOADS : sort;
		}
		Query filter = TextQueries.filter(query.filters());
		Query textQuery = blank ? null : this.queries.text(text);
		float[] vector = (!blank && mode != SearchMode.KEYWORD) ? this.vectors.get(text) : null;

		Generation generation = this.generations.get();
		try {
			IndexSearcher searcher = generation.searchers().acquire();
			try {
				Ranked ranked;
				if (blank || mode == SearchMode.KEYWORD) {
					Query matching = blank ? null
							: ((textQuery != null) ? textQuery : new MatchNoDocsQuery("nothing searchable"));
					ranked = lucene(searcher, TextQueries.filtered(matching, filter), sort, offset + query.limit(),
							!blank);
				}
				else {
					ranked = candidates(searcher, mode, textQuery, vector, filter, sort, query.limit());
				}
				return page(searcher, query, ranked, offset, textQuery);
			}
			finally {
				generation.searchers().release(searcher);
			}
		}
		catch (IndexSearcher.TooManyClauses ex) {
			throw new InvalidSearchException("The query has too many words");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Searching the index failed", ex);
		}
		finally {
			generation.decRef();
		}
	}

	/** A sorted Lucene search over a query, with facets from the same pass. */
	private Ranked lucene(IndexSearcher searcher, Query query, SortOrder sort, int wanted, boolean scored)
			throws IOException {
		int n = Math.max(1, Math.min(wanted, MAX_RESULT_WINDOW));
		FacetsCollectorManager.FacetsResult result = FacetsCollectorManager.search(searcher, query, n, luceneSort(sort),
				scored, new FacetsCollectorManager());
		List<ScoreDoc> docs = List.of(result.topDocs().scoreDocs);
		long total = result.facetsCollector().getMatchingDocs().stream().mapToLong((m) -> m.totalHits()).sum();
		List<Double> scores = docs.stream().map((d) -> scored ? (double) d.score : 0.0).toList();
		return new Ranked(docs.stream().map((d) -> d.doc).toList(), scores, total,
				facets(searcher, result.facetsCollector()));
	}

	/** The n best BM25 matches, relevance then id; the total is counted only up to n. */
	private static TopDocs bm25(IndexSearcher searcher, Query query, int n) throws IOException {
		return searcher.search(query, new TopFieldCollectorManager(luceneSort(SortOrder.RELEVANCE), n, null, n));
	}

	/** kNN, or kNN and BM25 fused, as a ranked list of doc ids. */
	private Ranked candidates(IndexSearcher searcher, SearchMode mode, Query textQuery, float[] vector, Query filter,
			SortOrder sort, int limit) throws IOException {
		int k = Math.max(this.settings.candidates(), 3 * limit);
		Future<TopDocs> bm25 = null;
		if (mode != SearchMode.SEMANTIC && textQuery != null) {
			Query text = TextQueries.filtered(textQuery, filter);
			bm25 = PARALLEL.submit(() -> bm25(searcher, text, k));
		}
		// HNSW explores more of the graph for a larger k; near-duplicate documents need
		// it.
		int explored = Math.max(k, KNN_OVERSAMPLING * k);
		TopDocs knn;
		try {
			knn = searcher.search(new KnnFloatVectorQuery(IndexSchema.EMBEDDING, vector, explored, filter), explored);
		}
		catch (IOException | RuntimeException | Error ex) {
			if (bm25 != null) {
				// The searcher must outlive the BM25 half.
				try {
					join(bm25);
				}
				catch (IOException | RuntimeException | Error ignored) {
					// the kNN failure is the one reported
				}
			}
			throw ex;
		}
		ScoreDoc[] knnDocs = (knn.scoreDocs.length > k) ? Arrays.copyOf(knn.scoreDocs, k) : knn.scoreDocs;
		Map<String, Integer> docsById = new HashMap<>();
		List<String> knnIds = ids(searcher, knnDocs, docsById);
		List<String> ids;
		List<Double> scores;
		if (mode == SearchMode.SEMANTIC) {
			ids = knnIds;
			scores = List.of(knnDocs).stream().map((d) -> (double) d.score).toList();
		}
		else {
			List<String> bm25Ids = List.of();
			if (bm25 != null) {
				bm25Ids = ids(searcher, join(bm25).scoreDocs, docsById);
			}
			List<ReciprocalRankFusion.Fused> fused = ReciprocalRankFusion.fuse(this.settings.rrfRankConstant(),
					List.of(bm25Ids, knnIds));
			ids = fused.stream().map(ReciprocalRankFusion.Fused::id).toList();
			scores = fused.stream().map(ReciprocalRankFusion.Fused::score).toList();
		}
		List<Integer> docs = new ArrayList<>(ids.stream().map(docsById::get).toList());
		List<Double> ordered = new ArrayList<>(scores);
		if (sort != SortOrder.RELEVANCE && !docs.isEmpty()) {
			sortByValue(searcher, sort, docs, ordered);
		}
		return new Ranked(docs, ordered, docs.size(), facets(searcher, docs));
	}

	private static TopDocs join(Future<TopDocs> future) throws IOException {
		boolean interrupted = false;
		try {
			while (true) {
				try {
					return future.get();
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof IOException io) {
				throw io;
			}
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(cause);
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** Re-sorts candidates by downloads or update time; relevance breaks ties. */
	private static void sortByValue(IndexSearcher searcher, SortOrder sort, List<Integer> docs, List<Double> scores)
			throws IOException {
		String field = (sort == SortOrder.DOWNLOADS) ? IndexSchema.DOWNLOADS : IndexSchema.UPDATED;
		List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
		long[] values = new long[docs.size()];
		for (int i = 0; i < docs.size(); i++) {
			int doc = docs.get(i);
			LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
			SortedNumericDocValues dv = DocValues.getSortedNumeric(leaf.reader(), field);
			values[i] = dv.advanceExact(doc - leaf.docBase) ? dv.nextValue() : Long.MIN_VALUE;
		}
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < docs.size(); i++) {
			order.add(i);
		}
		order.sort(Comparator.comparingLong((Integer i) -> values[i]).reversed().thenComparingInt((i) -> i));
		List<Integer> sortedDocs = order.stream().map(docs::get).toList();
		List<Double> sortedScores = order.stream().map(scores::get).toList();
		docs.clear();
		docs.addAll(sortedDocs);
		scores.clear();
		scores.addAll(sortedScores);
	}

	private SearchResult page(IndexSearcher searcher, SearchQuery query, Ranked ranked, int offset, Query textQuery)
			throws IOException {
		int window = (int) Math.min(ranked.total(), MAX_RESULT_WINDOW);
		int end = Math.min(Math.min(offset + query.limit(), ranked.docs().size()), window);
		List<SearchHit> hits = new ArrayList<>();
		if (offset < end) {
			int[] docIds = ranked.docs().subList(offset, end).stream().mapToInt(Integer::intValue).toArray();
			List<Map<String, List<String>>> highlights = Highlighting.highlight(searcher, this.analyzer, textQuery,
					docIds);
			for (int i = 0; i < docIds.length; i++) {
				String id = searcher.storedFields().document(docIds[i], Set.of(IndexSchema.ID)).get(IndexSchema.ID);
				hits.add(new SearchHit(id, ranked.scores().get(offset + i), highlights.get(i)));
			}
		}
		int next = offset + query.limit();
		String cursor = (next < window) ? Cursors.encode(next, query) : null;
		return new SearchResult(hits, ranked.facets(), cursor, ranked.total());
	}

	private static List<String> ids(IndexSearcher searcher, ScoreDoc[] docs, Map<String, Integer> docsById)
			throws IOException {
		List<String> ids = new ArrayList<>(docs.length);
		for (ScoreDoc doc : docs) {
			String id = searcher.storedFields().document(doc.doc, Set.of(IndexSchema.ID)).get(IndexSchema.ID);
			ids.add(id);
			docsById.put(id, doc.doc);
		}
		return ids;
	}

	/**
	 * Counts facet values over a set of documents (as {@link StringValueFacetCounts}
	 * does: most frequent first, ties in value order), reading doc values directly.
	 */
	private Map<String, Map<String, Long>> facets(IndexSearcher searcher, List<Integer> docs) throws IOException {
		int[] sorted = docs.stream().mapToInt(Integer::intValue).sorted().toArray();
		List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
		Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
		for (String field : IndexSchema.FACET_FIELDS) {
			Map<BytesRef, long[]> counts = new HashMap<>();
			int i = 0;
			while (i < sorted.length) {
				LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sorted[i], leaves));
				int leafEnd = leaf.docBase + leaf.reader().maxDoc();
				SortedSetDocValues values = DocValues.getSortedSet(leaf.reader(), field);
				Map<Long, long[]> ords = new HashMap<>();
				for (; i < sorted.length && sorted[i] < leafEnd; i++) {
					if (values.advanceExact(sorted[i] - leaf.docBase)) {
						for (int v = 0; v < values.docValueCount(); v++) {
							ords.computeIfAbsent(values.nextOrd(), (o) -> new long[1])[0]++;
						}
					}
				}
				for (Map.Entry<Long, long[]> ord : ords.entrySet()) {
					BytesRef label = BytesRef.deepCopyOf(values.lookupOrd(ord.getKey()));
					counts.computeIfAbsent(label, (l) -> new long[1])[0] += ord.getValue()[0];
				}
			}
			List<Map.Entry<BytesRef, long[]>> entries = new ArrayList<>(counts.entrySet());
			entries.sort(Comparator.comparingLong((Map.Entry<BytesRef, long[]> e) -> -e.getValue()[0])
				.thenComparing(Map.Entry::getKey));
			Map<String, Long> top = new LinkedHashMap<>();
			for (Map.Entry<BytesRef, long[]> entry : entries.subList(0,
					Math.min(entries.size(), this.settings.facetValues()))) {
				top.put(entry.getKey().utf8ToString(), entry.getValue()[0]);
			}
			facets.put(field, Collections.unmodifiableMap(top));
		}
		return facets;
	}

	private Map<String, Map<String, Long>> facets(IndexSearcher searcher, FacetsCollector collector)
			throws IOException {
		Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
		for (String field : IndexSchema.FACET_FIELDS) {
			Map<String, Long> values = new LinkedHashMap<>();
			if (searcher.getIndexReader().maxDoc() > 0) {
				Generation.FacetingSearcher faceting = (Generation.FacetingSearcher) searcher;
				StringValueFacetCounts counts = new StringValueFacetCounts(faceting.facetState(field), collector);
				FacetResult result = counts.getTopChildren(this.settings.facetValues(), field);
				if (result != null) {
					for (LabelAndValue value : result.labelValues) {
						values.put(value.label, value.value.longValue());
					}
				}
			}
			facets.put(field, Collections.unmodifiableMap(values));
		}
		return facets;
	}

	private static Sort luceneSort(SortOrder sort) {
		return switch (sort) {
			case RELEVANCE -> new Sort(SortField.FIELD_SCORE, ID_ORDER);
			case DOWNLOADS ->
				new Sort(LongField.newSortField(IndexSchema.DOWNLOADS, true, SortedNumericSelector.Type.MAX),
						SortField.FIELD_SCORE, ID_ORDER);
			case RECENT -> new Sort(
					LongField.newSortField(IndexSchema.UPDATED, true, SortedNumericSelector.Type.MAX, Long.MIN_VALUE),
					SortField.FIELD_SCORE, ID_ORDER);
		};
	}

	/** A ranked result set: doc ids with scores, its size, and its facets. */
	private record Ranked(List<Integer> docs, List<Double> scores, long total, Map<String, Map<String, Long>> facets) {
	}

	/**
	 * Remembers the embeddings of recent query texts: paging through a result embeds its
	 * text once, not once per page.
	 */
	private static final class QueryVectors {

		private static final int SIZE = 256;

		private final TextEmbedder embedder;

		private final Map<String, float[]> cache = new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
				return size() > SIZE;
			}
		};

		QueryVectors(TextEmbedder embedder) {
			this.embedder = embedder;
		}

		float[] get(String text) {
			synchronized (this.cache) {
				float[] vector = this.cache.get(text);
				if (vector != null) {
					return vector;
				}
			}
			float[] vector = Vectors.normalize(this.embedder.embed(List.of(text))[0].clone());
			synchronized (this.cache) {
				this.cache.put(text, vector);
			}
			return vector;
		}

	}

}
