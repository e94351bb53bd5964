package dev.plugboard.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The development queries of shared/data against the AdapterHub catalog, indexed with the
 * real model: the quality baseline of the three modes. Skipped when shared/data is
 * absent.
 */
class RelevanceEvaluationDevSetTests {

	private static final Logger logger = LoggerFactory.getLogger(RelevanceEvaluationDevSetTests.class);

	@TempDir
	static Path directory;

	private static Path queries;

	private static LuceneAdapterIndex index;

	private static final Map<SearchMode, RelevanceEvaluation.Report> reports = new EnumMap<>(SearchMode.class);

	@BeforeAll
	static void buildIndex() {
		String shared = System.getProperty("plugboard.shared-data");
		assumeTrue(shared != null && Files.isDirectory(Path.of(shared, "adapterhub-catalog")),
				"shared/data is not available");
		queries = Path.of(shared, "search-dev-queries.jsonl");
		List<AdapterDocument> catalog = AdapterHubCatalog.load(Path.of(shared, "adapterhub-catalog"));
		index = LuceneAdapterIndex.open(directory.resolve("index"), TestEmbedders.miniLm());
		long start = System.nanoTime();
		index.rebuild(catalog.iterator());
		double seconds = (System.nanoTime() - start) / 1e9;
		long pieces = catalog.stream()
			.mapToLong((doc) -> TestEmbedders.miniLm().tokenCount(EmbeddingText.compose(doc)))
			.sum();
		logger.info("Indexed {} AdapterHub adapters ({} word pieces) in {} ms: {} documents/s, {} word pieces/s",
				catalog.size(), pieces, Math.round(seconds * 1000), Math.round(catalog.size() / seconds),
				Math.round(pieces / seconds));
		for (SearchMode mode : SearchMode.values()) {
			reports.put(mode, RelevanceEvaluation.evaluate(index, queries, mode, 10));
		}
		reports.values().forEach((report) -> logger.info(report.summary()));
		reports.get(SearchMode.HYBRID)
			.perQuery()
			.stream()
			.filter((q) -> q.ndcg() < 0.8)
			.forEach((q) -> logger.debug("Weak hybrid query {} '{}': nDCG {}, top {}", q.id(), q.query(),
					String.format(Locale.ROOT, "%.3f", q.ndcg()),
					q.ranked().subList(0, Math.min(5, q.ranked().size()))));
	}

	@AfterAll
	static void closeIndex() {
		if (index != null) {
			index.close();
		}
	}

	@Test
	void scoresEveryJudgedQuery() {
		assertThat(reports.values()).allSatisfy((report) -> assertThat(report.queries()).isEqualTo(25));
	}

	@Test
	void keepsTheMeasuredQuality() {
		// Measured with schema version 1: hybrid 0.907, keyword 0.855, semantic 0.891.
		assertThat(reports.get(SearchMode.HYBRID).meanNdcg()).isGreaterThan(0.85);
		assertThat(reports.get(SearchMode.KEYWORD).meanNdcg()).isGreaterThan(0.80);
		assertThat(reports.get(SearchMode.SEMANTIC).meanNdcg()).isGreaterThan(0.80);
	}

	@Test
	void fusionBeatsKeywordAlone() {
		assertThat(reports.get(SearchMode.HYBRID).meanNdcg())
			.isGreaterThanOrEqualTo(reports.get(SearchMode.KEYWORD).meanNdcg());
	}

}
