package dev.plugboard.registry.evaluation;

import java.util.UUID;

/**
 * A runner's failure for its lease.
 *
 * @param reason one line for people (kept as the job's last error)
 * @param logs the tail of the runner's log for this job, or null
 * @param retryable false for failures another attempt cannot fix (the adapter does not
 * fit the base model, broken tensor shapes): the job fails at once
 */
public record FailureReport(UUID leaseId, String reason, String logs, boolean retryable) {
}
