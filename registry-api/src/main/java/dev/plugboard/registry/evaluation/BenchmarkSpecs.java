package dev.plugboard.registry.evaluation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.plugboard.runner.benchmark.BenchmarkSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a benchmark spec: first what the hub itself relies on (every problem listed at
 * once: the id, when given, is the benchmark's; input columns, label column, metrics, the
 * primary metric among them, the AdapterHub task and subtask), then the whole format with
 * the runner's own parser ({@link BenchmarkSpec}), so the hub holds only specs runners
 * can read.
 */
final class BenchmarkSpecs {

	static final int MAX_CHARS = 64 * 1024;

	private static final Pattern METRIC = Pattern.compile("[a-z][a-z0-9_]{0,63}");

	private static final Pattern TAXONOMY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,127}");

	private BenchmarkSpecs() {
	}

	/**
	 * @return the spec with {@code id} set to the benchmark's id
	 * @throws EvaluationProblem of kind {@code invalid-benchmark-spec} listing every
	 * violation
	 */
	static ObjectNode check(String id, JsonNode body) {
		if (body == null || !body.isObject()) {
			throw new EvaluationProblem("invalid-benchmark-spec", "A benchmark spec is a JSON object").with("benchmark",
					id);
		}
		ObjectNode spec = ((ObjectNode) body).deepCopy();
		List<Map<String, String>> violations = new ArrayList<>();
		JsonNode given = spec.get("id");
		if (given != null && !(given.isString() && given.stringValue().equals(id))) {
			violations.add(violation("id", "must be '" + id + "', the benchmark's id, or be left out"));
		}
		spec.put("id", id);
		JsonNode inputs = spec.get("input_columns");
		if (inputs == null || !inputs.isArray() || inputs.isEmpty() || inputs.size() > 2 || !allStrings(inputs)) {
			violations.add(violation("input_columns", "must be an array of one or two column names"));
		}
		requireString(spec, "label_column", true, violations);
		requireString(spec, "split", false, violations);
		requireString(spec, "dataset_file", false, violations);
		requireString(spec, "license", false, violations);
		JsonNode labels = spec.get("labels");
		if (labels != null && !labels.isNull() && !(labels.isArray() && allStrings(labels)) && !(labels.isObject())) {
			violations.add(violation("labels", "must be an array of label names or an object"));
		}
		JsonNode examples = spec.get("examples");
		if (examples != null && !examples.isNull() && !(examples.isIntegralNumber() && examples.longValue() >= 0)) {
			violations.add(violation("examples", "must be a non-negative integer"));
		}
		Set<String> metrics = new HashSet<>();
		JsonNode metricList = spec.get("metrics");
		if (metricList == null || !metricList.isArray() || metricList.isEmpty()) {
			violations.add(violation("metrics", "must be a non-empty array of metric names"));
		}
		else {
			for (JsonNode metric : metricList) {
				if (!metric.isString() || !METRIC.matcher(metric.stringValue()).matches()) {
					violations.add(violation("metrics", "metric names are lower-case words such as 'accuracy'"));
					break;
				}
				metrics.add(metric.stringValue());
			}
		}
		JsonNode primary = spec.get("primary_metric");
		if (primary == null || !primary.isString()) {
			violations.add(violation("primary_metric", "is required: the metric leaderboards rank by"));
		}
		else if (!metrics.isEmpty() && !metrics.contains(primary.stringValue())) {
			violations.add(violation("primary_metric", "must be one of the metrics " + metrics));
		}
		String task = taxonomy(spec, "adapterhub_task", violations);
		String subtask = taxonomy(spec, "adapterhub_subtask", violations);
		if ((task == null) != (subtask == null)) {
			violations.add(violation("adapterhub_subtask", "adapterhub_task and adapterhub_subtask go together"));
		}
		if (spec.toString().length() > MAX_CHARS) {
			violations.add(violation("spec", "is longer than " + MAX_CHARS + " characters"));
		}
		if (violations.isEmpty()) {
			// The runner's parser is the authority on the format: what it refuses, no
			// runner could run.
			try {
				BenchmarkSpec.fromJson(spec.toString());
			}
			catch (IllegalArgumentException ex) {
				violations.add(violation("spec", ex.getMessage()));
			}
		}
		if (!violations.isEmpty()) {
			throw new EvaluationProblem("invalid-benchmark-spec",
					"The spec of benchmark " + id + " is not valid: " + violations.size() + " problem(s)")
				.with("benchmark", id)
				.with("violations", violations);
		}
		return spec;
	}

	static String text(ObjectNode spec, String field) {
		JsonNode value = spec.get(field);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	private static String taxonomy(ObjectNode spec, String field, List<Map<String, String>> violations) {
		JsonNode value = spec.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString() || !TAXONOMY.matcher(value.stringValue()).matches()) {
			violations.add(violation(field, "must be an AdapterHub task or subtask name such as 'sentiment'"));
			return null;
		}
		return value.stringValue();
	}

	private static void requireString(ObjectNode spec, String field, boolean required,
			List<Map<String, String>> violations) {
		JsonNode value = spec.get(field);
		if (value == null || value.isNull()) {
			if (required) {
				violations.add(violation(field, "is required"));
			}
			return;
		}
		if (!value.isString() || value.stringValue().isBlank() || value.stringValue().length() > 1000) {
			violations.add(violation(field, "must be a non-empty string"));
		}
	}

	private static boolean allStrings(JsonNode array) {
		for (JsonNode item : array) {
			if (!item.isString() || item.stringValue().isBlank()) {
				return false;
			}
		}
		return true;
	}

	private static Map<String, String> violation(String subject, String reason) {
		Map<String, String> violation = new LinkedHashMap<>();
		violation.put("subject", subject);
		violation.put("reason", reason);
		return violation;
	}

}
