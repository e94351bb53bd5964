package dev.plugboard.registry.adapterhub.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.plugboard.registry.adapter.Adapter;
import dev.plugboard.registry.adapter.AdapterCatalog;
import dev.plugboard.registry.adapterhub.AdapterHubImporter;
import dev.plugboard.registry.adapterhub.AdapterHubIndex;
import dev.plugboard.registry.adapterhub.ImportReport;
import dev.plugboard.registry.identity.Caller;
import dev.plugboard.registry.system.NotFoundException;
import dev.plugboard.registry.taxonomy.Architecture;
import dev.plugboard.registry.taxonomy.Taxonomy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * AdapterHub compatibility: import a catalog, and serve the {@code dist/v2/} layout
 * ({@code index/<model>.json}, {@code adapters/<org>/<file>.json},
 * {@code architectures.json}) generated from the registry. Point AdapterHub tooling's hub
 * URL at {@code /api/v1/adapterhub/}.
 */
@RestController
@RequestMapping("/api/v1/adapterhub")
class AdapterHubController {

	private final AdapterHubImporter importer;

	private final AdapterHubIndex index;

	private final AdapterCatalog catalog;

	private final Taxonomy taxonomy;

	private final JsonMapper json;

	AdapterHubController(AdapterHubImporter importer, AdapterHubIndex index, AdapterCatalog catalog, Taxonomy taxonomy,
			JsonMapper json) {
		this.importer = importer;
		this.index = index;
		this.catalog = catalog;
		this.taxonomy = taxonomy;
		this.json = json;
	}

	@PostMapping("/imports")
	@SecurityRequirement(name = "bearer")
	@Operation(summary = "Import an AdapterHub catalog sent as a tar.gz/zip of its Hub repository (admin); "
			+ "importing the same catalog again changes nothing")
	ImportReport importCatalog(@Parameter(hidden = true) Caller caller, HttpServletRequest request) throws IOException {
		return this.importer.importCatalog(caller, request.getInputStream());
	}

	@GetMapping("/index/{*model}")
	@Operation(summary = "AdapterHub's per-model index (dist/v2/index/<model_name>.json)")
	Map<String, Object> index(@PathVariable String model) {
		String name = model.startsWith("/") ? model.substring(1) : model;
		String modelName = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
		return this.index.index(modelName)
			.orElseThrow(() -> new NotFoundException("taxonomy-not-found", "No adapter is indexed for " + modelName));
	}

	@GetMapping("/index")
	@Operation(summary = "Base models that have an index")
	Object models() {
		return this.index.models();
	}

	@GetMapping("/adapters/{namespace}/{file}")
	@Operation(summary = "One adapter's entry (dist/v2/adapters/<org>/<file>.json)")
	Map<String, Object> entry(@PathVariable String namespace, @PathVariable String file) {
		String name = file.endsWith(".json") ? file.substring(0, file.length() - 5) : file;
		Adapter adapter = this.catalog.get(namespace, name);
		return this.index.entry(adapter, (version, single) -> {
			var url = ServletUriComponentsBuilder.fromCurrentContextPath()
				.pathSegment("api", "v1", "adapters", namespace, name, "versions", version.getVersion());
			return ((single != null) ? url.pathSegment("files", single.getPath()) : url.pathSegment("archive.zip"))
				.build()
				.toUriString();
		})
			.orElseThrow(() -> new NotFoundException("taxonomy-not-found",
					adapter.repositoryId() + " has no config id or no published version, so no AdapterHub entry"));
	}

	@GetMapping("/architectures.json")
	@Operation(summary = "Architecture name → config (dist/v2/architectures.json)")
	Map<String, Object> architectures() {
		Map<String, Object> result = new LinkedHashMap<>();
		for (Architecture architecture : this.taxonomy.architectures()) {
			result.put(architecture.getName(), this.json.readTree(architecture.getConfig()));
		}
		return result;
	}

}
