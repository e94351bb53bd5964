package dev.plugboard.runner.benchmark;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The GLUE metrics, defined as scikit-learn and SciPy (which GLUE's reference scorer
 * uses) define them. Class ids are ints {@code >= 0}; gold and predicted arrays must have
 * the same length (a programming error otherwise, so that throws). Degenerate inputs
 * never throw:
 * <ul>
 * <li>accuracy of no examples is {@code NaN} (scikit-learn: mean of nothing);</li>
 * <li>F1 with no true positive, false positive or false negative is {@code 0}
 * (scikit-learn's {@code zero_division} default);</li>
 * <li>Matthews correlation whose denominator is zero (constant gold or constant
 * predictions, no examples) is {@code 0}, as scikit-learn returns;</li>
 * <li>Pearson and Spearman of fewer than two values or of a constant vector are
 * {@code NaN}, as SciPy returns: the correlation is undefined, and 0 would rank a
 * constant predictor level with an uncorrelated one.</li>
 * </ul>
 */
public final class Metrics {

	private Metrics() {
	}

	/**
	 * Scores predictions with every metric of a benchmark; Pearson and Spearman correlate
	 * the class ids as numbers.
	 * @param spec the benchmark
	 * @param gold the gold class ids
	 * @param predicted the predicted class ids
	 * @return each of the spec's metrics, in the spec's order, with its value
	 */
	public static Map<Metric, Double> score(BenchmarkSpec spec, int[] gold, int[] predicted) {
		sameLength(gold.length, predicted.length);
		Map<Metric, Double> scores = new LinkedHashMap<>();
		for (Metric metric : spec.metrics()) {
			scores.put(metric, score(metric, gold, predicted));
		}
		return scores;
	}

	/**
	 * One metric of class-id predictions.
	 * @param metric the metric
	 * @param gold the gold class ids
	 * @param predicted the predicted class ids
	 * @return the value
	 */
	public static double score(Metric metric, int[] gold, int[] predicted) {
		return switch (metric) {
			case ACCURACY -> accuracy(gold, predicted);
			case F1 -> f1(gold, predicted);
			case MATTHEWS_CORRELATION -> matthewsCorrelation(gold, predicted);
			case PEARSON -> pearson(toDouble(gold), toDouble(predicted));
			case SPEARMAN -> spearman(toDouble(gold), toDouble(predicted));
		};
	}

	/**
	 * The share of predictions equal to the gold class.
	 * @param gold the gold class ids
	 * @param predicted the predicted class ids
	 * @return correct / total, {@code NaN} when empty
	 */
	public static double accuracy(int[] gold, int[] predicted) {
		check(gold, predicted);
		if (gold.length == 0) {
			return Double.NaN;
		}
		int correct = 0;
		for (int i = 0; i < gold.length; i++) {
			if (gold[i] == predicted[i]) {
				correct++;
			}
		}
		return (double) correct / gold.length;
	}

	/**
	 * Binary F1 of the positive class (class id 1): {@code 2·tp / (2·tp + fp + fn)}, the
	 * harmonic mean of precision and recall. Any class other than 1 counts as negative.
	 * @param gold the gold class ids
	 * @param predicted the predicted class ids
	 * @return the F1, 0 when tp + fp + fn is 0
	 */
	public static double f1(int[] gold, int[] predicted) {
		return f1(gold, predicted, 1);
	}

	/**
	 * Macro-averaged F1: the unweighted mean of each class's one-vs-rest F1 over the
	 * classes present in gold or predictions (scikit-learn's {@code average="macro"}).
	 * @param gold the gold class ids
	 * @param predicted the predicted class ids
	 * @return the macro F1, 0 when empty
	 */
	public static double macroF1(int[] gold, int[] predicted) {
		check(gold, predicted);
		TreeSet<Integer> classes = new TreeSet<>();
		Arrays.stream(gold).forEach(classes::add);
		Arrays.stream(predicted).forEach(classes::add);
		if (classes.isEmpty()) {
			return 0;
		}
		double sum = 0;
		for (int positive : classes) {
			sum += f1(gold, predicted, positive);
		}
		return sum / classes.size();
	}

	private static double f1(int[] gold, int[] predicted, int positive) {
		check(gold, predicted);
		long tp = 0;
		long fp = 0;
		long fn = 0;
		for (int i = 0; i < gold.length; i++) {
			boolean g = gold[i] == positive;
			boolean p = predicted[i] == positive;
			if (g && p) {
				tp++;
			}
			else if (p) {
				fp++;
			}
			else if (g) {
				fn++;
			}
		}
		long denominator = 2 * tp + fp + fn;
		return (denominator == 0) ? 0 : (2.0 * tp) / denominator;
	}

	/**
	 * Matthews correlation coefficient, multiclass as scikit-learn defines it (Gorodkin's
	 * R_K): with confusion matrix C, {@code t_k} the gold count and {@code p_k} the
	 * predicted count of class k, {@code c} the correct predictions and {@code s} the
	 * examples, {@code (c·s − Σ t_k·p_k) / sqrt((s² − Σ p_k²)·(s² − Σ t_k²))}. For two
	 * classes this is {@code (tp·tn − fp·fn) / sqrt((tp+fp)(tp+fn)(tn+fp)(tn+fn))}.
	 * @param gold the gold class ids
	 * @param predicted the predicted class ids
	 * @return the coefficient in [-1, 1], 0 when the denominator is 0
	 */
	public static double matthewsCorrelation(int[] gold, int[] predicted) {
		check(gold, predicted);
		int classes = 0;
		for (int i = 0; i < gold.length; i++) {
			classes = Math.max(classes, Math.max(gold[i], predicted[i]) + 1);
		}
		long[] t = new long[classes];
		long[] p = new long[classes];
		long c = 0;
		for (int i = 0; i < gold.length; i++) {
			t[gold[i]]++;
			p[predicted[i]]++;
			if (gold[i] == predicted[i]) {
				c++;
			}
		}
		double s = gold.length;
		double tp = 0;
		double pp = 0;
		double tt = 0;
		for (int k = 0; k < classes; k++) {
			tp += (double) t[k] * p[k];
			pp += (double) p[k] * p[k];
			tt += (double) t[k] * t[k];
		}
		double denominator = Math.sqrt((s * s - pp) * (s * s - tt));
		if (denominator == 0 || Double.isNaN(denominator)) {
			return 0;
		}
		return (c * s - tp) / denominator;
	}

	/**
	 * Pearson's correlation coefficient, computed in two passes (means first).
	 * @param x the first values
	 * @param y the second values
	 * @return r in [-1, 1], {@code NaN} with fewer than two values or a constant vector
	 */
	public static double pearson(double[] x, double[] y) {
		sameLength(x.length, y.length);
		int n = x.length;
		if (n < 2) {
			return Double.NaN;
		}
		double meanX = 0;
		double meanY = 0;
		for (int i = 0; i < n; i++) {
			meanX += x[i];
			meanY += y[i];
		}
		meanX /= n;
		meanY /= n;
		double sxy = 0;
		double sxx = 0;
		double syy = 0;
		for (int i = 0; i < n; i++) {
			double dx = x[i] - meanX;
			double dy = y[i] - meanY;
			sxy += dx * dy;
			sxx += dx * dx;
			syy += dy * dy;
		}
		if (sxx == 0 || syy == 0) {
			return Double.NaN;
		}
		double r = sxy / Math.sqrt(sxx * syy);
		return Math.max(-1, Math.min(1, r));
	}

	/**
	 * Spearman's rank correlation: Pearson's r of the ranks, tied values sharing the
	 * average of their ranks (SciPy's {@code spearmanr},
	 * {@code rankdata(method="average")}).
	 * @param x the first values
	 * @param y the second values
	 * @return rho in [-1, 1], {@code NaN} with fewer than two values or a constant vector
	 */
	public static double spearman(double[] x, double[] y) {
		sameLength(x.length, y.length);
		return pearson(ranks(x), ranks(y));
	}

	/**
	 * Ranks from 1, tied values getting the mean of the ranks they span.
	 * @param values the values (no NaN)
	 * @return the rank of each value, in input order
	 */
	static double[] ranks(double[] values) {
		int n = values.length;
		Integer[] order = new Integer[n];
		for (int i = 0; i < n; i++) {
			if (Double.isNaN(values[i])) {
				throw new IllegalArgumentException("cannot rank NaN at index " + i);
			}
			order[i] = i;
		}
		Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
		double[] ranks = new double[n];
		int start = 0;
		while (start < n) {
			int end = start;
			while (end + 1 < n && values[order[end + 1]] == values[order[start]]) {
				end++;
			}
			// positions start..end (0-based) hold ranks start+1..end+1; their mean:
			double rank = (start + end) / 2.0 + 1;
			for (int i = start; i <= end; i++) {
				ranks[order[i]] = rank;
			}
			start = end + 1;
		}
		return ranks;
	}

	private static double[] toDouble(int[] values) {
		return Arrays.stream(values).asDoubleStream().toArray();
	}

	private static void check(int[] gold, int[] predicted) {
		sameLength(gold.length, predicted.length);
		for (int i = 0; i < gold.length; i++) {
			if (gold[i] < 0 || predicted[i] < 0) {
				throw new IllegalArgumentException(
						"class ids must be >= 0; index " + i + " has gold " + gold[i] + ", predicted " + predicted[i]);
			}
		}
	}

	private static void sameLength(int gold, int predicted) {
		if (gold != predicted) {
			throw new IllegalArgumentException(gold + " gold values but " + predicted + " predictions");
		}
	}

}
