package dev.plugboard.registry.evaluation;

import java.time.Instant;
import java.util.UUID;

/**
 * The score of a version on a benchmark (JSON columns as text).
 *
 * @param datasetSha256 the dataset it was computed on
 * @param runner the runner that computed it
 */
public record Result(long jobId, long versionId, String benchmarkId, long baseModelVersionId, String datasetSha256,
		String metrics, String primaryMetric, double primaryValue, String device, Long durationMs, Long examples,
		Double examplesPerSecond, String timingsMs, String runtime, UUID runner, Instant createdAt) {
}
