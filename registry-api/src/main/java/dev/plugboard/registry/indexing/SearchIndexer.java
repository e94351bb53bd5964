package dev.plugboard.registry.indexing;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.plugboard.registry.adapter.AdapterCatalog;
import dev.plugboard.search.AdapterDocument;
import dev.plugboard.search.LuceneAdapterIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the search index in step with PostgreSQL. Changes arrive through the outbox
 * written with each change; rows are taken with {@code FOR UPDATE SKIP LOCKED} and
 * deleted only in the transaction that indexed them, so a crash at any point loses
 * nothing (a change may be indexed twice, which is harmless). On start the index is
 * rebuilt from the database when missing, corrupt, or built with another schema or
 * embedding model; the rebuild is built aside and swapped in, so search stays up.
 */
@Component
@ConditionalOnProperty(name = "plugboard.search.enabled", havingValue = "true", matchIfMissing = true)
class SearchIndexer {

	private static final Logger log = LoggerFactory.getLogger(SearchIndexer.class);

	private static final int BATCH = 500;

	private final LuceneAdapterIndex index;

	private final AdapterCatalog catalog;

	private final AdapterDocuments documents;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final AtomicBoolean ready = new AtomicBoolean();

	SearchIndexer(LuceneAdapterIndex index, AdapterCatalog catalog, AdapterDocuments documents, JdbcTemplate jdbc,
			TransactionTemplate transaction) {
		this.index = index;
		this.catalog = catalog;
		this.documents = documents;
		this.jdbc = jdbc;
		this.transaction = transaction;
	}

	/**
	 * Rebuilds in the background: the hub is up at once, and search answers from the old
	 * index meanwhile.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void rebuildWhenNeeded() {
		Thread.ofVirtual().name("search-rebuild").start(this::rebuildNow);
	}

	private void rebuildNow() {
		try {
			if (this.index.needsRebuild()) {
				long start = System.nanoTime();
				long maxOutboxId = currentOutboxId();
				this.index.rebuild(allDocuments());
				// Everything up to here is in the rebuilt index.
				this.jdbc.update("delete from search_outbox where id <= ?", maxOutboxId);
				log.info("Rebuilt the search index from the database ({} repositories) in {} ms", this.index.count(),
						(System.nanoTime() - start) / 1_000_000);
			}
		}
		catch (RuntimeException ex) {
			log.error("Rebuilding the search index failed; changes are still indexed from the outbox", ex);
		}
		finally {
			this.ready.set(true);
		}
	}

	@Scheduled(fixedDelayString = "${plugboard.search.poll-interval:200ms}")
	void drainOutbox() {
		if (!this.ready.get()) {
			return;
		}
		int indexed;
		do {
			indexed = this.transaction.execute((status) -> indexBatch());
		}
		while (indexed == BATCH);
	}

	/** Indexes one batch of outbox rows and deletes them, in one transaction. */
	int indexBatch() {
		List<Map<String, Object>> rows = this.jdbc
			.queryForList("select id, adapter_id from search_outbox order by id limit ? for update skip locked", BATCH);
		if (rows.isEmpty()) {
			return 0;
		}
		List<Long> ids = rows.stream().map((row) -> ((Number) row.get("id")).longValue()).toList();
		List<Long> adapterIds = rows.stream()
			.map((row) -> ((Number) row.get("adapter_id")).longValue())
			.distinct()
			.toList();
		this.index.upsert(this.documents.of(this.catalog.byIds(adapterIds)));
		this.jdbc.update("delete from search_outbox where id = any(?)", (Object) ids.toArray(Long[]::new));
		return rows.size();
	}

	private long currentOutboxId() {
		Long max = this.jdbc.queryForObject("select coalesce(max(id), 0) from search_outbox", Long.class);
		return (max != null) ? max : 0;
	}

	private Iterator<AdapterDocument> allDocuments() {
		List<Long> ids = this.catalog.allIds();
		return new Iterator<>() {

			private int next;

			private Iterator<AdapterDocument> page = List.<AdapterDocument>of().iterator();

			@Override
			public boolean hasNext() {
				while (!this.page.hasNext() && this.next < ids.size()) {
					List<Long> slice = ids.subList(this.next, Math.min(ids.size(), this.next + BATCH));
					this.next += slice.size();
					this.page = SearchIndexer.this.transaction
						.execute((status) -> SearchIndexer.this.documents.of(SearchIndexer.this.catalog.byIds(slice)))
						.iterator();
				}
				return this.page.hasNext();
			}

			@Override
			public AdapterDocument next() {
				if (!hasNext()) {
					throw new java.util.NoSuchElementException();
				}
				return this.page.next();
			}

		};
	}

}
