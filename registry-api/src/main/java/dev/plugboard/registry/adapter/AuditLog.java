package dev.plugboard.registry.adapter;

import java.util.List;
import java.util.Map;

import dev.plugboard.registry.identity.Caller;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends to the audit log inside the caller's transaction, so a record exists iff the
 * change does.
 */
@Component
public class AuditLog {

	private final AuditEntryRepository entries;

	private final JsonMapper json;

	AuditLog(AuditEntryRepository entries, JsonMapper json) {
		this.entries = entries;
		this.json = json;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void record(Caller caller, String action, Adapter adapter, Map<String, ?> detail) {
		this.entries.save(new AuditEntry((caller != null) ? caller.tokenId() : null, action, adapter.getId(),
				this.json.writeValueAsString(detail)));
	}

	@Transactional(readOnly = true)
	public List<AuditEntry> recent(Adapter adapter, int limit) {
		return this.entries.findByAdapterIdOrderByIdDesc(adapter.getId(), Limit.of(limit));
	}

}
