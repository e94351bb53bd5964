package dev.plugboard.registry.adapter.web;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.plugboard.registry.adapter.Adapter;
import dev.plugboard.registry.adapter.AdapterCatalog;
import dev.plugboard.registry.adapter.AdapterFilter;
import dev.plugboard.registry.adapter.AdapterVersion;
import dev.plugboard.registry.adapter.PublishResult;
import dev.plugboard.registry.adapter.RepositoryType;
import dev.plugboard.registry.adapter.TagService;
import dev.plugboard.registry.adapter.VersionCatalog;
import dev.plugboard.registry.adapter.web.Views.AdapterList;
import dev.plugboard.registry.adapter.web.Views.AdapterView;
import dev.plugboard.registry.adapter.web.Views.VersionView;
import dev.plugboard.registry.basemodel.BundledBaseModels;
import dev.plugboard.registry.identity.Caller;
import dev.plugboard.registry.system.InvalidRequestException;
import dev.plugboard.registry.system.NotFoundException;
import dev.plugboard.runtime.baseimport.BundledBaseModel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Base models: repositories of type {@code base_model}, listed here for runners and
 * registered from the models the hub ships with. Their versions and files are served by
 * the repository endpoints ({@code /api/v1/adapters/{ns}/{name}/versions/…}) exactly like
 * adapters'.
 */
@RestController
@RequestMapping("/api/v1/base-models")
class BaseModelController {

	private final AdapterCatalog catalog;

	private final VersionCatalog versions;

	private final TagService tags;

	private final BundledBaseModels bundled;

	private final JsonMapper json;

	BaseModelController(AdapterCatalog catalog, VersionCatalog versions, TagService tags, BundledBaseModels bundled,
			JsonMapper json) {
		this.catalog = catalog;
		this.versions = versions;
		this.tags = tags;
		this.bundled = bundled;
		this.json = json;
	}

	@GetMapping
	@Operation(summary = "List base-model repositories, ordered by namespace and name, with cursor pagination "
			+ "(the same as /api/v1/adapters?repo_type=base_model)")
	AdapterList list(@RequestParam(required = false) String namespace,
			@RequestParam(name = "model_type", required = false) String modelType,
			@RequestParam(required = false) String cursor, @RequestParam(defaultValue = "50") int limit) {
		var page = this.catalog.list(
				new AdapterFilter(RepositoryType.BASE_MODEL, namespace, null, modelType, null, null, null), cursor,
				limit);
		return new AdapterList(page.items().stream().map(this::view).toList(), page.nextCursor());
	}

	@GetMapping("/{namespace}/{name}")
	@Operation(summary = "Read a base-model repository's metadata and refs")
	AdapterView get(@PathVariable String namespace, @PathVariable String name) {
		Adapter adapter = this.catalog.get(namespace, name);
		if (!adapter.isBaseModel()) {
			throw new NotFoundException("adapter-not-found",
					"No base model " + adapter.repositoryId() + "; it is an adapter repository");
		}
		return view(adapter);
	}

	@GetMapping("/bundled")
	@Operation(summary = "The base models the hub ships with, and whether each is registered")
	List<BundledView> bundled() {
		return Arrays.stream(BundledBaseModel.values()).map((model) -> {
			Optional<AdapterVersion> version = this.bundled.registered(model);
			return new BundledView(model.repository(), model.pooling().name().toLowerCase(java.util.Locale.ROOT),
					version.isPresent(), version.map(AdapterVersion::getVersion).orElse(null));
		}).toList();
	}

	@PostMapping("/import")
	@SecurityRequirement(name = "bearer")
	@Operation(
			summary = "Register a bundled base model (admin): body {\"model\": \"sentence-transformers/all-MiniLM-L6-v2\"}; "
					+ "201 with the published version, 200 with it when it was registered before (nothing changes)")
	ResponseEntity<VersionView> importBundled(@Parameter(hidden = true) Caller caller,
			@RequestBody(required = false) JsonNode body) {
		caller.requireAdmin();
		ObjectNode request = MetadataRequests.object(body);
		Set<String> unknown = new java.util.TreeSet<>(request.propertyNames());
		unknown.remove("model");
		if (!unknown.isEmpty()) {
			throw new InvalidRequestException("Unknown fields " + unknown + "; the body is {\"model\": \"<id>\"}");
		}
		BundledBaseModel model = BundledBaseModels.byName(MetadataRequests.requiredString(request, "model"));
		PublishResult result = this.bundled.register(caller, model);
		VersionView view = VersionView.of(result.adapter(), result.version(), this.versions.files(result.version()),
				this.tags.tags(result.adapter()), this.json);
		return result.created() ? ResponseEntity.created(view.url()).body(view) : ResponseEntity.ok(view);
	}

	private AdapterView view(Adapter adapter) {
		return AdapterView.of(adapter, this.tags.tags(adapter), this.json);
	}

	/**
	 * @param model the Hugging Face id, which is also the repository's id
	 * @param pooling how the model pools sentence embeddings ({@code mean}, {@code cls})
	 * @param registered whether the repository holds the bundled version
	 * @param version that version, when registered
	 */
	record BundledView(String model, String pooling, boolean registered, String version) {
	}

}
