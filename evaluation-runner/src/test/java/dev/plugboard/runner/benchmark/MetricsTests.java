package dev.plugboard.runner.benchmark;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class MetricsTests {

	private static final org.assertj.core.data.Offset<Double> EXACT = within(1e-12);

	// accuracy

	@Test
	void accuracyByHand() {
		// gold 1 0 1 1 0
		// pred 1 1 1 0 0 -> correct at positions 0, 2, 4: 3 of 5 = 0.6
		assertThat(Metrics.accuracy(new int[] { 1, 0, 1, 1, 0 }, new int[] { 1, 1, 1, 0, 0 })).isCloseTo(0.6, EXACT);
	}

	@Test
	void accuracySklearnDocsExample() {
		// sklearn.metrics.accuracy_score(y_true=[0, 1, 2, 3], y_pred=[0, 2, 1, 3]) == 0.5
		assertThat(Metrics.accuracy(new int[] { 0, 1, 2, 3 }, new int[] { 0, 2, 1, 3 })).isCloseTo(0.5, EXACT);
	}

	@Test
	void accuracyOfNothingIsNaN() {
		assertThat(Metrics.accuracy(new int[0], new int[0])).isNaN();
	}

	// F1

	@Test
	void f1ByHand() {
		// gold 1 1 1 0 0 0 1 0
		// pred 1 0 1 1 0 0 1 1
		// tp = 3 (positions 0, 2, 6), fp = 2 (3, 7), fn = 1 (1)
		// precision = 3/5 = 0.6, recall = 3/4 = 0.75
		// F1 = 2 * 0.6 * 0.75 / (0.6 + 0.75) = 0.9 / 1.35 = 2/3 = 2tp / (2tp + fp + fn) =
		// 6 / 9
		assertThat(Metrics.f1(new int[] { 1, 1, 1, 0, 0, 0, 1, 0 }, new int[] { 1, 0, 1, 1, 0, 0, 1, 1 }))
			.isCloseTo(2.0 / 3, EXACT);
	}

	@Test
	void f1CountsOnlyClassOneAsPositive() {
		// positive class 1; class 0 and 2 are both negative.
		// gold 1 2 0 1, pred 1 0 2 0 -> tp = 1, fp = 0, fn = 1 -> F1 = 2 / (2 + 0 + 1) =
		// 2/3
		assertThat(Metrics.f1(new int[] { 1, 2, 0, 1 }, new int[] { 1, 0, 2, 0 })).isCloseTo(2.0 / 3, EXACT);
	}

	@Test
	void f1WithoutPositivesIsZeroAsSklearnZeroDivision() {
		// sklearn f1_score docs: f1_score([0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]) == 0.0
		assertThat(Metrics.f1(new int[6], new int[6])).isEqualTo(0.0);
		assertThat(Metrics.f1(new int[0], new int[0])).isEqualTo(0.0);
		// no positive predicted, positives in gold: tp = 0 -> 0
		assertThat(Metrics.f1(new int[] { 1, 1, 0 }, new int[] { 0, 0, 0 })).isEqualTo(0.0);
	}

	@Test
	void macroF1SklearnDocsExample() {
		// sklearn f1_score docs: y_true = [0, 1, 2, 0, 1, 2], y_pred = [0, 2, 1, 0, 0, 1]
		// average=None -> [0.8, 0, 0]; average='macro' -> 0.2666...
		// class 0: tp = 2 (0, 3), fp = 1 (4), fn = 0 -> 4 / 5 = 0.8; classes 1 and 2: tp
		// = 0 -> 0
		int[] gold = { 0, 1, 2, 0, 1, 2 };
		int[] predicted = { 0, 2, 1, 0, 0, 1 };
		assertThat(Metrics.macroF1(gold, predicted)).isCloseTo(0.8 / 3, EXACT);
		assertThat(Metrics.f1(gold, predicted)).isEqualTo(0.0);
	}

	@Test
	void macroF1OfBinaryByHand() {
		// gold 1 1 1 0 0 0 1 0, pred 1 0 1 1 0 0 1 1
		// class 1: 2/3 (see f1ByHand); class 0: tp = 2 (4, 5), fp = 1 (1), fn = 2 (3, 7)
		// -> 4 / 7
		// macro = (2/3 + 4/7) / 2 = (14/21 + 12/21) / 2 = 13/21
		assertThat(Metrics.macroF1(new int[] { 1, 1, 1, 0, 0, 0, 1, 0 }, new int[] { 1, 0, 1, 1, 0, 0, 1, 1 }))
			.isCloseTo(13.0 / 21, EXACT);
		assertThat(Metrics.macroF1(new int[0], new int[0])).isEqualTo(0.0);
	}

	// Matthews correlation

	@Test
	void matthewsSklearnDocsExample() {
		// sklearn matthews_corrcoef docs: y_true = [+1, +1, +1, -1], y_pred = [+1, -1,
		// +1, +1] -> -0.33...
		// as class ids (-1 -> 0): tp = 2, fn = 1, fp = 1, tn = 0
		// (2*0 - 1*1) / sqrt((2+1)(2+1)(0+1)(0+1)) = -1 / 3
		assertThat(Metrics.matthewsCorrelation(new int[] { 1, 1, 1, 0 }, new int[] { 1, 0, 1, 1 })).isCloseTo(-1.0 / 3,
				EXACT);
	}

	@Test
	void matthewsBinaryByHand() {
		// gold 1 1 1 1 0 0 0 0 0 0
		// pred 1 1 1 0 0 0 0 0 1 1
		// tp = 3, fn = 1, tn = 4, fp = 2
		// (tp*tn - fp*fn) / sqrt((tp+fp)(tp+fn)(tn+fp)(tn+fn)) = (12 - 2) / sqrt(5*4*6*5)
		// = 10 / sqrt(600)
		// = 1 / sqrt(6) = 0.408248...
		// multiclass form: c = 7, s = 10, t = [6, 4], p = [5, 5]: (7*10 - (30+20)) /
		// sqrt((100-50)(100-52))
		// = 20 / sqrt(2400) = 1 / sqrt(6)
		assertThat(Metrics.matthewsCorrelation(new int[] { 1, 1, 1, 1, 0, 0, 0, 0, 0, 0 },
				new int[] { 1, 1, 1, 0, 0, 0, 0, 0, 1, 1 }))
			.isCloseTo(1 / Math.sqrt(6), EXACT);
	}

	@Test
	void matthewsMulticlassByHand() {
		// gold 0 0 1 1 2 2
		// pred 0 1 1 2 2 0
		// c = 3 correct (0, 2, 4), s = 6, t = [2, 2, 2], p = [2, 2, 2]
		// (c*s - sum t_k p_k) / sqrt((s^2 - sum p_k^2)(s^2 - sum t_k^2)) = (18 - 12) /
		// sqrt(24 * 24) = 0.25
		assertThat(Metrics.matthewsCorrelation(new int[] { 0, 0, 1, 1, 2, 2 }, new int[] { 0, 1, 1, 2, 2, 0 }))
			.isCloseTo(0.25, EXACT);
	}

	@Test
	void matthewsMulticlassUnbalancedByHand() {
		// gold 0 0 0 1 2, pred 0 0 1 1 1
		// c = 3 (0, 1, 3), s = 5, t = [3, 1, 1], p = [2, 3, 0]
		// sum t*p = 6 + 3 + 0 = 9, sum p^2 = 4 + 9 = 13, sum t^2 = 9 + 1 + 1 = 11
		// (15 - 9) / sqrt((25 - 13)(25 - 11)) = 6 / sqrt(168)
		assertThat(Metrics.matthewsCorrelation(new int[] { 0, 0, 0, 1, 2 }, new int[] { 0, 0, 1, 1, 1 }))
			.isCloseTo(6 / Math.sqrt(168), EXACT);
	}

	@Test
	void matthewsBounds() {
		assertThat(Metrics.matthewsCorrelation(new int[] { 0, 1, 2, 1 }, new int[] { 0, 1, 2, 1 })).isCloseTo(1.0,
				EXACT);
		assertThat(Metrics.matthewsCorrelation(new int[] { 0, 1, 1, 0 }, new int[] { 1, 0, 0, 1 })).isCloseTo(-1.0,
				EXACT);
	}

	@Test
	void matthewsDegenerateIsZeroAsSklearn() {
		// constant predictions: s^2 - sum p^2 = 0
		assertThat(Metrics.matthewsCorrelation(new int[] { 0, 1, 1, 0 }, new int[] { 1, 1, 1, 1 })).isEqualTo(0.0);
		// constant gold
		assertThat(Metrics.matthewsCorrelation(new int[] { 1, 1, 1 }, new int[] { 0, 1, 0 })).isEqualTo(0.0);
		// all correct but a single class
		assertThat(Metrics.matthewsCorrelation(new int[] { 1, 1 }, new int[] { 1, 1 })).isEqualTo(0.0);
		assertThat(Metrics.matthewsCorrelation(new int[0], new int[0])).isEqualTo(0.0);
	}

	// Pearson

	@Test
	void pearsonByHand() {
		// x = 1 2 3 4 (mean 2.5), y = 2 4 5 9 (mean 5)
		// dx = -1.5 -0.5 0.5 1.5, dy = -3 -1 0 4
		// sxy = 4.5 + 0.5 + 0 + 6 = 11, sxx = 5, syy = 9 + 1 + 0 + 16 = 26
		// r = 11 / sqrt(5 * 26) = 11 / sqrt(130) = 0.96476...
		assertThat(Metrics.pearson(new double[] { 1, 2, 3, 4 }, new double[] { 2, 4, 5, 9 }))
			.isCloseTo(11 / Math.sqrt(130), EXACT);
	}

	@Test
	void pearsonScipyDocsExamples() {
		// scipy.stats.pearsonr([1, 2, 3, 4, 5], [10, 9, 2.5, 6, 4]) ->
		// -0.7426106572325057
		assertThat(Metrics.pearson(new double[] { 1, 2, 3, 4, 5 }, new double[] { 10, 9, 2.5, 6, 4 }))
			.isCloseTo(-0.7426106572325057, EXACT);
		// scipy.stats.pearsonr([1, 2, 3, 4, 5, 6, 7], [10, 9, 2.5, 6, 4, 3, 2]) ->
		// -0.828503883588428
		assertThat(Metrics.pearson(new double[] { 1, 2, 3, 4, 5, 6, 7 }, new double[] { 10, 9, 2.5, 6, 4, 3, 2 }))
			.isCloseTo(-0.828503883588428, EXACT);
	}

	@Test
	void pearsonDegenerateIsNaN() {
		assertThat(Metrics.pearson(new double[] { 1, 2, 3 }, new double[] { 4, 4, 4 })).isNaN();
		assertThat(Metrics.pearson(new double[] { 7, 7 }, new double[] { 1, 2 })).isNaN();
		assertThat(Metrics.pearson(new double[] { 1 }, new double[] { 2 })).isNaN();
		assertThat(Metrics.pearson(new double[0], new double[0])).isNaN();
	}

	// Spearman

	@Test
	void ranksAverageTies() {
		// 10 -> 1; the three 20s take ranks 2, 3, 4 -> 3 each; 30 -> 5
		assertThat(Metrics.ranks(new double[] { 10, 20, 20, 30, 20 })).containsExactly(1, 3, 3, 5, 3);
		assertThat(Metrics.ranks(new double[] { 3, 1, 2 })).containsExactly(3, 1, 2);
	}

	@Test
	void spearmanWithTiesByHand() {
		// x = 1 2 2 3 -> ranks 1 2.5 2.5 4; y = 1 3 2 4 -> ranks 1 3 2 4 (both mean 2.5)
		// dx = -1.5 0 0 1.5, dy = -1.5 0.5 -0.5 1.5
		// sxy = 2.25 + 2.25 = 4.5, sxx = 4.5, syy = 2.25 + 0.25 + 0.25 + 2.25 = 5
		// rho = 4.5 / sqrt(22.5) = sqrt(0.9) = 0.948683...
		assertThat(Metrics.spearman(new double[] { 1, 2, 2, 3 }, new double[] { 1, 3, 2, 4 })).isCloseTo(Math.sqrt(0.9),
				EXACT);
	}

	@Test
	void spearmanScipyDocsExampleWithTies() {
		// scipy.stats.spearmanr([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]) -> 0.8207826816681233
		assertThat(Metrics.spearman(new double[] { 1, 2, 3, 4, 5 }, new double[] { 5, 6, 7, 8, 7 }))
			.isCloseTo(0.8207826816681233, EXACT);
	}

	@Test
	void spearmanTextbookExampleWithoutTies() {
		// Wikipedia "Spearman's rank correlation coefficient": IQ against hours of TV per
		// week,
		// sum d^2 = 194, rho = 1 - 6 * 194 / (10 * (100 - 1)) = 1 - 1164 / 990 = -29 /
		// 165
		double[] iq = { 106, 100, 86, 101, 99, 103, 97, 113, 112, 110 };
		double[] tv = { 7, 27, 2, 50, 28, 29, 20, 12, 6, 17 };
		assertThat(Metrics.spearman(iq, tv)).isCloseTo(-29.0 / 165, EXACT);
	}

	@Test
	void spearmanDegenerateIsNaN() {
		assertThat(Metrics.spearman(new double[] { 1, 2, 3 }, new double[] { 5, 5, 5 })).isNaN();
		assertThat(Metrics.spearman(new double[0], new double[0])).isNaN();
	}

	@Test
	void correlationsAgreeWithCommonsMath() {
		Random random = new Random(6);
		for (int round = 0; round < 200; round++) {
			int n = 2 + random.nextInt(50);
			double[] x = new double[n];
			double[] y = new double[n];
			for (int i = 0; i < n; i++) {
				// few distinct values: many ties
				x[i] = random.nextInt(5);
				y[i] = (round % 2 == 0) ? random.nextInt(4) : random.nextGaussian();
			}
			double pearson = new PearsonsCorrelation().correlation(x, y);
			double spearman = new SpearmansCorrelation().correlation(x, y);
			if (Double.isNaN(pearson)) {
				assertThat(Metrics.pearson(x, y)).isNaN();
			}
			else {
				assertThat(Metrics.pearson(x, y)).isCloseTo(pearson, within(1e-9));
			}
			if (Double.isNaN(spearman)) {
				assertThat(Metrics.spearman(x, y)).isNaN();
			}
			else {
				assertThat(Metrics.spearman(x, y)).isCloseTo(spearman, within(1e-9));
			}
		}
	}

	// inputs

	@Test
	void mismatchedLengthsAndNegativeIdsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Metrics.accuracy(new int[2], new int[3]))
			.withMessage("2 gold values but 3 predictions");
		assertThatIllegalArgumentException().isThrownBy(() -> Metrics.pearson(new double[2], new double[1]))
			.withMessage("2 gold values but 1 predictions");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Metrics.matthewsCorrelation(new int[] { 0, -1 }, new int[] { 0, 0 }))
			.withMessageContaining("class ids must be >= 0");
	}

	@Test
	void scoreReportsTheSpecsMetricsInOrder() {
		BenchmarkSpec spec = BenchmarkSpecTests.valid()
			.metrics(List.of(Metric.F1, Metric.ACCURACY, Metric.MATTHEWS_CORRELATION, Metric.PEARSON, Metric.SPEARMAN))
			.primaryMetric(Metric.F1)
			.build();
		// the f1ByHand data: accuracy 5/8 (0, 2, 4, 5, 6 correct), F1 2/3
		// MCC: tp 3, tn 2, fp 2, fn 1 -> (6 - 2) / sqrt(5 * 4 * 4 * 3) = 4 / sqrt(240)
		// Pearson of 0/1 vectors is the MCC (phi coefficient); Spearman too (ranks are
		// affine in 0/1)
		int[] gold = { 1, 1, 1, 0, 0, 0, 1, 0 };
		int[] predicted = { 1, 0, 1, 1, 0, 0, 1, 1 };
		Map<Metric, Double> scores = Metrics.score(spec, gold, predicted);
		assertThat(scores).containsOnlyKeys(spec.metrics());
		assertThat(List.copyOf(scores.keySet())).isEqualTo(spec.metrics());
		assertThat(scores.get(Metric.F1)).isCloseTo(2.0 / 3, EXACT);
		assertThat(scores.get(Metric.ACCURACY)).isCloseTo(5.0 / 8, EXACT);
		assertThat(scores.get(Metric.MATTHEWS_CORRELATION)).isCloseTo(4 / Math.sqrt(240), EXACT);
		assertThat(scores.get(Metric.PEARSON)).isCloseTo(4 / Math.sqrt(240), EXACT);
		assertThat(scores.get(Metric.SPEARMAN)).isCloseTo(4 / Math.sqrt(240), EXACT);
	}

}
