package dev.plugboard.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link AdapterIndex} on an embedded Apache Lucene index in a local directory: BM25
 * over weighted text fields, HNSW kNN over one embedding per document, both with the same
 * pre-filters, fused by our own reciprocal rank fusion; facets from doc values; snippets
 * from the unified highlighter.
 * <p>
 * <b>Directory.</b> The given directory holds generations of the index (see
 * {@link #rebuild}); it is created if missing and must belong to one process (Lucene's
 * write lock enforces that).
 * <p>
 * <b>Visibility and durability.</b> Every {@link #upsert} and {@link #delete} commits and
 * refreshes the near-real-time searcher before returning, so the change is durable and
 * searchable at once. That costs a commit (an fsync, a few ms) per call: batch bulk
 * changes into one call.
 * <p>
 * <b>Threads.</b> Thread-safe. Searches never block each other or writes; writes embed
 * their documents outside any lock. A rebuild runs on the caller's thread while searches
 * and writes continue on the live index; writes during a rebuild go to both indexes, and
 * a document written during the rebuild wins over the rebuild's copy of it.
 * <p>
 * <b>Never mixed.</b> The index records its schema version and embedding model (id and
 * dimension) in every commit. When the directory is empty, unreadable, built with another
 * schema or model, or was never completely built, {@link #needsRebuild()} is true and an
 * empty index is served until {@link #rebuild} runs: a vector of one model is never
 * compared with a vector of another.
 * <p>
 * The index does not own the embedder: close it separately, after the index.
 */
public final class LuceneAdapterIndex implements AdapterIndex {

	private static final Logger logger = LoggerFactory.getLogger(LuceneAdapterIndex.class);

	private static final int EMBED_BATCH = 64;

	private final IndexLayout layout;

	private final TextEmbedder embedder;

	private final Analyzer analyzer;

	private final Searches searches;

	/** Serialises writes and the generation switch; never held while embedding. */
	private final ReentrantLock writeLock = new ReentrantLock();

	private final ReentrantLock rebuildLock = new ReentrantLock();

	private final AtomicBoolean closed = new AtomicBoolean();

	private volatile Generation current;

	/** The generation a rebuild is writing, guarded by {@link #writeLock}. */
	private Building building;

	private volatile boolean needsRebuild;

	private LuceneAdapterIndex(IndexLayout layout, TextEmbedder embedder, Analyzer analyzer, Settings settings,
			Generation current, boolean needsRebuild) {
		this.layout = layout;
		this.embedder = embedder;
		this.analyzer = analyzer;
		this.current = current;
		this.needsRebuild = needsRebuild;
		this.searches = new Searches(this::acquire, embedder, analyzer, settings);
	}

	/**
	 * Opens the index in a directory with default {@link Settings}.
	 * @param directory the index's own directory, created if missing
	 * @param embedder the embedder for documents and queries (not closed by the index)
	 * @return the open index; when the directory is missing, corrupt, or was built with
	 * another schema version or embedding model, {@link #needsRebuild()} is true (it
	 * never silently mixes)
	 * @throws UncheckedIOException if the directory cannot be used at all, e.g. another
	 * process holds it
	 */
	public static LuceneAdapterIndex open(Path directory, TextEmbedder embedder) {
		return open(directory, embedder, Settings.defaults());
	}

	/**
	 * Opens the index in a directory.
	 * @param directory the index's own directory, created if missing
	 * @param embedder the embedder for documents and queries (not closed by the index)
	 * @param settings tuning settings
	 * @return the open index
	 * @see #open(Path, TextEmbedder)
	 */
	public static LuceneAdapterIndex open(Path directory, TextEmbedder embedder, Settings settings) {
		Objects.requireNonNull(embedder, "embedder");
		Objects.requireNonNull(settings, "settings");
		Analyzer analyzer = new AdapterAnalyzer();
		try {
			Files.createDirectories(directory);
			IndexLayout layout = new IndexLayout(directory);
			Generation generation = null;
			String problem;
			Optional<Path> live = layout.current();
			boolean newDirectory = live.isEmpty() && layout.generations().isEmpty();
			if (live.isEmpty() || !Files.isDirectory(live.get())) {
				problem = "there is no index yet";
			}
			else {
				try {
					Map<String, String> data = readCommitData(live.get());
					problem = mismatch(data, embedder);
					if (problem == null) {
						generation = Generation.open(live.get(), analyzer, false, data);
						generation.openSearchers();
						if (!"true".equals(data.get(IndexSchema.DATA_COMPLETE))) {
							problem = "it was never completely built";
						}
					}
				}
				catch (LockObtainFailedException ex) {
					throw new UncheckedIOException("The search index in " + directory + " is in use", ex);
				}
				catch (IOException | RuntimeException ex) {
					problem = "it cannot be read (" + ex + ")";
					if (generation != null) {
						generation.retire();
						generation = null;
					}
				}
			}
			if (generation == null) {
				generation = Generation.open(layout.next(), analyzer, true, expectedCommitData(embedder, false));
				generation.openSearchers();
				layout.makeCurrent(generation.path);
			}
			layout.deleteAllBut(generation.path);
			if (problem != null && newDirectory) {
				logger.info("The search index in {} needs a rebuild: {}", directory, problem);
			}
			else if (problem != null) {
				logger.warn("The search index in {} needs a rebuild: {}", directory, problem);
			}
			else {
				logger.info("Opened the search index in {} ({})", generation.path, embedder.modelId());
			}
			return new LuceneAdapterIndex(layout, embedder, analyzer, settings, generation, problem != null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open the search index in " + directory, ex);
		}
	}

	private static Map<String, String> readCommitData(Path path) throws IOException {
		try (Directory directory = FSDirectory.open(path)) {
			return SegmentInfos.readLatestCommit(directory).getUserData();
		}
	}

	private static String mismatch(Map<String, String> data, TextEmbedder embedder) {
		String schema = data.get(IndexSchema.DATA_SCHEMA);
		if (!Integer.toString(IndexSchema.VERSION).equals(schema)) {
			return "it has schema version " + schema + ", not " + IndexSchema.VERSION;
		}
		String model = data.get(IndexSchema.DATA_MODEL);
		String dimension = data.get(IndexSchema.DATA_DIMENSION);
		if (!embedder.modelId().equals(model) || !Integer.toString(embedder.dimension()).equals(dimension)) {
			return "it was embedded with " + model + " (" + dimension + " dimensions), not " + embedder.modelId() + " ("
					+ embedder.dimension() + ")";
		}
		return null;
	}

	private static Map<String, String> expectedCommitData(TextEmbedder embedder, boolean complete) {
		return Map.of(IndexSchema.DATA_SCHEMA, Integer.toString(IndexSchema.VERSION), IndexSchema.DATA_MODEL,
				embedder.modelId(), IndexSchema.DATA_DIMENSION, Integer.toString(embedder.dimension()),
				IndexSchema.DATA_COMPLETE, Boolean.toString(complete));
	}

	/**
	 * Tells whether the index must be rebuilt from the source of truth: it was missing,
	 * unreadable, built with another schema version or embedding model, or never
	 * completely built. Until then searches see only what was upserted since. False after
	 * a successful {@link #rebuild}.
	 * @return whether a rebuild is needed
	 */
	public boolean needsRebuild() {
		return this.needsRebuild;
	}

	/**
	 * Builds a fresh index from all documents in a sibling directory, then switches to it
	 * atomically (on disk and in memory). Searches and writes keep working on the live
	 * index meanwhile; writes are applied to both. Documents are embedded in batches of
	 * {@value #EMBED_BATCH}. One rebuild runs at a time; a second call waits. If it
	 * fails, the live index stays as it was and the partial one is deleted.
	 * @param all every document, e.g. streamed from the database; for repeated ids the
	 * last one wins
	 */
	public void rebuild(Iterator<AdapterDocument> all) {
		Objects.requireNonNull(all, "all");
		ensureOpen();
		this.rebuildLock.lock();
		try {
			rebuildLocked(all);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Rebuilding the search index failed", ex);
		}
		finally {
			this.rebuildLock.unlock();
		}
	}

	private void rebuildLocked(Iterator<AdapterDocument> all) throws IOException {
		long start = System.nanoTime();
		Generation fresh = Generation.open(this.layout.next(), this.analyzer, true,
				expectedCommitData(this.embedder, false));
		Building target = new Building(fresh, ConcurrentHashMap.newKeySet());
		boolean switched = false;
		this.writeLock.lock();
		try {
			this.building = target;
		}
		finally {
			this.writeLock.unlock();
		}
		try {
			long count = 0;
			List<AdapterDocument> batch = new ArrayList<>(EMBED_BATCH);
			while (all.hasNext()) {
				batch.add(Objects.requireNonNull(all.next(), "document"));
				if (batch.size() == EMBED_BATCH) {
					count += writeRebuildBatch(target, batch);
					batch.clear();
				}
			}
			count += writeRebuildBatch(target, batch);
			// One segment: one HNSW graph to search instead of one per segment, and
			// the fewest per-segment costs for every query. Writes made meanwhile
			// may add small segments; the merge policy folds them in later.
			fresh.writer.forceMerge(1);
			// The bulk fsync happens here, outside the lock; the commit below
			// adds only the writes that arrived meanwhile.
			fresh.commit();
			this.writeLock.lock();
			try {
				ensureOpen();
				fresh.commitData(IndexSchema.DATA_COMPLETE, "true");
				fresh.commit();
				fresh.openSearchers();
				this.layout.makeCurrent(fresh.path);
				Generation old = this.current;
				this.current = fresh;
				this.building = null;
				this.needsRebuild = false;
				switched = true;
				old.retire();
			}
			finally {
				this.writeLock.unlock();
			}
			logger.info("Rebuilt the search index in {}: {} documents in {} ms", fresh.path, count,
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
		}
		finally {
			if (!switched) {
				this.writeLock.lock();
				try {
					this.building = null;
				}
				finally {
					this.writeLock.unlock();
				}
				fresh.retire();
			}
		}
	}

	private int writeRebuildBatch(Building target, List<AdapterDocument> batch) throws IOException {
		ensureOpen();
		if (batch.isEmpty()) {
			return 0;
		}
		List<Document> docs = toDocuments(batch);
		this.writeLock.lock();
		try {
			for (int i = 0; i < batch.size(); i++) {
				String id = batch.get(i).id();
				// A write since the rebuild began is newer than the source's copy.
				if (!target.touched().contains(id)) {
					target.generation().writer.updateDocument(IndexSchema.idTerm(id), docs.get(i));
				}
			}
		}
		finally {
			this.writeLock.unlock();
		}
		return batch.size();
	}

	@Override
	public void upsert(List<AdapterDocument> documents) {
		Objects.requireNonNull(documents, "documents");
		ensureOpen();
		Map<String, AdapterDocument> unique = new LinkedHashMap<>();
		for (AdapterDocument document : documents) {
			unique.put(Objects.requireNonNull(document, "document").id(), document);
		}
		List<AdapterDocument> all = new ArrayList<>(unique.values());
		Set<Generation> written = new HashSet<>();
		try {
			for (int from = 0; from < all.size(); from += EMBED_BATCH) {
				List<AdapterDocument> batch = all.subList(from, Math.min(all.size(), from + EMBED_BATCH));
				List<Document> docs = toDocuments(batch);
				write(written, (generation, target) -> {
					for (int i = 0; i < batch.size(); i++) {
						String id = batch.get(i).id();
						generation.writer.updateDocument(IndexSchema.idTerm(id), docs.get(i));
						if (target != null) {
							target.touched().add(id);
							target.generation().writer.updateDocument(IndexSchema.idTerm(id), docs.get(i));
						}
					}
				});
			}
			publish(written);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Writing to the search index failed", ex);
		}
		finally {
			written.forEach(Generation::decRef);
		}
	}

	@Override
	public void delete(List<String> ids) {
		Objects.requireNonNull(ids, "ids");
		ensureOpen();
		Set<Generation> written = new HashSet<>();
		try {
			write(written, (generation, target) -> {
				for (String id : ids) {
					generation.writer.deleteDocuments(IndexSchema.idTerm(id));
					if (target != null) {
						target.touched().add(id);
						target.generation().writer.deleteDocuments(IndexSchema.idTerm(id));
					}
				}
			});
			publish(written);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Writing to the search index failed", ex);
		}
		finally {
			written.forEach(Generation::decRef);
		}
	}

	/**
	 * Applies a write to the live generation (and to the one being rebuilt), holding a
	 * reference on the live one until {@link #publish}.
	 */
	private void write(Set<Generation> written, Write write) throws IOException {
		this.writeLock.lock();
		try {
			ensureOpen();
			Generation live = this.current;
			if (!written.contains(live)) {
				if (!live.tryIncRef()) {
					throw new IllegalStateException("The search index is closed");
				}
				written.add(live);
			}
			write.apply(live, this.building);
		}
		finally {
			this.writeLock.unlock();
		}
	}

	/** Commits and refreshes, outside the write lock. */
	private static void publish(Set<Generation> written) throws IOException {
		for (Generation generation : written) {
			if (generation.writer.isOpen()) {
				generation.commit();
				generation.refresh();
			}
		}
	}

	private List<Document> toDocuments(List<AdapterDocument> batch) {
		float[][] vectors = this.embedder.embed(batch.stream().map(EmbeddingText::compose).toList());
		List<Document> docs = new ArrayList<>(batch.size());
		for (int i = 0; i < batch.size(); i++) {
			if (vectors[i].length != this.embedder.dimension()) {
				throw new IllegalStateException(
						"The embedder returned " + vectors[i].length + " dimensions, not " + this.embedder.dimension());
			}
			docs.add(IndexSchema.toDocument(batch.get(i), vectors[i]));
		}
		return docs;
	}

	@Override
	public SearchResult search(SearchQuery query) {
		Objects.requireNonNull(query, "query");
		ensureOpen();
		return this.searches.search(query);
	}

	@Override
	public long count() {
		Generation generation = acquire();
		try {
			IndexSearcher searcher = generation.searchers().acquire();
			try {
				return searcher.getIndexReader().numDocs();
			}
			finally {
				generation.searchers().release(searcher);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			generation.decRef();
		}
	}

	@Override
	public IndexInfo info() {
		return new IndexInfo(IndexSchema.VERSION, this.embedder.modelId(), this.embedder.dimension(), count());
	}

	/** Takes a reference on the live generation; the caller must {@code decRef()} it. */
	private Generation acquire() {
		while (true) {
			ensureOpen();
			Generation generation = this.current;
			if (generation.tryIncRef()) {
				return generation;
			}
		}
	}

	private void ensureOpen() {
		if (this.closed.get()) {
			throw new IllegalStateException("The search index is closed");
		}
	}

	/**
	 * Commits and closes the index; a running rebuild is abandoned. Searches still
	 * running finish first (the files are released by the last of them). Idempotent.
	 */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.writeLock.lock();
		try {
			this.current.commitAndRelease();
		}
		finally {
			this.writeLock.unlock();
		}
		logger.debug("Closed the search index in {}", this.layout.root());
	}

	/**
	 * Tuning settings.
	 *
	 * @param rrfRankConstant the k of reciprocal rank fusion; larger values flatten the
	 * advantage of top ranks (60 is the literature's and OpenSearch's default)
	 * @param candidates how many candidates semantic search and each half of hybrid
	 * search retrieve at least; the actual count is {@code max(candidates, 3 × limit)}
	 * @param facetValues how many values each facet lists at most
	 */
	public record Settings(int rrfRankConstant, int candidates, int facetValues) {

		public Settings {
			if (rrfRankConstant < 1 || candidates < 1 || facetValues < 1) {
				throw new IllegalArgumentException("Settings must be positive");
			}
		}

		/**
		 * Returns the defaults: rank constant 60, 100 candidates, 50 facet values.
		 * @return the default settings
		 */
		public static Settings defaults() {
			return new Settings(60, 100, 50);
		}

	}

	private record Building(Generation generation, Set<String> touched) {
	}

	@FunctionalInterface
	private interface Write {

		void apply(Generation live, Building target) throws IOException;

	}

}
