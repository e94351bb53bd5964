package dev.plugboard.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * nDCG and recall on rankings small enough to compute by hand.
 */
class RelevanceEvaluationTests {

	private static final double LOG2_3 = Math.log(3) / Math.log(2);

	@TempDir
	Path directory;

	private Path judgments(String... lines) throws IOException {
		Path file = this.directory.resolve("queries.jsonl");
		Files.write(file, List.of(lines));
		return file;
	}

	@Test
	void computesGradedNdcgAndRecallAgainstAScriptedIndex() throws IOException {
		Path file = judgments("{\"id\": \"q1\", \"query\": \"one\", \"relevant\": {\"a\": 2, \"b\": 1, \"c\": 1}}",
				"{\"id\": \"q2\", \"query\": \"two\", \"relevant\": {\"d\": 1}}", "",
				"{\"id\": \"q3\", \"query\": \"three\", \"relevant\": {\"e\": 2, \"f\": 0}}",
				"{\"id\": \"q4\", \"query\": \"four\", \"relevant\": {\"g\": 0}}");
		AdapterIndex index = new ScriptedIndex(
				Map.of("one", List.of("a", "x", "b"), "two", List.of(), "three", List.of("e"), "four", List.of("g")));

		RelevanceEvaluation.Report report = RelevanceEvaluation.evaluate(index, file, SearchMode.HYBRID, 10);

		// q1: DCG = 2/log2(2) + 0 + 1/log2(4) = 2.5; ideal = 2 + 1/log2(3) + 1/log2(4).
		double q1 = 2.5 / (2 + 1 / LOG2_3 + 0.5);
		assertThat(report.queries()).isEqualTo(3);
		assertThat(report.perQuery()).extracting(RelevanceEvaluation.QueryScore::id).containsExactly("q1", "q2", "q3");
		assertThat(report.perQuery().get(0).ndcg()).isCloseTo(q1, within(1e-12));
		assertThat(report.perQuery().get(0).recall()).isCloseTo(2.0 / 3, within(1e-12));
		assertThat(report.perQuery().get(1).ndcg()).isZero();
		assertThat(report.perQuery().get(2).ndcg()).isEqualTo(1.0);
		assertThat(report.meanNdcg()).isCloseTo((q1 + 0 + 1) / 3, within(1e-12));
		assertThat(report.meanRecall()).isCloseTo((2.0 / 3 + 0 + 1) / 3, within(1e-12));
		assertThat(report.summary()).isEqualTo("HYBRID: nDCG@10 0.599, Recall@10 0.556 over 3 queries");
	}

	@Test
	void cutsRankingsAtK() throws IOException {
		Path file = judgments("{\"id\": \"q1\", \"query\": \"one\", \"relevant\": {\"a\": 2, \"b\": 1, \"c\": 1}}");
		AdapterIndex index = new ScriptedIndex(Map.of("one", List.of("a", "x", "b")));
		RelevanceEvaluation.Report report = RelevanceEvaluation.evaluate(index, file, SearchMode.KEYWORD, 2);
		assertThat(report.meanNdcg()).isCloseTo(2 / (2 + 1 / LOG2_3), within(1e-12));
		assertThat(report.meanRecall()).isCloseTo(1.0 / 3, within(1e-12));
	}

	@Test
	void scoresARealIndexBuiltByHand() throws IOException {
		Path file = judgments(
				"{\"id\": \"q1\", \"query\": \"xylophone\", \"relevant\": {\"t/xylophone\": 2, \"t/marimba\": 1}}");
		try (LuceneAdapterIndex index = LuceneAdapterIndex.open(this.directory.resolve("index"),
				new TestEmbedders.WordHashEmbedder("test/words", 64))) {
			index.upsert(List.of(Fixtures.simple("t/xylophone", "xylophone tuning", 1),
					Fixtures.simple("t/marimba", "marimba tuning", 2), Fixtures.simple("t/drum", "drum tuning", 3)));
			RelevanceEvaluation.Report report = RelevanceEvaluation.evaluate(index, file, SearchMode.KEYWORD, 10);
			// Only the xylophone matches: DCG = 2; ideal = 2 + 1/log2(3).
			assertThat(report.perQuery().get(0).ranked()).containsExactly("t/xylophone");
			assertThat(report.meanNdcg()).isCloseTo(2 / (2 + 1 / LOG2_3), within(1e-12));
			assertThat(report.meanRecall()).isEqualTo(0.5);
		}
	}

	@Test
	void rejectsMalformedJudgments() throws IOException {
		Path file = judgments("{\"id\": \"q1\", \"query\": \"one\"}");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RelevanceEvaluation.evaluate(new ScriptedIndex(Map.of()), file, SearchMode.HYBRID, 10))
			.withMessageContaining("line 1");
	}

	@Test
	void rejectsCutOffsTheIndexCannotServe() throws IOException {
		Path file = judgments();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RelevanceEvaluation.evaluate(new ScriptedIndex(Map.of()), file, SearchMode.HYBRID, 101));
	}

	/** Answers each query text with a fixed ranking. */
	private record ScriptedIndex(Map<String, List<String>> rankings) implements AdapterIndex {

		@Override
		public SearchResult search(SearchQuery query) {
			List<SearchHit> hits = this.rankings.getOrDefault(query.text(), List.of())
				.stream()
				.limit(query.limit())
				.map((id) -> new SearchHit(id, 1, Map.of()))
				.toList();
			return new SearchResult(hits, Map.of(), null, hits.size());
		}

		@Override
		public void upsert(List<AdapterDocument> documents) {
			throw new UnsupportedOperationException();
		}

		@Override
		public void delete(List<String> ids) {
			throw new UnsupportedOperationException();
		}

		@Override
		public long count() {
			return 0;
		}

		@Override
		public IndexInfo info() {
			return new IndexInfo(1, "none", 0, 0);
		}

		@Override
		public void close() {
		}

	}

}
