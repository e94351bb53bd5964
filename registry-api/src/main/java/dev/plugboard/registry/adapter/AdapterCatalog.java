package dev.plugboard.registry.adapter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.plugboard.formats.Identifiers;
import dev.plugboard.registry.identity.Caller;
import dev.plugboard.registry.system.InvalidRequestException;
import jakarta.persistence.criteria.Predicate;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Repositories (adapters and base models): create, read, edit, list. */
@Service
public class AdapterCatalog {

	public static final int MAX_PAGE_SIZE = 500;

	private final AdapterRepository adapters;

	private final NamespaceRepository namespaces;

	private final AuditLog audit;

	private final SearchOutbox outbox;

	AdapterCatalog(AdapterRepository adapters, NamespaceRepository namespaces, AuditLog audit, SearchOutbox outbox) {
		this.outbox = outbox;
		this.adapters = adapters;
		this.namespaces = namespaces;
		this.audit = audit;
	}

	@Transactional
	public Adapter create(Caller caller, String namespace, String name, AdapterMetadata metadata) {
		return create(caller, namespace, name, RepositoryType.ADAPTER, metadata);
	}

	@Transactional
	public Adapter create(Caller caller, String namespace, String name, RepositoryType type, AdapterMetadata metadata) {
		Identifiers.requireNamespace(namespace);
		Identifiers.requireName(name);
		caller.requireWrite(namespace);
		String id = namespace + "/" + name;
		if (this.adapters.findByNamespaceAndName(namespace, name).isPresent()) {
			throw new AdapterAlreadyExistsException(id);
		}
		this.namespaces.createIfMissing(namespace);
		Namespace owner = this.namespaces.findByName(namespace).orElseThrow();
		Adapter adapter = new Adapter(owner, name, type);
		adapter.apply(metadata);
		try {
			adapter = this.adapters.saveAndFlush(adapter);
		}
		catch (DataIntegrityViolationException ex) {
			// Lost a race with a concurrent create of the same id.
			throw new AdapterAlreadyExistsException(id);
		}
		this.audit.record(caller, "adapter.created", adapter, Map.of("repo_type", type.id()));
		this.outbox.changed(adapter);
		return adapter;
	}

	@Transactional
	public Adapter update(Caller caller, String namespace, String name, AdapterMetadata metadata) {
		Adapter adapter = get(namespace, name);
		caller.requireWrite(namespace);
		if (adapter.apply(metadata)) {
			this.audit.record(caller, "adapter.updated", adapter, Map.of());
			this.outbox.changed(adapter);
		}
		return adapter;
	}

	/**
	 * Creates or updates a repository imported from a catalog; writes (and audits) only
	 * what differs, so importing the same catalog twice changes nothing.
	 * @return the repository and whether it was created, changed or left as it was
	 */
	@Transactional
	public ImportedAdapter importAdapter(Caller caller, String namespace, String name, AdapterMetadata metadata,
			String source, String origin, boolean adapterhubDefault) {
		var existing = this.adapters.findByNamespaceAndName(namespace, name);
		if (existing.isEmpty()) {
			Adapter created = create(caller, namespace, name, RepositoryType.ADAPTER, metadata);
			// create() already queued the repository for indexing, in this same
			// transaction.
			created.importedFrom(source, origin, adapterhubDefault);
			return new ImportedAdapter(created, ImportedAdapter.Outcome.CREATED);
		}
		Adapter adapter = existing.get();
		caller.requireWrite(namespace);
		if (adapter.isBaseModel()) {
			throw new RepositoryTypeConflictException(adapter.repositoryId(), RepositoryType.BASE_MODEL,
					RepositoryType.ADAPTER);
		}
		boolean changed = adapter.apply(metadata);
		changed |= adapter.importedFrom(source, origin, adapterhubDefault);
		if (changed) {
			this.audit.record(caller, "adapter.updated", adapter, Map.of("source", source));
			this.outbox.changed(adapter);
		}
		return new ImportedAdapter(adapter,
				changed ? ImportedAdapter.Outcome.UPDATED : ImportedAdapter.Outcome.UNCHANGED);
	}

	/**
	 * Creates a repository imported from something the hub ships with (a bundled base
	 * model); an existing one is left exactly as it is, whatever its owner changed.
	 * @throws RepositoryTypeConflictException when the repository exists with another
	 * type
	 */
	@Transactional
	public Adapter createImportedIfMissing(Caller caller, String namespace, String name, RepositoryType type,
			AdapterMetadata metadata, String source, String origin) {
		var existing = this.adapters.findByNamespaceAndName(namespace, name);
		if (existing.isPresent()) {
			if (existing.get().getRepoType() != type) {
				throw new RepositoryTypeConflictException(existing.get().repositoryId(), existing.get().getRepoType(),
						type);
			}
			return existing.get();
		}
		Adapter created = create(caller, namespace, name, type, metadata);
		created.importedFrom(source, origin, false);
		return created;
	}

	@Transactional(readOnly = true)
	public java.util.Optional<Adapter> find(String namespace, String name) {
		return this.adapters.findByNamespaceAndName(namespace, name);
	}

	/**
	 * The base-model repositories among model names (as adapters give them in
	 * {@code model_name}), matched ignoring case: lower-cased name → repository id.
	 */
	@Transactional(readOnly = true)
	public Map<String, String> baseModels(java.util.Collection<String> modelNames) {
		List<String> wanted = modelNames.stream()
			.filter(java.util.Objects::nonNull)
			.filter((modelName) -> modelName.contains("/"))
			.map((modelName) -> modelName.toLowerCase(java.util.Locale.ROOT))
			.distinct()
			.toList();
		if (wanted.isEmpty()) {
			return Map.of();
		}
		Map<String, String> found = new java.util.HashMap<>();
		for (Adapter adapter : this.adapters.findBaseModelsByLowerId(wanted)) {
			found.put(adapter.repositoryId().toLowerCase(java.util.Locale.ROOT), adapter.repositoryId());
		}
		return found;
	}

	/**
	 * @throws AdapterNotFoundException when there is no such repository
	 */
	@Transactional(readOnly = true)
	public Adapter get(String namespace, String name) {
		Identifiers.requireNamespace(namespace);
		Identifiers.requireName(name);
		return this.adapters.findByNamespaceAndName(namespace, name)
			.orElseThrow(() -> new AdapterNotFoundException(namespace + "/" + name));
	}

	/**
	 * Repositories AdapterHub's per-model index would list: task, subtask and config id
	 * known.
	 */
	@Transactional(readOnly = true)
	public List<Adapter> indexed(String modelName) {
		return this.adapters
			.findByModelNameAndTaskIsNotNullAndSubtaskIsNotNullAndConfigIdIsNotNullOrderByNamespaceAscNameAsc(
					modelName);
	}

	/**
	 * The repositories of {@code ns/name} ids in their order, skipping those that are
	 * gone; one transaction.
	 */
	@Transactional(readOnly = true)
	public List<Adapter> findAll(List<String> repositoryIds) {
		Set<String> namespaces = new HashSet<>();
		Set<String> names = new HashSet<>();
		for (String id : repositoryIds) {
			String[] parts = id.split("/", 2);
			if (parts.length == 2) {
				namespaces.add(parts[0]);
				names.add(parts[1]);
			}
		}
		if (namespaces.isEmpty()) {
			return List.of();
		}
		// One query for a page of hits instead of one per hit; the cross product of
		// namespaces and names may add rows that were not asked for, dropped here.
		Map<String, Adapter> found = new HashMap<>();
		this.adapters.findByNamespaceInAndNameIn(namespaces, names)
			.forEach((adapter) -> found.put(adapter.repositoryId(), adapter));
		return repositoryIds.stream().map(found::get).filter(Objects::nonNull).toList();
	}

	@Transactional(readOnly = true)
	public List<Adapter> byIds(List<Long> ids) {
		return this.adapters.findAllById(ids);
	}

	@Transactional(readOnly = true)
	public List<Long> allIds() {
		return this.adapters.allIds();
	}

	@Transactional(readOnly = true)
	public List<String> indexedModelNames() {
		return this.adapters.indexedModelNames();
	}

	@Transactional(readOnly = true)
	public AdapterPage list(AdapterFilter filter, String cursor, int limit) {
		if (limit < 1 || limit > MAX_PAGE_SIZE) {
			throw new InvalidRequestException("limit must be between 1 and " + MAX_PAGE_SIZE);
		}
		String[] after = (cursor != null && !cursor.isEmpty()) ? decodeCursor(cursor) : null;
		Specification<Adapter> spec = (root, query, cb) -> {
			List<Predicate> predicates = new ArrayList<>();
			if (filter.repoType() != null) {
				predicates.add(cb.equal(root.get("repoType"), filter.repoType().id()));
			}
			equal(predicates, cb, root.get("namespace"), filter.namespace());
			equal(predicates, cb, root.get("modelName"), filter.modelName());
			equal(predicates, cb, root.get("modelType"), filter.modelType());
			equal(predicates, cb, root.get("method"), filter.method());
			equal(predicates, cb, root.get("task"), filter.task());
			equal(predicates, cb, root.get("subtask"), filter.subtask());
			if (after != null) {
				predicates.add(cb.or(cb.greaterThan(root.get("namespace"), after[0]),
						cb.and(cb.equal(root.get("namespace"), after[0]), cb.greaterThan(root.get("name"), after[1]))));
			}
			return cb.and(predicates.toArray(Predicate[]::new));
		};
		List<Adapter> page = this.adapters.findAll(spec, PageRequest.of(0, limit + 1, Sort.by("namespace", "name")))
			.getContent();
		if (page.size() <= limit) {
			return new AdapterPage(page, null);
		}
		List<Adapter> items = page.subList(0, limit);
		Adapter last = items.get(limit - 1);
		return new AdapterPage(List.copyOf(items), encodeCursor(last));
	}

	private static void equal(List<Predicate> predicates, jakarta.persistence.criteria.CriteriaBuilder cb,
			jakarta.persistence.criteria.Path<Object> path, String value) {
		if (value != null && !value.isEmpty()) {
			predicates.add(cb.equal(path, value));
		}
	}

	private static String encodeCursor(Adapter last) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((last.getNamespace() + "/" + last.getName()).getBytes(StandardCharsets.UTF_8));
	}

	private static String[] decodeCursor(String cursor) {
		try {
			String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			String[] parts = decoded.split("/", 2);
			if (parts.length == 2) {
				return parts;
			}
		}
		catch (IllegalArgumentException ex) {
			// falls through to the error below
		}
		throw new InvalidRequestException("The cursor is not one this API handed out");
	}

}
