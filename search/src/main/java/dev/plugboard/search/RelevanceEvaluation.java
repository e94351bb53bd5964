package dev.plugboard.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Measures ranking quality against judged queries: mean nDCG@k and Recall@k.
 * <p>
 * The judgments are JSON lines {@code {"id": "d01", "query": "…", "relevant": {"ns/name":
 * grade, …}}} with grades 1 (relevant) and 2 (highly relevant); unlisted documents have
 * grade 0. nDCG@k uses the grade itself as gain ({@code gain / log2(rank + 1)}, rank from
 * 1) and takes the ideal ranking from the judged set; Recall@k is the share of documents
 * with grade above 0 found in the first k. Each query runs without filters, sorted by
 * relevance, with limit k. Queries without relevant documents are skipped.
 */
public final class RelevanceEvaluation {

	private RelevanceEvaluation() {
	}

	/**
	 * Runs every judged query against an index.
	 * @param index the index to evaluate
	 * @param queriesJsonl the judgments, one JSON object per line
	 * @param mode the search mode
	 * @param k the cut-off, 1 to 100 (10 for nDCG@10 and Recall@10)
	 * @return the means and the per-query scores
	 */
	public static Report evaluate(AdapterIndex index, Path queriesJsonl, SearchMode mode, int k) {
		if (k < 1 || k > Searches.MAX_LIMIT) {
			throw new IllegalArgumentException("k must be between 1 and " + Searches.MAX_LIMIT);
		}
		List<QueryScore> scores = new ArrayList<>();
		for (Judgment judgment : read(queriesJsonl)) {
			if (judgment.relevant().values().stream().noneMatch((grade) -> grade > 0)) {
				continue;
			}
			SearchResult result = index
				.search(new SearchQuery(judgment.query(), null, mode, SortOrder.RELEVANCE, k, null));
			List<String> ranked = result.hits().stream().map(SearchHit::id).toList();
			scores.add(new QueryScore(judgment.id(), judgment.query(), ndcg(ranked, judgment.relevant(), k),
					recall(ranked, judgment.relevant(), k), ranked));
		}
		double meanNdcg = scores.stream().mapToDouble(QueryScore::ndcg).average().orElse(0);
		double meanRecall = scores.stream().mapToDouble(QueryScore::recall).average().orElse(0);
		return new Report(mode, k, scores.size(), meanNdcg, meanRecall, scores);
	}

	/** nDCG@k of a ranking under graded judgments (gain = grade). */
	static double ndcg(List<String> ranked, Map<String, Integer> grades, int k) {
		double dcg = 0;
		for (int i = 0; i < Math.min(k, ranked.size()); i++) {
			dcg += grades.getOrDefault(ranked.get(i), 0) / log2(i + 2);
		}
		List<Integer> ideal = grades.values().stream().filter((g) -> g > 0).sorted(Comparator.reverseOrder()).toList();
		double idcg = 0;
		for (int i = 0; i < Math.min(k, ideal.size()); i++) {
			idcg += ideal.get(i) / log2(i + 2);
		}
		return (idcg > 0) ? dcg / idcg : 0;
	}

	/** Recall@k: found relevant documents over all relevant documents. */
	static double recall(List<String> ranked, Map<String, Integer> grades, int k) {
		long relevant = grades.values().stream().filter((g) -> g > 0).count();
		long found = ranked.stream().limit(k).distinct().filter((id) -> grades.getOrDefault(id, 0) > 0).count();
		return (relevant > 0) ? (double) found / relevant : 0;
	}

	private static double log2(int x) {
		return Math.log(x) / Math.log(2);
	}

	private static List<Judgment> read(Path file) {
		List<Judgment> judgments = new ArrayList<>();
		try {
			int number = 0;
			for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
				number++;
				if (line.isBlank()) {
					continue;
				}
				try {
					JsonObject object = JsonParser.parseString(line).getAsJsonObject();
					Map<String, Integer> relevant = new LinkedHashMap<>();
					for (Map.Entry<String, JsonElement> entry : object.getAsJsonObject("relevant").entrySet()) {
						relevant.put(entry.getKey(), entry.getValue().getAsInt());
					}
					judgments
						.add(new Judgment(object.get("id").getAsString(), object.get("query").getAsString(), relevant));
				}
				catch (RuntimeException ex) {
					throw new IllegalArgumentException(file + " line " + number + " is not a judged query: " + ex, ex);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
		return judgments;
	}

	private record Judgment(String id, String query, Map<String, Integer> relevant) {
	}

	/**
	 * The evaluation of one mode.
	 *
	 * @param mode the search mode
	 * @param k the cut-off
	 * @param queries how many queries were scored
	 * @param meanNdcg mean nDCG@k over the queries
	 * @param meanRecall mean Recall@k over the queries
	 * @param perQuery each query's scores and ranking, in file order
	 */
	public record Report(SearchMode mode, int k, int queries, double meanNdcg, double meanRecall,
			List<QueryScore> perQuery) {

		public Report {
			perQuery = List.copyOf(perQuery);
		}

		/**
		 * Summarises the report on one line.
		 * @return e.g. {@code HYBRID: nDCG@10 0.712, Recall@10 0.634 over 25 queries}
		 */
		public String summary() {
			return "%s: nDCG@%d %.3f, Recall@%d %.3f over %d queries".formatted(this.mode, this.k, this.meanNdcg,
					this.k, this.meanRecall, this.queries);
		}

	}

	/**
	 * One query's scores.
	 *
	 * @param id the query's id
	 * @param query the query text
	 * @param ndcg nDCG@k
	 * @param recall Recall@k
	 * @param ranked the ids the index returned, best first
	 */
	public record QueryScore(String id, String query, double ndcg, double recall, List<String> ranked) {

		public QueryScore {
			ranked = List.copyOf(ranked);
		}

	}

}
