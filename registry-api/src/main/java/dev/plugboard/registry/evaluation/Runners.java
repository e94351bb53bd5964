package dev.plugboard.registry.evaluation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.plugboard.registry.identity.Caller;
import dev.plugboard.registry.identity.PermissionDeniedException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Runner registration: one row per token and runner name. */
@Service
public class Runners {

	private static final String COLUMNS = "id, name, token_id, capabilities::text as capabilities, registered_at,"
			+ " last_seen_at";

	private static final RowMapper<Runner> ROWS = Runners::row;

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	Runners(JdbcTemplate jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Registers a runner, or updates the one of this token with the same name.
	 */
	@Transactional
	public Registered register(Caller caller, RunnerRegistration registration) {
		caller.requireRunner();
		if (caller.tokenId() == null) {
			throw new PermissionDeniedException("Runners register with a token");
		}
		Map<String, Object> capabilities = new LinkedHashMap<>();
		capabilities.put("device", registration.device());
		capabilities.put("memory_mb", registration.memoryMb());
		capabilities.put("base_models", registration.baseModels());
		capabilities.put("runtime", registration.runtime());
		Map<String, Object> created = this.jdbc.queryForMap("""
				insert into runners (id, name, token_id, capabilities) values (?, ?, ?, ?::jsonb)
				on conflict (token_id, name) do update set capabilities = excluded.capabilities, last_seen_at = now()
				returning id, (xmax = 0) as created
				""", UUID.randomUUID(), registration.name(), caller.tokenId(),
				this.json.writeValueAsString(capabilities));
		Runner runner = get((UUID) created.get("id"));
		return new Registered(runner, Boolean.TRUE.equals(created.get("created")));
	}

	/**
	 * The caller's runner, marked as seen now.
	 * @throws EvaluationProblem of kind {@code runner-not-found}
	 * @throws PermissionDeniedException when it belongs to another token (admins may act
	 * for any runner)
	 */
	@Transactional
	public Runner requireOwn(Caller caller, UUID id) {
		caller.requireRunner();
		Runner runner = get(id);
		if (!caller.isAdmin() && !Long.valueOf(runner.tokenId()).equals(caller.tokenId())) {
			throw new PermissionDeniedException("Runner " + id + " was registered with another token");
		}
		this.jdbc.update("update runners set last_seen_at = now() where id = ?", id);
		return runner;
	}

	@Transactional(readOnly = true)
	public Runner get(UUID id) {
		List<Runner> found = this.jdbc.query("select " + COLUMNS + " from runners where id = ?", ROWS, id);
		if (found.isEmpty()) {
			throw new EvaluationProblem("runner-not-found", "No runner " + id + "; register it first").with("runner",
					id.toString());
		}
		return found.get(0);
	}

	@Transactional(readOnly = true)
	public List<Runner> list(Caller caller) {
		caller.requireAdmin();
		return this.jdbc.query("select " + COLUMNS + " from runners order by last_seen_at desc, id", ROWS);
	}

	private static Runner row(ResultSet rs, int index) throws SQLException {
		return new Runner(rs.getObject("id", UUID.class), rs.getString("name"), rs.getLong("token_id"),
				rs.getString("capabilities"), Benchmarks.instant(rs, "registered_at"),
				Benchmarks.instant(rs, "last_seen_at"));
	}

	/**
	 * @param created false when an existing runner of this token and name was updated
	 */
	public record Registered(Runner runner, boolean created) {
	}

}
