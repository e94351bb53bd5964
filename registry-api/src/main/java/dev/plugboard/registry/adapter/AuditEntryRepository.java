package dev.plugboard.registry.adapter;

import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.repository.CrudRepository;

interface AuditEntryRepository extends CrudRepository<AuditEntry, Long> {

	List<AuditEntry> findByAdapterIdOrderByIdDesc(Long adapterId, Limit limit);

}
