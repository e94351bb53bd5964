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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.apache.lucene.analysis.Analyzer;
import java.util.Collection;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
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
import org.apache.lucene.search.TopScoreDocCollectorManager;
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

	/**
	 * HNSW is asked for this many times the candidates it returns (then cut): a wider
	 * search beam. On the 100k benchmark corpus with 64 links, 3× gives recall@10 0.92,
	 * 6× 0.97, 10× 0.98.
	 */
	static final int KNN_OVERSAMPLING = 6;

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
					ranked = candidates(searcher, mode, text, textQuery, filter, sort, query.limit());
				}
				return page(searcher, query, ranked, offset, (textQuery != null) ? this.queries.highlight(text) : null);
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

	/**
	 * A sorted Lucene search over a query. Two passes: the top n (by relevance through
	 * Lucene's top-score collector, which skips documents that cannot reach the top n;
	 * equal scores in index order, so pages of one index snapshot never overlap), and a
	 * pass without scoring that marks every match, for the exact total and the facets.
	 */
	private Ranked lucene(IndexSearcher searcher, Query query, SortOrder sort, int wanted, boolean scored)
			throws IOException {
		int n = Math.max(1, Math.min(wanted, MAX_RESULT_WINDOW));
		TopDocs top = (scored && sort == SortOrder.RELEVANCE)
				? searcher.search(query, new TopScoreDocCollectorManager(n, null, n))
				: searcher.search(query, new TopFieldCollectorManager(luceneSort(sort), n, null, n));
		List<ScoreDoc> docs = List.of(top.scoreDocs);
		List<Double> scores = docs.stream().map((d) -> scored ? (double) d.score : 0.0).toList();
		Matches matches = searcher.search(new ConstantScoreQuery(query), Matches.MANAGER);
		return new Ranked(docs.stream().map((d) -> d.doc).toList(), scores, matches.total(), facets(searcher, matches));
	}

	/**
	 * The n best BM25 matches, best first, equal scores in id order. Lucene's top-score
	 * collector skips documents that cannot reach the top n (block-max WAND) and counts
	 * matches only up to n. Among documents tied at the n-th score, the ones kept are
	 * those first in index order.
	 */
	private static Scored bm25(IndexSearcher searcher, Query query, int n) throws IOException {
		TopDocs top = searcher.search(query, new TopScoreDocCollectorManager(n, null, n));
		return Scored.of(searcher, top.scoreDocs);
	}

	/**
	 * kNN, or kNN and BM25 fused, as a ranked list of doc ids. For hybrid, the BM25 half
	 * runs on another thread from the start, while this one embeds the query text and
	 * searches the HNSW graph.
	 */
	private Ranked candidates(IndexSearcher searcher, SearchMode mode, String text, Query textQuery, Query filter,
			SortOrder sort, int limit) throws IOException {
		int k = Math.max(this.settings.candidates(), 3 * limit);
		Future<Scored> bm25 = null;
		if (mode != SearchMode.SEMANTIC && textQuery != null) {
			Query matching = TextQueries.filtered(textQuery, filter);
			bm25 = PARALLEL.submit(() -> bm25(searcher, matching, k));
		}
		// HNSW explores more of the graph for a larger k; near-duplicate documents need
		// it.
		int explored = Math.max(k, KNN_OVERSAMPLING * k);
		Scored knn;
		try {
			float[] vector = this.vectors.get(text);
			TopDocs top = searcher.search(new KnnFloatVectorQuery(IndexSchema.EMBEDDING, vector, explored, filter),
					explored);
			knn = Scored.of(searcher, (top.scoreDocs.length > k) ? Arrays.copyOf(top.scoreDocs, k) : top.scoreDocs);
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
		Map<String, Integer> docsById = new HashMap<>();
		knn.index(docsById);
		List<String> ids;
		List<Double> scores;
		if (mode == SearchMode.SEMANTIC) {
			ids = knn.ids();
			scores = knn.scores();
		}
		else {
			List<String> bm25Ids = List.of();
			if (bm25 != null) {
				Scored lexical = join(bm25);
				lexical.index(docsById);
				bm25Ids = lexical.ids();
			}
			List<ReciprocalRankFusion.Fused> fused = ReciprocalRankFusion.fuse(this.settings.rrfRankConstant(),
					List.of(bm25Ids, knn.ids()));
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

	private static <T> T join(Future<T> future) throws IOException {
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

	/**
	 * Re-sorts candidates by downloads, update time or evaluation score; relevance breaks
	 * ties. Doubles are stored as sortable longs, so one long comparison serves all
	 * three.
	 */
	private static void sortByValue(IndexSearcher searcher, SortOrder sort, List<Integer> docs, List<Double> scores)
			throws IOException {
		String field = switch (sort) {
			case DOWNLOADS -> IndexSchema.DOWNLOADS;
			case SCORE -> IndexSchema.SCORE;
			default -> IndexSchema.UPDATED;
		};
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
			String[] ids = ids(searcher, docIds);
			for (int i = 0; i < docIds.length; i++) {
				hits.add(new SearchHit(ids[i], ranked.scores().get(offset + i), highlights.get(i)));
			}
		}
		int next = offset + query.limit();
		String cursor = (next < window) ? Cursors.encode(next, query) : null;
		return new SearchResult(hits, ranked.facets(), cursor, ranked.total());
	}

	/**
	 * Reads the repository ids of documents from the id field's doc values (cheaper than
	 * stored fields, which decompress a block per document).
	 */
	static String[] ids(IndexSearcher searcher, int[] docs) throws IOException {
		String[] ids = new String[docs.length];
		Integer[] order = new Integer[docs.length];
		Arrays.setAll(order, (i) -> i);
		Arrays.sort(order, Comparator.comparingInt((Integer i) -> docs[i]));
		List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
		LeafReaderContext leaf = null;
		SortedSetDocValues values = null;
		int previous = -1;
		String previousId = null;
		for (int i : order) {
			int doc = docs[i];
			if (doc != previous) {
				if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
					leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
					values = DocValues.getSortedSet(leaf.reader(), IndexSchema.ID);
				}
				if (!values.advanceExact(doc - leaf.docBase)) {
					throw new IllegalStateException("Document " + doc + " has no id");
				}
				previousId = values.lookupOrd(values.nextOrd()).utf8ToString();
				previous = doc;
			}
			ids[i] = previousId;
		}
		return ids;
	}

	/**
	 * Counts facet values over a set of documents (most frequent first, ties in value
	 * order), reading doc values directly.
	 */
	private Map<String, Map<String, Long>> facets(IndexSearcher searcher, List<Integer> docs) throws IOException {
		int[] sorted = docs.stream().mapToInt(Integer::intValue).sorted().toArray();
		return facets(searcher, sorted);
	}

	private Map<String, Map<String, Long>> facets(IndexSearcher searcher, int[] sorted) throws IOException {
		List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
		Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
		for (String field : IndexSchema.FACET_FIELDS) {
			Map<BytesRef, long[]> counts = new HashMap<>();
			int i = 0;
			while (i < sorted.length) {
				LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sorted[i], leaves));
				int leafEnd = leaf.docBase + leaf.reader().maxDoc();
				SortedSetDocValues values = DocValues.getSortedSet(leaf.reader(), field);
				long[] ords = new long[(int) Math.min(values.getValueCount(), Integer.MAX_VALUE - 8)];
				int previous = -1;
				for (; i < sorted.length && sorted[i] < leafEnd; i++) {
					if (sorted[i] != previous && values.advanceExact(sorted[i] - leaf.docBase)) {
						for (int v = 0; v < values.docValueCount(); v++) {
							ords[(int) values.nextOrd()]++;
						}
					}
					previous = sorted[i];
				}
				for (int ord = 0; ord < ords.length; ord++) {
					if (ords[ord] > 0) {
						BytesRef label = BytesRef.deepCopyOf(values.lookupOrd(ord));
						counts.computeIfAbsent(label, (l) -> new long[1])[0] += ords[ord];
					}
				}
			}
			facets.put(field, top(counts));
		}
		return facets;
	}

	/**
	 * Counts facet values over every match. Few matches: per matching document, from doc
	 * values. Many: per facet value, by walking the value's postings against the matches'
	 * bit set, which costs about one step per document in the index and field, however
	 * many documents match.
	 */
	private Map<String, Map<String, Long>> facets(IndexSearcher searcher, Matches matches) throws IOException {
		int maxDoc = searcher.getIndexReader().maxDoc();
		if (matches.total() * POSTINGS_FACETS_RATIO < maxDoc) {
			return facets(searcher, matches.docs());
		}
		Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
		for (String field : IndexSchema.FACET_FIELDS) {
			Map<BytesRef, long[]> counts = new HashMap<>();
			for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
				FixedBitSet bits = (leaf.ord < matches.perLeaf().length) ? matches.perLeaf()[leaf.ord] : null;
				Terms terms = leaf.reader().terms(field);
				if (bits == null || terms == null) {
					continue;
				}
				TermsEnum values = terms.iterator();
				PostingsEnum postings = null;
				FixedBitSet scratch = null;
				for (BytesRef value = values.next(); value != null; value = values.next()) {
					postings = values.postings(postings, PostingsEnum.NONE);
					long count = 0;
					if (values.docFreq() * 64L < bits.length()) {
						// rare value: test its few documents one by one
						for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings
							.nextDoc()) {
							if (bits.get(doc)) {
								count++;
							}
						}
					}
					else {
						// frequent value: its postings as a bit set, intersected word by
						// word
						if (scratch == null) {
							scratch = new FixedBitSet(bits.length());
						}
						else {
							scratch.clear();
						}
						if (postings.nextDoc() != DocIdSetIterator.NO_MORE_DOCS) {
							postings.intoBitSet(DocIdSetIterator.NO_MORE_DOCS, scratch, 0);
						}
						count = FixedBitSet.intersectionCount(bits, scratch);
					}
					if (count > 0) {
						counts.computeIfAbsent(BytesRef.deepCopyOf(value), (v) -> new long[1])[0] += count;
					}
				}
			}
			facets.put(field, top(counts));
		}
		return facets;
	}

	/** The most frequent values first, ties in value order, at most facetValues. */
	private Map<String, Long> top(Map<BytesRef, long[]> counts) {
		List<Map.Entry<BytesRef, long[]>> entries = new ArrayList<>(counts.entrySet());
		entries.sort(Comparator.comparingLong((Map.Entry<BytesRef, long[]> e) -> -e.getValue()[0])
			.thenComparing(Map.Entry::getKey));
		Map<String, Long> top = new LinkedHashMap<>();
		for (Map.Entry<BytesRef, long[]> entry : entries.subList(0,
				Math.min(entries.size(), this.settings.facetValues()))) {
			top.put(entry.getKey().utf8ToString(), entry.getValue()[0]);
		}
		return Collections.unmodifiableMap(top);
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
			case SCORE -> new Sort(DoubleField.newSortField(IndexSchema.SCORE, true, SortedNumericSelector.Type.MAX,
					Double.NEGATIVE_INFINITY), SortField.FIELD_SCORE, ID_ORDER);
		};
	}

	/** Documents with their ids and scores, best first, equal scores in id order. */
	private record Scored(List<Integer> docs, List<String> ids, List<Double> scores) {

		static Scored of(IndexSearcher searcher, ScoreDoc[] hits) throws IOException {
			int[] docs = new int[hits.length];
			for (int i = 0; i < hits.length; i++) {
				docs[i] = hits[i].doc;
			}
			String[] ids = Searches.ids(searcher, docs);
			Integer[] order = new Integer[hits.length];
			Arrays.setAll(order, (i) -> i);
			Arrays.sort(order,
					Comparator.comparingDouble((Integer i) -> -hits[i].score).thenComparing((Integer i) -> ids[i]));
			List<Integer> sortedDocs = new ArrayList<>(hits.length);
			List<String> sortedIds = new ArrayList<>(hits.length);
			List<Double> scores = new ArrayList<>(hits.length);
			for (int i : order) {
				sortedDocs.add(docs[i]);
				sortedIds.add(ids[i]);
				scores.add((double) hits[i].score);
			}
			return new Scored(sortedDocs, sortedIds, scores);
		}

		void index(Map<String, Integer> docsById) {
			for (int i = 0; i < this.ids.size(); i++) {
				docsById.put(this.ids.get(i), this.docs.get(i));
			}
		}

	}

	/**
	 * Above this share of the index (1 / ratio) matching, facets are counted from
	 * postings.
	 */
	private static final int POSTINGS_FACETS_RATIO = 8;

	/** Every match of a query: one bit set per leaf (null where none matched). */
	record Matches(FixedBitSet[] perLeaf, int[] docBases, long total) {

		static final CollectorManager<MatchCollector, Matches> MANAGER = new CollectorManager<>() {
			@Override
			public MatchCollector newCollector() {
				return new MatchCollector();
			}

			@Override
			public Matches reduce(Collection<MatchCollector> collectors) {
				int leaves = 0;
				long total = 0;
				for (MatchCollector collector : collectors) {
					leaves = Math.max(leaves, collector.leaves);
					total += collector.count;
				}
				FixedBitSet[] perLeaf = new FixedBitSet[leaves];
				int[] docBases = new int[leaves];
				for (MatchCollector collector : collectors) {
					collector.bits.forEach((ord, set) -> perLeaf[ord] = set);
					collector.bases.forEach((ord, base) -> docBases[ord] = base);
				}
				return new Matches(perLeaf, docBases, total);
			}
		};

		/** The matching documents' global ids, ascending. */
		int[] docs() {
			int[] docs = new int[(int) this.total];
			int i = 0;
			for (int leaf = 0; leaf < this.perLeaf.length; leaf++) {
				FixedBitSet bits = this.perLeaf[leaf];
				if (bits == null) {
					continue;
				}
				for (int doc = bits.nextSetBit(0); doc != DocIdSetIterator.NO_MORE_DOCS
						&& i < docs.length; doc = (doc + 1 < bits.length()) ? bits.nextSetBit(doc + 1)
								: DocIdSetIterator.NO_MORE_DOCS) {
					docs[i++] = this.docBases[leaf] + doc;
				}
			}
			return (i == docs.length) ? docs : Arrays.copyOf(docs, i);
		}

	}

	/** Marks matching documents in a bit set per leaf; never scores. */
	static final class MatchCollector implements Collector {

		final Map<Integer, FixedBitSet> bits = new HashMap<>();

		final Map<Integer, Integer> bases = new HashMap<>();

		int leaves;

		long count;

		@Override
		public LeafCollector getLeafCollector(LeafReaderContext context) {
			FixedBitSet set = new FixedBitSet(context.reader().maxDoc());
			this.bits.put(context.ord, set);
			this.bases.put(context.ord, context.docBase);
			this.leaves = Math.max(this.leaves, ReaderUtil.getTopLevelContext(context).leaves().size());
			return new LeafCollector() {
				@Override
				public void setScorer(Scorable scorer) {
					// no scores
				}

				@Override
				public void collect(int doc) {
					set.set(doc);
					MatchCollector.this.count++;
				}
			};
		}

		@Override
		public ScoreMode scoreMode() {
			return ScoreMode.COMPLETE_NO_SCORES;
		}

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
