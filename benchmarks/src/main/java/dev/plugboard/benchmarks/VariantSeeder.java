package dev.plugboard.benchmarks;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.List;

import javax.sql.DataSource;

import dev.plugboard.benchmarks.search.VariantCorpus;
import dev.plugboard.search.AdapterDocument;

/**
 * Writes the corpus's generated variants into the hub's database next to the AdapterHub
 * cards the hub imported itself. Going through the REST API would take hours for 100k
 * repositories, so rows are written in SQL: metadata the embedded text depends on
 * (description, task, subtask, languages, tags, base model, method) from the generated
 * document, so the hub composes exactly the text the shortcut knows; the rest (adapter
 * type, citation, links) from the card row the hub wrote. No search outbox rows: the hub
 * rebuilds its index from these tables on its next start. Variants have no versions; the
 * search page reads none.
 */
final class VariantSeeder {

	private static final int BATCH = 2000;

	private final DataSource database;

	VariantSeeder(DataSource database) {
		this.database = database;
	}

	/**
	 * @return the number of variant repositories inserted
	 */
	int seed(VariantCorpus corpus, int cards) throws SQLException {
		List<AdapterDocument> documents = corpus.documents();
		try (Connection connection = this.database.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute("""
						CREATE TEMP TABLE bench_cards (card_index INT PRIMARY KEY, namespace TEXT, name TEXT,
							description TEXT, task TEXT, subtask TEXT, languages TEXT[], tags TEXT[], author TEXT,
							downloads BIGINT, updated_at TIMESTAMPTZ) ON COMMIT DROP""");
				statement.execute("""
						CREATE TEMP TABLE bench_variants (namespace TEXT, name TEXT, card_index INT, model_name TEXT,
							model_type TEXT, method TEXT, license TEXT, downloads BIGINT, updated_at TIMESTAMPTZ)
							ON COMMIT DROP""");
			}
			insertCards(connection, documents.subList(0, cards));
			insertVariants(connection, documents, cards);
			int variants;
			try (Statement statement = connection.createStatement()) {
				int updated = statement.executeUpdate("""
						UPDATE adapters a SET downloads = b.downloads, updated_at = b.updated_at
						FROM bench_cards b WHERE a.namespace = b.namespace AND a.name = b.name""");
				if (updated != cards) {
					throw new IllegalStateException("The hub imported " + updated + " of the " + cards + " cards");
				}
				statement.executeUpdate("""
						INSERT INTO namespaces (name) SELECT DISTINCT namespace FROM bench_variants
						ON CONFLICT (name) DO NOTHING""");
				variants = statement.executeUpdate(
						"""
								INSERT INTO adapters (namespace_id, namespace, name, description, model_name, model_type, method,
									adapter_type, task, subtask, languages, license, tags, author, citation, links, downloads,
									created_at, updated_at)
								SELECT n.id, v.namespace, v.name, b.description, v.model_name, v.model_type, v.method,
									t.adapter_type, b.task, b.subtask, b.languages, v.license, b.tags, b.author, t.citation, t.links,
									v.downloads, v.updated_at, v.updated_at
								FROM bench_variants v JOIN bench_cards b ON b.card_index = v.card_index
								JOIN adapters t ON t.namespace = b.namespace AND t.name = b.name
								JOIN namespaces n ON n.name = v.namespace""");
			}
			if (variants != documents.size() - cards) {
				throw new IllegalStateException(
						"Inserted " + variants + " variants, expected " + (documents.size() - cards));
			}
			connection.commit();
			try (Statement statement = connection.createStatement()) {
				connection.setAutoCommit(true);
				// Planner statistics as autovacuum would have them shortly after.
				statement.execute("ANALYZE namespaces, adapters");
			}
			return variants;
		}
	}

	private static void insertCards(Connection connection, List<AdapterDocument> cards) throws SQLException {
		try (PreparedStatement insert = connection
			.prepareStatement("INSERT INTO bench_cards VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
			for (int i = 0; i < cards.size(); i++) {
				AdapterDocument card = cards.get(i);
				insert.setInt(1, i);
				insert.setString(2, card.namespace());
				insert.setString(3, card.name());
				insert.setString(4, card.description());
				insert.setString(5, card.task());
				insert.setString(6, card.subtask());
				insert.setArray(7, texts(connection, card.languages()));
				insert.setArray(8, texts(connection, card.tags()));
				insert.setString(9, card.author());
				insert.setLong(10, card.downloads());
				insert.setObject(11, card.updatedAt().atOffset(ZoneOffset.UTC));
				insert.addBatch();
			}
			insert.executeBatch();
		}
	}

	private static void insertVariants(Connection connection, List<AdapterDocument> documents, int cards)
			throws SQLException {
		try (PreparedStatement insert = connection
			.prepareStatement("INSERT INTO bench_variants VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
			for (int i = cards; i < documents.size(); i++) {
				AdapterDocument variant = documents.get(i);
				insert.setString(1, variant.namespace());
				insert.setString(2, variant.name());
				insert.setInt(3, i % cards);
				insert.setString(4, variant.baseModel());
				insert.setString(5, variant.modelType());
				insert.setString(6, variant.method());
				insert.setString(7, variant.license());
				insert.setLong(8, variant.downloads());
				insert.setObject(9, variant.updatedAt().atOffset(ZoneOffset.UTC));
				insert.addBatch();
				if ((i - cards + 1) % BATCH == 0) {
					insert.executeBatch();
				}
			}
			insert.executeBatch();
		}
	}

	private static Array texts(Connection connection, List<String> values) throws SQLException {
		return connection.createArrayOf("text", values.toArray(String[]::new));
	}

}
