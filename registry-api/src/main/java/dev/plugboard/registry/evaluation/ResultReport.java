package dev.plugboard.registry.evaluation;

import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * A runner's result for its lease.
 *
 * @param metrics metric name → value
 * @param primaryMetric which metric the runner considers primary; when given, it must be
 * the benchmark's
 * @param timingsMs where the time went ({@code fetch}, {@code load}, {@code compute}, …)
 * @param runtime versions of the runtime that computed it (JSON object)
 */
public record ResultReport(UUID leaseId, Map<String, Double> metrics, String primaryMetric, String device,
		Long durationMs, Long examples, Double examplesPerSecond, Map<String, Double> timingsMs, JsonNode runtime) {
}
