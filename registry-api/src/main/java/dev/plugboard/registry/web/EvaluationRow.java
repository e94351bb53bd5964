package dev.plugboard.registry.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.plugboard.registry.adapter.AdapterVersion;
import dev.plugboard.registry.evaluation.Result;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One result in the evaluations table. */
record EvaluationRow(String version, String benchmark, String metric, String value, String otherMetrics, String device,
		Instant createdAt) {

	static EvaluationRow of(AdapterVersion version, Result result, JsonMapper json) {
		List<String> others = new ArrayList<>();
		JsonNode metrics = json.readTree(result.metrics());
		metrics.propertyNames().forEach((metric) -> {
			if (!metric.equals(result.primaryMetric()) && metrics.get(metric).isNumber()) {
				others.add(metric + " " + ScoreChart.format(metrics.get(metric).asDouble()));
			}
		});
		return new EvaluationRow(version.getVersion(), result.benchmarkId(), result.primaryMetric(),
				ScoreChart.format(result.primaryValue()), String.join(", ", others), result.device(),
				result.createdAt());
	}

}
