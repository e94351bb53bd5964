package dev.plugboard.registry.adapter;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Notes that a repository's searchable content changed, inside the transaction that
 * changed it: the note exists if and only if the change does (transactional outbox).
 */
@Component
public class SearchOutbox {

	private final JdbcTemplate jdbc;

	SearchOutbox(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void changed(Adapter adapter) {
		this.jdbc.update("insert into search_outbox (adapter_id) values (?)", adapter.getId());
	}

}
