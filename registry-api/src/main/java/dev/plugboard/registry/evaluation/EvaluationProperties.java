package dev.plugboard.registry.evaluation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The evaluation queue.
 *
 * @param leaseDuration how long a leased job stays a runner's without a heartbeat; after
 * that it goes back to the queue (or fails, when its attempts are spent)
 * @param heartbeatInterval how often runners are told to heartbeat; must be well below
 * the lease duration
 * @param maxAttempts leases a job may have before it fails for good (expired leases and
 * retryable failures both spend one)
 * @param reclaimInterval how often the hub returns jobs with expired leases to the queue
 * (leasing does it too, so this only keeps the status shown by the API current)
 * @param dispatchOnPublish queue jobs for matching benchmarks when a version is published
 */
@ConfigurationProperties("plugboard.evaluation")
public record EvaluationProperties(@DefaultValue("2m") Duration leaseDuration,
		@DefaultValue("30s") Duration heartbeatInterval, @DefaultValue("3") int maxAttempts,
		@DefaultValue("30s") Duration reclaimInterval, @DefaultValue("true") boolean dispatchOnPublish) {

	public EvaluationProperties {
		if (leaseDuration.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("plugboard.evaluation.lease-duration must be at least 1s");
		}
		if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()
				|| heartbeatInterval.compareTo(leaseDuration) >= 0) {
			throw new IllegalArgumentException(
					"plugboard.evaluation.heartbeat-interval must be positive and shorter than the lease duration");
		}
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("plugboard.evaluation.max-attempts must be at least 1");
		}
		if (reclaimInterval.isNegative() || reclaimInterval.isZero()) {
			throw new IllegalArgumentException("plugboard.evaluation.reclaim-interval must be positive");
		}
	}

}
