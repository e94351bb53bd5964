package dev.plugboard.registry.evaluation;

import java.time.Instant;

/**
 * A benchmark task held by the hub.
 *
 * @param id {@code namespace/name}, such as {@code glue/sst2}
 * @param spec the spec as JSON text (what runners read)
 * @param adapterhubTask the AdapterHub task it serves, or null (only manual triggers
 * then)
 * @param adapterhubSubtask the AdapterHub subtask it serves, or null
 * @param primaryMetric the metric leaderboards rank by (higher is better)
 * @param datasetSha256 the dataset file's sha256, null until it is uploaded
 * @param datasetSize its size in bytes
 * @param datasetBlobKey its content address in object storage
 * @param datasetMediaType the media type it was uploaded with
 */
public record Benchmark(String id, String namespace, String name, String spec, String adapterhubTask,
		String adapterhubSubtask, String primaryMetric, String datasetSha256, Long datasetSize, String datasetBlobKey,
		String datasetMediaType, Instant createdAt, Instant updatedAt) {

	public boolean hasDataset() {
		return this.datasetSha256 != null;
	}

}
