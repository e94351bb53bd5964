package dev.plugboard.registry.evaluation;

import java.time.Instant;
import java.util.UUID;

/**
 * An evaluation job: one version on one benchmark.
 *
 * @param trigger {@code publish} (queued by the publish itself) or {@code manual}
 * @param status {@code queued}, {@code leased}, {@code succeeded} or {@code failed}
 * @param attempts leases so far
 * @param leaseId the current lease's id (the runner's proof); never shown to others
 * @param leasedBy the runner of the current or last lease
 * @param lastError the last failure reason (a runner's report, or an expired lease)
 */
public record Job(long id, long versionId, String benchmarkId, long baseModelVersionId, String trigger, String status,
		int attempts, int maxAttempts, UUID leaseId, UUID leasedBy, Instant leaseExpiresAt, String lastError,
		Instant createdAt, Instant updatedAt, Instant finishedAt) {

	public static final String QUEUED = "queued";

	public static final String LEASED = "leased";

	public static final String SUCCEEDED = "succeeded";

	public static final String FAILED = "failed";

}
