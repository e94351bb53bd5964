package dev.plugboard.registry.adapter;

import java.time.Instant;

import dev.plugboard.registry.system.StorageProperties;
import dev.plugboard.storage.BlobInfo;
import dev.plugboard.storage.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes what a crash can leave behind: staging objects of uploads that never finished,
 * and content-addressed blobs no version (or benchmark dataset) refers to (moved just
 * before a commit that did not happen). Only objects older than the grace period are
 * touched, so uploads in flight are safe.
 */
@Component
public class BlobSweeper {

	private static final Logger log = LoggerFactory.getLogger(BlobSweeper.class);

	private final BlobStore blobs;

	private final VersionFileRepository files;

	private final StorageProperties storage;

	private final JdbcTemplate jdbc;

	BlobSweeper(BlobStore blobs, VersionFileRepository files, StorageProperties storage, JdbcTemplate jdbc) {
		this.blobs = blobs;
		this.files = files;
		this.storage = storage;
		this.jdbc = jdbc;
	}

	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT15M")
	void sweepPeriodically() {
		sweep(Instant.now().minus(this.storage.sweepGrace()));
	}

	/**
	 * @return how many objects were removed
	 */
	public int sweep(Instant olderThan) {
		int removed = this.blobs.sweepStaging(olderThan);
		for (BlobInfo blob : this.blobs.list("blobs/")) {
			if (blob.lastModified().isBefore(olderThan) && !this.files.existsByBlobKey(blob.key())
					&& !isBenchmarkDataset(blob.key())) {
				this.blobs.delete(blob.key());
				removed++;
			}
		}
		if (removed > 0) {
			log.info("Swept {} leftover objects from storage", removed);
		}
		return removed;
	}

	/** Benchmark datasets are content-addressed blobs too. */
	private boolean isBenchmarkDataset(String key) {
		return Boolean.TRUE.equals(this.jdbc
			.queryForObject("select exists (select 1 from benchmarks where dataset_blob_key = ?)", Boolean.class, key));
	}

}
