package dev.plugboard.registry;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import dev.plugboard.search.AdapterIndex;
import dev.plugboard.search.RelevanceEvaluation;
import dev.plugboard.search.SearchMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Search quality on the real catalog: a hub of its own (only the imported AdapterHub
 * catalog, indexed through the outbox like any change), then nDCG@10 and Recall@10 of the
 * 25 graded development queries for each mode. The evaluation command of the README.
 */
class SearchQualityIT {

	@TempDir
	Path dataDir;

	@Test
	void hybridBeatsKeywordAndSemanticOnTheDevelopmentQueries() throws Exception {
		Path queries = Path.of(System.getProperty("plugboard.shared-data", "../../shared/data"),
				"search-dev-queries.jsonl");
		assumeTrue(CatalogImport.available() && queries.toFile().isFile(), "the real data is in ../shared/data");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PlugboardApplication.class)
			.run("--server.port=0", "--plugboard.data-dir=" + this.dataDir)) {
			HubClient hub = HubClient.of(context);
			String token = java.nio.file.Files.readString(this.dataDir.resolve("admin-token")).strip();
			long start = System.nanoTime();
			assertThat(CatalogImport.send(hub, token).status()).isEqualTo(200);
			AdapterIndex index = context.getBean(AdapterIndex.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			while (index.count() < 291 || jdbc.queryForObject("select count(*) from search_outbox", Long.class) > 0) {
				assertThat(System.nanoTime() - start).as("indexed within 5 minutes").isLessThan(300_000_000_000L);
				Thread.sleep(200);
			}
			System.out
				.println("Imported and indexed the catalog in " + (System.nanoTime() - start) / 1_000_000 + " ms");

			Map<SearchMode, RelevanceEvaluation.Report> reports = new EnumMap<>(SearchMode.class);
			for (SearchMode mode : SearchMode.values()) {
				RelevanceEvaluation.Report report = RelevanceEvaluation.evaluate(index, queries, mode, 10);
				reports.put(mode, report);
				System.out.println("Search quality " + report.summary());
			}
			double hybrid = reports.get(SearchMode.HYBRID).meanNdcg();
			assertThat(hybrid).isGreaterThan(reports.get(SearchMode.KEYWORD).meanNdcg());
			assertThat(hybrid).isGreaterThan(reports.get(SearchMode.SEMANTIC).meanNdcg());
			assertThat(hybrid).isGreaterThan(0.8);
		}
	}

}
