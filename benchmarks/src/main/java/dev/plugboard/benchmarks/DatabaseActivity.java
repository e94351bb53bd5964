package dev.plugboard.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

/**
 * What the database did for the hub during a phase, from PostgreSQL's cumulative
 * statistics: per table, sequential and index scans and rows written; and transactions.
 * Divided by the requests served, it tells whether a resolve costs a few index lookups or
 * scans whole tables, which latency alone cannot.
 */
final class DatabaseActivity {

	/**
	 * Backends publish their counters when idle, at the latest after 10 s (PostgreSQL
	 * 15+).
	 */
	private static final long FLUSH_WAIT_MILLIS = 11_000;

	private final DataSource database;

	DatabaseActivity(DataSource database) {
		this.database = database;
	}

	Snapshot snapshot() throws SQLException {
		Map<String, long[]> tables = new LinkedHashMap<>();
		long transactions;
		try (Connection connection = this.database.getConnection();
				Statement statement = connection.createStatement()) {
			try (ResultSet rows = statement.executeQuery("""
					SELECT relname, seq_scan, seq_tup_read, COALESCE(idx_scan, 0),
						n_tup_ins + n_tup_upd + n_tup_del
					FROM pg_stat_user_tables ORDER BY relname""")) {
				while (rows.next()) {
					tables.put(rows.getString(1),
							new long[] { rows.getLong(2), rows.getLong(3), rows.getLong(4), rows.getLong(5) });
				}
			}
			try (ResultSet rows = statement.executeQuery(
					"SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()")) {
				rows.next();
				transactions = rows.getLong(1);
			}
		}
		return new Snapshot(tables, transactions);
	}

	/** The snapshot after a phase, once the hub's connections have published theirs. */
	Snapshot settledSnapshot() throws SQLException, InterruptedException {
		Thread.sleep(FLUSH_WAIT_MILLIS);
		return snapshot();
	}

	record Snapshot(Map<String, long[]> tables, long transactions) {

		/** Per-table activity since {@code before}, divided by {@code requests}. */
		Map<String, double[]> perRequestSince(Snapshot before, long requests) {
			Map<String, double[]> result = new LinkedHashMap<>();
			this.tables.forEach((table, now) -> {
				long[] then = before.tables().getOrDefault(table, new long[now.length]);
				double[] delta = new double[now.length];
				boolean any = false;
				for (int i = 0; i < now.length; i++) {
					delta[i] = (now[i] - then[i]) / (double) Math.max(1, requests);
					any |= now[i] != then[i];
				}
				if (any) {
					result.put(table, delta);
				}
			});
			return result;
		}

		double transactionsPerRequestSince(Snapshot before, long requests) {
			return (this.transactions - before.transactions()) / (double) Math.max(1, requests);
		}

	}

}
