package dev.plugboard.runner;

import java.util.Map;

/**
 * A scored job.
 *
 * @param metrics metric id to value
 * @param primaryMetric the metric leaderboards sort by
 * @param device the device the model ran on
 * @param examples how many examples were scored
 * @param fetchMillis time spent downloading (zero when everything was cached)
 * @param loadMillis time spent loading the base model and stitching the adapter in
 * @param computeMillis time spent predicting and scoring
 */
public record Outcome(Map<String, Double> metrics, String primaryMetric, String device, int examples, long fetchMillis,
		long loadMillis, long computeMillis) {

	/** Examples per second of the compute phase. */
	public double examplesPerSecond() {
		return this.examples / Math.max(1e-3, this.computeMillis / 1000.0);
	}

	/** Fetch, load and compute together. */
	public long durationMillis() {
		return this.fetchMillis + this.loadMillis + this.computeMillis;
	}

}
