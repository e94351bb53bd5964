package dev.plugboard.registry.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores across versions and benchmarks drawn as an inline SVG line chart, computed on
 * the server: it needs no script, works under the strict Content-Security-Policy and
 * prints. One line per benchmark, versions oldest to newest along the x axis. The table
 * beside it holds the same numbers for screen readers.
 */
record ScoreChart(int width, int height, List<Axis> xAxis, List<Axis> yAxis, List<Line> lines, int plotLeft,
		int plotRight, int plotTop, int plotBottom) {

	private static final String[] COLOURS = { "#2563eb", "#dc2626", "#059669", "#d97706", "#7c3aed", "#0891b2" };

	private static final int WIDTH = 640;

	private static final int HEIGHT = 260;

	private static final int LEFT = 48;

	private static final int RIGHT = 16;

	private static final int TOP = 16;

	private static final int BOTTOM = 40;

	/**
	 * @param versions x-axis labels, oldest first
	 * @param scores per benchmark, the score of each version (by index into versions) it
	 * has one for
	 */
	static ScoreChart of(List<String> versions, Map<String, Map<Integer, Double>> scores) {
		double min = scores.values()
			.stream()
			.flatMap((s) -> s.values().stream())
			.mapToDouble(Double::doubleValue)
			.min()
			.orElse(0);
		double max = scores.values()
			.stream()
			.flatMap((s) -> s.values().stream())
			.mapToDouble(Double::doubleValue)
			.max()
			.orElse(1);
		// Metrics in [0, 1] (accuracy, F1) keep the full scale, so small differences
		// are not blown up; other metrics use their own range.
		double low = (min >= 0 && max <= 1) ? 0 : min;
		double high = (min >= 0 && max <= 1) ? 1 : max;
		if (high - low < 1e-9) {
			high = low + 1;
		}
		int plotRight = WIDTH - RIGHT;
		int plotBottom = HEIGHT - BOTTOM;
		double step = (versions.size() > 1) ? (double) (plotRight - LEFT) / (versions.size() - 1) : 0;
		List<Axis> xAxis = new ArrayList<>();
		for (int i = 0; i < versions.size(); i++) {
			xAxis.add(new Axis(x(i, versions.size(), step, plotRight), plotBottom + 18, versions.get(i)));
		}
		List<Axis> yAxis = new ArrayList<>();
		for (int tick = 0; tick <= 4; tick++) {
			double value = low + (high - low) * tick / 4;
			yAxis.add(new Axis(LEFT - 6, y(value, low, high, plotBottom), format(value)));
		}
		List<Line> lines = new ArrayList<>();
		int series = 0;
		for (Map.Entry<String, Map<Integer, Double>> entry : scores.entrySet()) {
			List<Point> points = new ArrayList<>();
			for (int i = 0; i < versions.size(); i++) {
				Double value = entry.getValue().get(i);
				if (value != null) {
					points.add(new Point(x(i, versions.size(), step, plotRight), y(value, low, high, plotBottom),
							entry.getKey() + " " + versions.get(i) + ": " + format(value)));
				}
			}
			String path = String.join(" ", points.stream().map((p) -> format(p.x()) + "," + format(p.y())).toList());
			lines.add(new Line(entry.getKey(), COLOURS[series % COLOURS.length], path, points, 20 + 16 * series));
			series++;
		}
		return new ScoreChart(WIDTH, HEIGHT, xAxis, yAxis, lines, LEFT, plotRight, TOP, plotBottom);
	}

	private static double x(int index, int count, double step, int plotRight) {
		return (count == 1) ? (LEFT + plotRight) / 2.0 : LEFT + index * step;
	}

	private static double y(double value, double low, double high, int plotBottom) {
		return plotBottom - (value - low) / (high - low) * (plotBottom - TOP);
	}

	static String format(double value) {
		return String.format(Locale.ROOT, "%.4f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
	}

	record Axis(double x, double y, String label) {
	}

	record Point(double x, double y, String title) {
	}

	/**
	 * @param legendY where the legend entry of this line sits
	 */
	record Line(String benchmark, String colour, String points, List<Point> markers, int legendY) {
	}

}
