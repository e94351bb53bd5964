package dev.plugboard.registry.evaluation;

import java.io.InputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.plugboard.formats.Identifiers;
import dev.plugboard.registry.adapter.ClientInput;
import dev.plugboard.registry.identity.Caller;
import dev.plugboard.registry.system.InvalidRequestException;
import dev.plugboard.registry.system.UploadProperties;
import dev.plugboard.storage.BlobStore;
import dev.plugboard.storage.StagedBlob;
import dev.plugboard.storage.StorageException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Benchmarks as registry resources: an admin writes the spec and uploads the dataset file
 * (streamed into content-addressed storage, like version files); anyone reads them.
 */
@Service
public class Benchmarks {

	private static final String COLUMNS = "id, namespace, name, spec::text as spec, adapterhub_task, adapterhub_subtask,"
			+ " primary_metric, dataset_sha256, dataset_size, dataset_blob_key, dataset_media_type, created_at,"
			+ " updated_at";

	static final RowMapper<Benchmark> ROWS = Benchmarks::row;

	private final JdbcTemplate jdbc;

	private final BlobStore blobs;

	private final UploadProperties limits;

	private final TransactionTemplate transaction;

	Benchmarks(JdbcTemplate jdbc, BlobStore blobs, UploadProperties limits, TransactionTemplate transaction) {
		this.jdbc = jdbc;
		this.blobs = blobs;
		this.limits = limits;
		this.transaction = transaction;
	}

	/** Creates or replaces a benchmark's spec; its dataset is kept. */
	@Transactional
	public Saved put(Caller caller, String namespace, String name, JsonNode body) {
		caller.requireAdmin();
		String id = id(namespace, name);
		ObjectNode spec = BenchmarkSpecs.check(id, body);
		Boolean created = this.jdbc.queryForObject("""
				insert into benchmarks (id, namespace, name, spec, adapterhub_task, adapterhub_subtask, primary_metric)
				values (?, ?, ?, ?::jsonb, ?, ?, ?)
				on conflict (id) do update set spec = excluded.spec, adapterhub_task = excluded.adapterhub_task,
					adapterhub_subtask = excluded.adapterhub_subtask, primary_metric = excluded.primary_metric,
					updated_at = now()
				returning (xmax = 0)
				""", Boolean.class, id, namespace, name, spec.toString(),
				lower(BenchmarkSpecs.text(spec, "adapterhub_task")),
				lower(BenchmarkSpecs.text(spec, "adapterhub_subtask")), BenchmarkSpecs.text(spec, "primary_metric"));
		return new Saved(get(namespace, name), Boolean.TRUE.equals(created));
	}

	/**
	 * Streams a dataset file into storage and records it. The benchmark must exist before
	 * a byte is read; the blob is promoted to its content address inside the transaction
	 * that records it (a crash in between leaves a blob the sweeper removes).
	 */
	public Benchmark uploadDataset(Caller caller, String namespace, String name, InputStream content,
			String mediaType) {
		caller.requireAdmin();
		Benchmark benchmark = get(namespace, name);
		ClientInput input = new ClientInput(content);
		StagedBlob staged;
		try {
			staged = this.blobs.stage(input, this.limits.maxFileSize().toBytes());
		}
		catch (StorageException ex) {
			if (input.failure() != null) {
				throw new InvalidRequestException("malformed-body",
						"The upload could not be read to its end: " + input.failure().getMessage());
			}
			throw ex;
		}
		if (staged.size() == 0) {
			this.blobs.discard(staged);
			throw new InvalidRequestException("The dataset file is empty");
		}
		boolean committed = false;
		try {
			this.transaction.executeWithoutResult((status) -> {
				int updated = this.jdbc.update("""
						update benchmarks set dataset_sha256 = ?, dataset_size = ?, dataset_blob_key = ?,
							dataset_media_type = ?, updated_at = now()
						where id = ?
						""", staged.sha256(), staged.size(), BlobStore.contentKey(staged.sha256()), mediaType,
						benchmark.id());
				if (updated == 0) {
					throw EvaluationProblem.benchmarkNotFound(benchmark.id());
				}
				this.blobs.promote(staged);
			});
			committed = true;
		}
		finally {
			if (!committed) {
				this.blobs.discard(staged);
			}
		}
		return get(namespace, name);
	}

	/** Opens the dataset file for reading; the caller closes the stream. */
	public InputStream openDataset(Benchmark benchmark) {
		if (!benchmark.hasDataset()) {
			throw new EvaluationProblem("dataset-not-found", "Benchmark " + benchmark.id() + " has no dataset yet")
				.with("benchmark", benchmark.id());
		}
		return this.blobs.read(benchmark.datasetBlobKey(), 0, -1);
	}

	/**
	 * @throws EvaluationProblem of kind {@code benchmark-not-found}
	 */
	@Transactional(readOnly = true)
	public Benchmark get(String namespace, String name) {
		return find(id(namespace, name));
	}

	/** A benchmark by its {@code namespace/name} id. */
	@Transactional(readOnly = true)
	public Benchmark find(String id) {
		List<Benchmark> found = this.jdbc.query("select " + COLUMNS + " from benchmarks where id = ?", ROWS, id);
		if (found.isEmpty()) {
			throw EvaluationProblem.benchmarkNotFound(id);
		}
		return found.get(0);
	}

	@Transactional(readOnly = true)
	public List<Benchmark> list(String task, String subtask) {
		return this.jdbc.query("select " + COLUMNS + " from benchmarks"
				+ " where (?::text is null or adapterhub_task = ?) and (?::text is null or adapterhub_subtask = ?)"
				+ " order by id", ROWS, lower(task), lower(task), lower(subtask), lower(subtask));
	}

	/** Benchmarks serving an AdapterHub task and subtask whose dataset is uploaded. */
	List<Benchmark> runnableFor(String task, String subtask) {
		if (task == null || subtask == null) {
			return List.of();
		}
		return this.jdbc.query(
				"select " + COLUMNS + " from benchmarks where adapterhub_task = ?"
						+ " and adapterhub_subtask = ? and dataset_sha256 is not null order by id",
				ROWS, lower(task), lower(subtask));
	}

	static String id(String namespace, String name) {
		Identifiers.requireNamespace(namespace);
		Identifiers.requireName(name);
		return namespace + "/" + name;
	}

	/**
	 * The id in a benchmark reference such as {@code glue/sst2}.
	 * @throws InvalidRequestException when it is not {@code namespace/name}
	 */
	static String parseId(String reference) {
		String[] parts = (reference == null) ? new String[0] : reference.split("/", -1);
		if (parts.length != 2) {
			throw new InvalidRequestException(
					"A benchmark is named 'namespace/name', such as 'glue/sst2'; got '" + reference + "'");
		}
		return id(parts[0], parts[1]);
	}

	private static String lower(String text) {
		return (text == null) ? null : text.toLowerCase(Locale.ROOT);
	}

	private static Benchmark row(ResultSet rs, int index) throws SQLException {
		Long size = rs.getObject("dataset_size", Long.class);
		return new Benchmark(rs.getString("id"), rs.getString("namespace"), rs.getString("name"), rs.getString("spec"),
				rs.getString("adapterhub_task"), rs.getString("adapterhub_subtask"), rs.getString("primary_metric"),
				rs.getString("dataset_sha256"), size, rs.getString("dataset_blob_key"),
				rs.getString("dataset_media_type"), instant(rs, "created_at"), instant(rs, "updated_at"));
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/**
	 * @param created true when this call created the benchmark, false when it replaced
	 * the spec
	 */
	public record Saved(Benchmark benchmark, boolean created) {
	}

}
