package dev.plugboard.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

/**
 * Creates the repositories {@code bench/r-0 … r-(n-1)}, each with one published version
 * {@code 1.0.0}. The REST API (create, then multipart publish) is the real path, so it
 * goes first; when its measured rate says the whole set would take longer than the
 * budget, the rest is copied in SQL from a repository the hub made itself, so the rows
 * are what the hub would have written.
 */
final class RepositorySeeder {

	static final String PREFIX = "r-";

	static final String VERSION = "1.0.0";

	private static final int PROBE = 400;

	private static final Duration BUDGET = Duration.ofMinutes(4);

	private final HubApi api;

	private final DataSource database;

	private final int clients;

	RepositorySeeder(HubApi api, DataSource database, int clients) {
		this.api = api;
		this.database = database;
		this.clients = clients;
	}

	Report seed(int count) throws Exception {
		long start = System.nanoTime();
		int probe = Math.min(PROBE, count);
		seedRest(0, probe);
		double probeSeconds = (System.nanoTime() - start) / 1e9;
		double rate = probe / probeSeconds;
		double estimate = count / rate;
		int viaRest = probe;
		if (estimate <= BUDGET.toSeconds()) {
			seedRest(probe, count);
			viaRest = count;
		}
		else {
			seedSql(probe, count);
		}
		analyze();
		return new Report(count, this.clients, viaRest, count - viaRest, rate, estimate,
				(System.nanoTime() - start) / 1e9);
	}

	private void seedRest(int from, int to) throws Exception {
		AtomicInteger next = new AtomicInteger(from);
		try (ExecutorService clients = Executors.newFixedThreadPool(this.clients)) {
			List<Future<?>> running = new ArrayList<>();
			for (int c = 0; c < this.clients; c++) {
				running.add(clients.submit(() -> {
					for (int i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
						String name = PREFIX + i;
						this.api.createAdapter(TransferBenchmark.NAMESPACE, name);
						this.api.publish(TransferBenchmark.NAMESPACE, name, VERSION, HubApi.configOnly());
					}
					return null;
				}));
			}
			for (Future<?> client : running) {
				client.get();
			}
		}
	}

	/**
	 * Copies repository {@code r-0}, its version and its file row for every missing
	 * index: same metadata, same content digest, same blob (the config's content is
	 * identical, so the hub would have deduplicated it to this blob too).
	 */
	private void seedSql(int from, int to) throws SQLException {
		String template = PREFIX + "0";
		try (Connection connection = this.database.getConnection()) {
			connection.setAutoCommit(false);
			try (PreparedStatement adapters = connection.prepareStatement(
					"""
							INSERT INTO adapters (namespace_id, namespace, name, model_name, model_type, method, adapter_config,
								config_id, adapter_type, task, subtask, languages, license, tags, author)
							SELECT t.namespace_id, t.namespace, ?::text || g::text, t.model_name, t.model_type, t.method, t.adapter_config,
								t.config_id, t.adapter_type, t.task, t.subtask, t.languages, t.license, t.tags, t.author
							FROM adapters t CROSS JOIN generate_series(?, ?) g
							WHERE t.namespace = ? AND t.name = ?
							""");
					PreparedStatement versions = connection.prepareStatement("""
							INSERT INTO adapter_versions (adapter_id, version, status, content_digest, created_by)
							SELECT a.id, tv.version, tv.status, tv.content_digest, tv.created_by
							FROM adapters a
							CROSS JOIN adapter_versions tv JOIN adapters t ON t.id = tv.adapter_id
							WHERE a.namespace = ? AND a.name LIKE ? AND t.namespace = ? AND t.name = ?
							AND NOT EXISTS (SELECT 1 FROM adapter_versions v WHERE v.adapter_id = a.id)
							""");
					PreparedStatement files = connection.prepareStatement(
							"""
									INSERT INTO version_files (version_id, path, size, sha256, media_type, blob_key, external_url)
									SELECT v.id, tf.path, tf.size, tf.sha256, tf.media_type, tf.blob_key, tf.external_url
									FROM adapter_versions v JOIN adapters a ON a.id = v.adapter_id
									CROSS JOIN version_files tf JOIN adapter_versions tv ON tv.id = tf.version_id
									JOIN adapters t ON t.id = tv.adapter_id
									WHERE a.namespace = ? AND a.name LIKE ? AND t.namespace = ? AND t.name = ?
									AND NOT EXISTS (SELECT 1 FROM version_files f WHERE f.version_id = v.id)
									""")) {
				adapters.setString(1, PREFIX);
				adapters.setInt(2, from);
				adapters.setInt(3, to - 1);
				adapters.setString(4, TransferBenchmark.NAMESPACE);
				adapters.setString(5, template);
				int inserted = adapters.executeUpdate();
				if (inserted != to - from) {
					throw new IllegalStateException("Inserted " + inserted + " repositories, expected " + (to - from));
				}
				for (PreparedStatement copy : List.of(versions, files)) {
					copy.setString(1, TransferBenchmark.NAMESPACE);
					copy.setString(2, PREFIX + "%");
					copy.setString(3, TransferBenchmark.NAMESPACE);
					copy.setString(4, template);
					copy.executeUpdate();
				}
			}
			connection.commit();
		}
	}

	/**
	 * Fresh planner statistics, as autovacuum would have them a minute later, so the load
	 * measures the steady state rather than plans made for an empty table.
	 */
	private void analyze() throws SQLException {
		try (Connection connection = this.database.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("ANALYZE namespaces, adapters, adapter_versions, version_files, tags");
		}
	}

	/**
	 * @param repositories repositories seeded
	 * @param clients concurrent REST clients
	 * @param viaRest of them through the REST API
	 * @param viaSql of them by SQL copy
	 * @param restRate repositories per second through REST
	 * @param restEstimateSeconds how long REST would have taken for all
	 * @param seconds how long seeding took
	 */
	record Report(int repositories, int clients, int viaRest, int viaSql, double restRate, double restEstimateSeconds,
			double seconds) {
	}

}
