package dev.plugboard.registry.adapter;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.plugboard.formats.Identifiers;
import dev.plugboard.registry.identity.Caller;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Movable tags; every move is written to the audit log. */
@Service
public class TagService {

	private final AdapterCatalog catalog;

	private final VersionCatalog versions;

	private final AdapterRepository adapters;

	private final TagRepository tags;

	private final AdapterVersionRepository versionRows;

	private final AuditLog audit;

	TagService(AdapterCatalog catalog, VersionCatalog versions, AdapterRepository adapters, TagRepository tags,
			AdapterVersionRepository versionRows, AuditLog audit) {
		this.catalog = catalog;
		this.versions = versions;
		this.adapters = adapters;
		this.tags = tags;
		this.versionRows = versionRows;
		this.audit = audit;
	}

	/** Tag name → version, including the computed {@code latest} when there is one. */
	@Transactional(readOnly = true)
	public Map<String, String> tags(Adapter adapter) {
		Map<String, String> result = new LinkedHashMap<>();
		this.versions.latest(adapter).ifPresent((latest) -> result.put("latest", latest.getVersion()));
		for (TagRepository.TagVersion tag : this.tags.tagVersions(adapter.getId())) {
			result.put(tag.getName(), tag.getVersion());
		}
		return result;
	}

	@Transactional
	public Tag move(Caller caller, String namespace, String name, String tagName, String version) {
		Adapter adapter = this.catalog.get(namespace, name);
		caller.requireWrite(namespace);
		Identifiers.requireTag(tagName);
		AdapterVersion target = this.versions.version(adapter, version);
		if (target.isYanked()) {
			throw new VersionYankedException(adapter.repositoryId(), tagName, version);
		}
		this.adapters.lockById(adapter.getId());
		Tag tag = this.tags.findByAdapterIdAndName(adapter.getId(), tagName).orElse(null);
		Map<String, Object> detail = new LinkedHashMap<>();
		detail.put("tag", tagName);
		if (tag == null) {
			tag = new Tag(adapter, tagName, target);
		}
		else {
			this.versionRows.findById(tag.getVersionId()).ifPresent((from) -> detail.put("from", from.getVersion()));
			tag.moveTo(target);
		}
		detail.put("to", version);
		tag = this.tags.save(tag);
		this.audit.record(caller, "tag.moved", adapter, detail);
		return tag;
	}

	@Transactional
	public void delete(Caller caller, String namespace, String name, String tagName) {
		Adapter adapter = this.catalog.get(namespace, name);
		caller.requireWrite(namespace);
		Identifiers.requireTag(tagName);
		Tag tag = this.tags.findByAdapterIdAndName(adapter.getId(), tagName)
			.orElseThrow(() -> new TagNotFoundException(adapter.repositoryId(), tagName));
		Map<String, Object> detail = new LinkedHashMap<>();
		detail.put("tag", tagName);
		this.versionRows.findById(tag.getVersionId()).ifPresent((from) -> detail.put("from", from.getVersion()));
		this.tags.delete(tag);
		this.audit.record(caller, "tag.deleted", adapter, detail);
	}

	/** The version a stored tag points at, or empty when there is no such tag. */
	@Transactional(readOnly = true)
	java.util.Optional<AdapterVersion> pointee(Adapter adapter, String tagName) {
		return this.tags.findByAdapterIdAndName(adapter.getId(), tagName)
			.flatMap((tag) -> this.versionRows.findById(tag.getVersionId()));
	}

}
