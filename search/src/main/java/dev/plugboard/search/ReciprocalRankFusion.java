package dev.plugboard.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack et al., SIGIR 2009), in our own code so that every
 * backend fuses alike: each ranking adds {@code 1 / (k + rank)} (rank from 1) to a
 * document's score. Ties go to the document with the better single rank, then to the
 * smaller id, so the fused order is deterministic.
 */
final class ReciprocalRankFusion {

	private ReciprocalRankFusion() {
	}

	record Fused(String id, double score) {
	}

	static List<Fused> fuse(int k, List<List<String>> rankings) {
		if (k < 1) {
			throw new IllegalArgumentException("k must be at least 1");
		}
		Map<String, double[]> scores = new HashMap<>();
		for (List<String> ranking : rankings) {
			for (int i = 0; i < ranking.size(); i++) {
				int rank = i + 1;
				double[] entry = scores.computeIfAbsent(ranking.get(i), (id) -> new double[] { 0, Integer.MAX_VALUE });
				entry[0] += 1.0 / (k + rank);
				entry[1] = Math.min(entry[1], rank);
			}
		}
		List<Map.Entry<String, double[]>> entries = new ArrayList<>(scores.entrySet());
		entries.sort(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -e.getValue()[0])
			.thenComparingDouble((e) -> e.getValue()[1])
			.thenComparing(Map.Entry::getKey));
		return entries.stream().map((e) -> new Fused(e.getKey(), e.getValue()[0])).toList();
	}

}
