package dev.plugboard.registry.adapter.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.plugboard.registry.adapter.Adapter;
import dev.plugboard.registry.adapter.AdapterCatalog;
import dev.plugboard.registry.adapter.AdapterFilter;
import dev.plugboard.registry.adapter.AdapterPage;
import dev.plugboard.registry.adapter.AuditLog;
import dev.plugboard.registry.adapter.RepositoryType;
import dev.plugboard.registry.adapter.TagService;
import dev.plugboard.registry.adapter.web.Views.AdapterList;
import dev.plugboard.registry.adapter.web.Views.AdapterView;
import dev.plugboard.registry.adapter.web.Views.AuditView;
import dev.plugboard.registry.identity.Caller;
import dev.plugboard.registry.system.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Repositories: create (an adapter, or with {@code repo_type} a base model), list and
 * filter, read, edit, audit trail.
 */
@RestController
@RequestMapping("/api/v1/adapters")
class AdapterController {

	private final AdapterCatalog catalog;

	private final TagService tags;

	private final AuditLog audit;

	private final JsonMapper json;

	AdapterController(AdapterCatalog catalog, TagService tags, AuditLog audit, JsonMapper json) {
		this.catalog = catalog;
		this.tags = tags;
		this.audit = audit;
		this.json = json;
	}

	@PostMapping
	@SecurityRequirement(name = "bearer")
	@Operation(summary = "Create an adapter repository {namespace}/{name} with its metadata")
	ResponseEntity<AdapterView> create(@Parameter(hidden = true) Caller caller, @RequestBody JsonNode body) {
		ObjectNode request = MetadataRequests.object(body);
		String namespace = MetadataRequests.requiredString(request, "namespace");
		String name = MetadataRequests.requiredString(request, "name");
		RepositoryType type = request.has("repo_type")
				? RepositoryType.of(MetadataRequests.requiredString(request, "repo_type")) : RepositoryType.ADAPTER;
		Adapter adapter = this.catalog.create(caller, namespace, name, type,
				MetadataRequests.metadata(request, Set.of("namespace", "name", "repo_type")));
		AdapterView view = view(adapter);
		return ResponseEntity.created(view.url()).body(view);
	}

	@GetMapping
	@Operation(summary = "List repositories, filtered, ordered by namespace and name, with cursor pagination")
	AdapterList list(@RequestParam(required = false) String namespace,
			@RequestParam(name = "base_model", required = false) String baseModel,
			@RequestParam(name = "model_type", required = false) String modelType,
			@RequestParam(required = false) String method, @RequestParam(required = false) String task,
			@RequestParam(required = false) String subtask, @RequestParam(required = false) String cursor,
			@RequestParam(defaultValue = "50") int limit,
			@RequestParam(name = "repo_type", defaultValue = "adapter") String repoType) {
		AdapterPage page = this.catalog.list(
				new AdapterFilter(RepositoryType.of(repoType), namespace, baseModel, modelType, method, task, subtask),
				cursor, limit);
		return list(page);
	}

	AdapterList list(AdapterPage page) {
		Map<String, String> baseModels = this.catalog
			.baseModels(page.items().stream().map(Adapter::getModelName).toList());
		return new AdapterList(page.items().stream().map((adapter) -> view(adapter, baseModels)).toList(),
				page.nextCursor());
	}

	@GetMapping("/{namespace}/{name}")
	@Operation(summary = "Read a repository's metadata and refs (tags, latest)")
	AdapterView get(@PathVariable String namespace, @PathVariable String name) {
		return view(this.catalog.get(namespace, name));
	}

	@PatchMapping("/{namespace}/{name}")
	@SecurityRequirement(name = "bearer")
	@Operation(summary = "Change metadata: fields present are set (null clears), absent ones are kept")
	AdapterView update(@Parameter(hidden = true) Caller caller, @PathVariable String namespace,
			@PathVariable String name, @RequestBody JsonNode body) {
		ObjectNode request = MetadataRequests.object(body);
		if (request.has("repo_type")) {
			RepositoryType wanted = RepositoryType.of(MetadataRequests.requiredString(request, "repo_type"));
			if (wanted != this.catalog.get(namespace, name).getRepoType()) {
				throw new InvalidRequestException(
						"'repo_type' is chosen when a repository is created and cannot be changed");
			}
		}
		return view(
				this.catalog.update(caller, namespace, name, MetadataRequests.metadata(request, Set.of("repo_type"))));
	}

	@GetMapping("/{namespace}/{name}/audit")
	@Operation(summary = "Recent changes: publishes, yanks, tag moves, edits (newest first)")
	List<AuditView> audit(@PathVariable String namespace, @PathVariable String name,
			@RequestParam(defaultValue = "100") int limit) {
		if (limit < 1 || limit > 1000) {
			throw new InvalidRequestException("limit must be between 1 and 1000");
		}
		Adapter adapter = this.catalog.get(namespace, name);
		return this.audit.recent(adapter, limit).stream().map((entry) -> AuditView.of(entry, this.json)).toList();
	}

	AdapterView view(Adapter adapter) {
		String modelName = adapter.getModelName();
		return view(adapter, (modelName != null) ? this.catalog.baseModels(List.of(modelName)) : Map.of());
	}

	private AdapterView view(Adapter adapter, Map<String, String> baseModels) {
		String modelName = adapter.getModelName();
		String baseModelRepo = (modelName != null && !adapter.isBaseModel())
				? baseModels.get(modelName.toLowerCase(Locale.ROOT)) : null;
		return AdapterView.of(adapter, this.tags.tags(adapter), baseModelRepo, this.json);
	}

}
