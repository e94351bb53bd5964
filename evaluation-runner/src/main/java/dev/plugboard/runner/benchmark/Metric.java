package dev.plugboard.runner.benchmark;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A metric a benchmark may report, named as in the benchmark spec JSON and in GLUE.
 */
public enum Metric {

	/** Share of examples whose predicted class is the gold class. */
	ACCURACY("accuracy"),

	/** Binary F1 of the positive class (class id 1); only for two-label benchmarks. */
	F1("f1"),

	/** Matthews correlation coefficient (binary or multiclass, as scikit-learn). */
	MATTHEWS_CORRELATION("matthews_correlation"),

	/** Pearson correlation of predicted and gold class ids. */
	PEARSON("pearson"),

	/**
	 * Spearman rank correlation (average ranks for ties) of predicted and gold class ids.
	 */
	SPEARMAN("spearman");

	private final String id;

	Metric(String id) {
		this.id = id;
	}

	/**
	 * The metric's name in JSON, e.g. {@code matthews_correlation}.
	 * @return the name
	 */
	public String id() {
		return this.id;
	}

	/**
	 * The metric with the given JSON name.
	 * @param id the name, e.g. {@code accuracy}
	 * @return the metric
	 * @throws IllegalArgumentException when no metric has that name
	 */
	public static Metric of(String id) {
		for (Metric metric : values()) {
			if (metric.id.equals(id)) {
				return metric;
			}
		}
		throw new IllegalArgumentException("unknown metric '" + id + "'; known: "
				+ Arrays.stream(values()).map(Metric::id).collect(Collectors.joining(", ")));
	}

	@Override
	public String toString() {
		return this.id;
	}

}
