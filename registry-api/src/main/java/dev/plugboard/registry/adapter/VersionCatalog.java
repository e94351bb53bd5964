package dev.plugboard.registry.adapter;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.plugboard.formats.Identifiers;
import dev.plugboard.registry.identity.Caller;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading versions and their files; yanking and un-yanking. */
@Service
public class VersionCatalog {

	private final AdapterCatalog catalog;

	private final AdapterVersionRepository versions;

	private final VersionFileRepository files;

	private final AuditLog audit;

	private final SearchOutbox outbox;

	VersionCatalog(SearchOutbox outbox, AdapterCatalog catalog, AdapterVersionRepository versions,
			VersionFileRepository files, AuditLog audit) {
		this.catalog = catalog;
		this.versions = versions;
		this.files = files;
		this.audit = audit;
		this.outbox = outbox;
	}

	/** Newest first. */
	@Transactional(readOnly = true)
	public List<AdapterVersion> versions(Adapter adapter) {
		return this.versions.findByAdapterIdOrderByCreatedAtDescIdDesc(adapter.getId());
	}

	/** The exact version, yanked or not. */
	@Transactional(readOnly = true)
	public AdapterVersion version(Adapter adapter, String version) {
		Identifiers.requireVersion(version);
		return find(adapter, version).orElseThrow(() -> new VersionNotFoundException(adapter.repositoryId(), version));
	}

	/** The exact version, yanked or not, if it exists. */
	@Transactional(readOnly = true)
	public Optional<AdapterVersion> find(Adapter adapter, String version) {
		return this.versions.findByAdapterIdAndVersion(adapter.getId(), version);
	}

	/** The newest published version that is not yanked. */
	@Transactional(readOnly = true)
	public Optional<AdapterVersion> latest(Adapter adapter) {
		return this.versions.findFirstByAdapterIdAndStatusOrderByCreatedAtDescIdDesc(adapter.getId(),
				AdapterVersion.PUBLISHED);
	}

	@Transactional(readOnly = true)
	public List<VersionFile> files(AdapterVersion version) {
		return this.files.findByVersionIdOrderByPathAsc(version.getId());
	}

	@Transactional(readOnly = true)
	public Map<Long, List<VersionFile>> files(List<AdapterVersion> versions) {
		return this.files.findByVersionIdInOrderByPathAsc(versions.stream().map(AdapterVersion::getId).toList())
			.stream()
			.collect(java.util.stream.Collectors.groupingBy(VersionFile::getVersionId));
	}

	@Transactional(readOnly = true)
	public VersionFile file(Adapter adapter, AdapterVersion version, String path) {
		return this.files.findByVersionIdAndPath(version.getId(), path)
			.orElseThrow(() -> new VersionFileNotFoundException(adapter.repositoryId(), version.getVersion(), path));
	}

	/**
	 * Hides a version from {@code latest} and tag resolution; it stays downloadable by
	 * its exact version.
	 */
	@Transactional
	public AdapterVersion yank(Caller caller, String namespace, String name, String version, String reason) {
		Adapter adapter = this.catalog.get(namespace, name);
		caller.requireWrite(namespace);
		AdapterVersion target = version(adapter, version);
		target.yank((reason == null || reason.isBlank()) ? null : reason.strip());
		this.versions.save(target);
		this.outbox.changed(adapter);
		this.audit.record(caller, "version.yanked", adapter,
				(reason == null) ? Map.of("version", version) : Map.of("version", version, "reason", reason));
		return target;
	}

	@Transactional
	public AdapterVersion unyank(Caller caller, String namespace, String name, String version) {
		Adapter adapter = this.catalog.get(namespace, name);
		caller.requireWrite(namespace);
		AdapterVersion target = version(adapter, version);
		target.unyank();
		this.versions.save(target);
		this.audit.record(caller, "version.unyanked", adapter, Map.of("version", version));
		this.outbox.changed(adapter);
		return target;
	}

}
