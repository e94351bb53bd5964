package dev.plugboard.registry.evaluation;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads what jobs point at (versions of adapters and base models, and their files)
 * without going through the repository services: a job names versions by id.
 */
@Component
public class VersionRefs {

	private final JdbcTemplate jdbc;

	VersionRefs(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** A version and its repository. */
	public VersionRef version(long versionId) {
		return this.jdbc.queryForObject("""
				select v.id, a.id as adapter_id, a.namespace, a.name, v.version, v.content_digest, v.status,
					a.model_name, a.method
				from adapter_versions v join adapters a on a.id = v.adapter_id where v.id = ?
				""",
				(rs, i) -> new VersionRef(rs.getLong("id"), rs.getLong("adapter_id"), rs.getString("namespace"),
						rs.getString("name"), rs.getString("version"), rs.getString("content_digest").substring(0, 40),
						rs.getString("status"), rs.getString("model_name"), rs.getString("method")),
				versionId);
	}

	public List<FileRef> files(long versionId) {
		return this.jdbc.query("select path, size, sha256 from version_files where version_id = ? order by path",
				(rs, i) -> new FileRef(rs.getString("path"), rs.getObject("size", Long.class), rs.getString("sha256")),
				versionId);
	}

	/**
	 * Whether the base model an adapter names ({@code model_name}) is available to
	 * runners: a base-model repository of that id (ignoring case, as the Hugging Face Hub
	 * resolves ids) with a published version. Evaluations pin its newest one.
	 * @return that version's id
	 */
	public Optional<Long> availableBaseModel(String modelName) {
		if (modelName == null || !modelName.contains("/")) {
			return Optional.empty();
		}
		return this.jdbc.queryForList("""
				select v.id from adapters a join adapter_versions v on v.adapter_id = a.id
				where a.repo_type = 'base_model' and lower(a.namespace || '/' || a.name) = lower(?)
					and v.status = 'published'
				order by v.created_at desc, v.id desc limit 1
				""", Long.class, modelName).stream().findFirst();
	}

	/**
	 * @param commit the version's stable 40-hex revision id
	 * @param status {@code published} or {@code yanked}
	 */
	public record VersionRef(long id, long adapterId, String namespace, String name, String version, String commit,
			String status, String modelName, String method) {

		public String repository() {
			return this.namespace + "/" + this.name;
		}

		public boolean yanked() {
			return "yanked".equals(this.status);
		}

	}

	/**
	 * @param size null for an external file of unknown size
	 */
	public record FileRef(String path, Long size, String sha256) {
	}

}
