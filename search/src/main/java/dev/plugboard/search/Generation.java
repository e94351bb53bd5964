package dev.plugboard.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Lucene index directory with its single writer and near-real-time searcher manager.
 * Reference-counted: searches and writes hold a reference, so a generation replaced by a
 * rebuild is closed (and its directory deleted) only after the last search on it ends.
 */
final class Generation {

	private static final Logger logger = LoggerFactory.getLogger(Generation.class);

	private static final double RAM_BUFFER_MB = 128;

	final Path path;

	final Directory directory;

	final IndexWriter writer;

	private final Map<String, String> commitData;

	private volatile SearcherManager searchers;

	/** One for being live (or being built) plus one per operation in flight. */
	private final AtomicInteger refs = new AtomicInteger(1);

	private volatile boolean deleteWhenClosed;

	private Generation(Path path, Directory directory, IndexWriter writer, Map<String, String> commitData) {
		this.path = path;
		this.directory = directory;
		this.writer = writer;
		this.commitData = new HashMap<>(commitData);
	}

	/**
	 * Opens (or creates) the index in a directory.
	 * @param create whether to create a new index, else open the existing one
	 * @param commitData the user data every commit records
	 */
	static Generation open(Path path, Analyzer analyzer, boolean create, Map<String, String> commitData)
			throws IOException {
		Directory directory = FSDirectory.open(path);
		IndexWriter writer = null;
		try {
			IndexWriterConfig config = new IndexWriterConfig(analyzer)
				.setOpenMode(create ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.APPEND)
				.setRAMBufferSizeMB(RAM_BUFFER_MB)
				.setCommitOnClose(false)
				.setCodec(IndexSchema.codec());
			writer = new IndexWriter(directory, config);
			Generation generation = new Generation(path, directory, writer, commitData);
			if (create) {
				generation.commit();
			}
			return generation;
		}
		catch (IOException | RuntimeException ex) {
			IOUtils.closeWhileHandlingException(writer, directory);
			throw ex;
		}
	}

	/** Starts serving searches from this generation's writer (near-real-time). */
	void openSearchers() throws IOException {
		this.searchers = new SearcherManager(this.writer, true, false, new SearcherFactory());
	}

	SearcherManager searchers() {
		return this.searchers;
	}

	synchronized void commitData(String key, String value) {
		this.commitData.put(key, value);
	}

	synchronized Map<String, String> commitData() {
		return Map.copyOf(this.commitData);
	}

	/** Commits with this generation's user data. */
	void commit() throws IOException {
		synchronized (this) {
			this.writer.setLiveCommitData(Map.copyOf(this.commitData).entrySet());
		}
		this.writer.commit();
	}

	/** Makes recent writes visible to new searches, waiting if a refresh is under way. */
	void refresh() throws IOException {
		SearcherManager manager = this.searchers;
		if (manager != null) {
			manager.maybeRefreshBlocking();
		}
	}

	boolean tryIncRef() {
		while (true) {
			int count = this.refs.get();
			if (count <= 0) {
				return false;
			}
			if (this.refs.compareAndSet(count, count + 1)) {
				return true;
			}
		}
	}

	void decRef() {
		if (this.refs.decrementAndGet() == 0) {
			closeNow();
		}
	}

	/**
	 * Drops the live reference of a generation that is being replaced or abandoned: it
	 * closes without committing once no operation uses it, then its directory goes.
	 */
	void retire() {
		this.deleteWhenClosed = true;
		decRef();
	}

	private void closeNow() {
		try {
			if (this.deleteWhenClosed) {
				IOUtils.close(this.searchers, () -> this.writer.rollback(), this.directory);
				IndexLayout.delete(this.path);
			}
			else {
				IOUtils.close(this.searchers, this.writer, this.directory);
			}
		}
		catch (IOException ex) {
			logger.warn("Closing index generation {} failed", this.path, ex);
		}
	}

	/** Commits and closes a generation that stays on disk (index shutdown). */
	void commitAndRelease() {
		try {
			if (this.writer.isOpen()) {
				commit();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot commit the search index in " + this.path, ex);
		}
		finally {
			decRef();
		}
	}

}
