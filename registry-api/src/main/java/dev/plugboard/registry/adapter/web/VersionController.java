package dev.plugboard.registry.adapter.web;

import java.util.List;
import java.util.Map;

import dev.plugboard.registry.adapter.Adapter;
import dev.plugboard.registry.adapter.AdapterCatalog;
import dev.plugboard.registry.adapter.AdapterVersion;
import dev.plugboard.registry.adapter.PublishResult;
import dev.plugboard.registry.adapter.TagService;
import dev.plugboard.registry.adapter.VersionCatalog;
import dev.plugboard.registry.adapter.VersionFile;
import dev.plugboard.registry.adapter.VersionPublisher;
import dev.plugboard.registry.adapter.web.Views.VersionView;
import dev.plugboard.registry.identity.Caller;
import dev.plugboard.registry.system.UploadProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Versions: publish (immutable), list, read, yank. */
@RestController
@RequestMapping("/api/v1/adapters/{namespace}/{name}/versions")
class VersionController {

	private final AdapterCatalog catalog;

	private final VersionCatalog versions;

	private final VersionPublisher publisher;

	private final TagService tags;

	private final UploadProperties limits;

	private final tools.jackson.databind.json.JsonMapper json;

	VersionController(AdapterCatalog catalog, VersionCatalog versions, VersionPublisher publisher, TagService tags,
			UploadProperties limits, tools.jackson.databind.json.JsonMapper json) {
		this.json = json;
		this.catalog = catalog;
		this.versions = versions;
		this.publisher = publisher;
		this.tags = tags;
		this.limits = limits;
	}

	@PutMapping("/{version}")
	@SecurityRequirement(name = "bearer")
	@Operation(summary = "Publish a version: multipart parts named 'file' (filename = path), or one zip/tar/tar.gz "
			+ "bundle; 201 when created, 200 when the same content was already published, 409 for other content")
	ResponseEntity<VersionView> publish(@Parameter(hidden = true) Caller caller, @PathVariable String namespace,
			@PathVariable String name, @PathVariable String version, HttpServletRequest request) {
		PublishResult result = this.publisher.publish(caller, namespace, name, version, UploadRequests.of(request,
				(in) -> dev.plugboard.registry.adapter.Bundles.read(in, this.limits.maxFiles())));
		VersionView view = view(result.adapter(), result.version());
		return result.created() ? ResponseEntity.created(view.url()).body(view) : ResponseEntity.ok(view);
	}

	@GetMapping
	@Operation(summary = "All versions, newest first, with their files")
	List<VersionView> list(@PathVariable String namespace, @PathVariable String name) {
		Adapter adapter = this.catalog.get(namespace, name);
		List<AdapterVersion> all = this.versions.versions(adapter);
		Map<Long, List<VersionFile>> files = this.versions.files(all);
		Map<String, String> refs = this.tags.tags(adapter);
		return all.stream()
			.map((v) -> VersionView.of(adapter, v, files.getOrDefault(v.getId(), List.of()), refs, this.json))
			.toList();
	}

	@GetMapping("/{version}")
	@Operation(summary = "One version and its files (path, size, sha256, media type, download URL)")
	ResponseEntity<VersionView> get(@PathVariable String namespace, @PathVariable String name,
			@PathVariable String version) {
		Adapter adapter = this.catalog.get(namespace, name);
		AdapterVersion found = this.versions.version(adapter, version);
		HttpHeaders headers = new HttpHeaders();
		Yanked.warn(headers, adapter, found);
		return ResponseEntity.ok().headers(headers).body(view(adapter, found));
	}

	@PostMapping("/{version}/yank")
	@SecurityRequirement(name = "bearer")
	@Operation(
			summary = "Yank: hidden from latest and tags, still downloadable by exact version. Body {\"reason\": …} optional")
	VersionView yank(@Parameter(hidden = true) Caller caller, @PathVariable String namespace, @PathVariable String name,
			@PathVariable String version, @RequestBody(required = false) JsonNode body) {
		String reason = (body != null && body.isObject() && body.has("reason") && body.get("reason").isString())
				? body.get("reason").stringValue() : null;
		if (reason != null && reason.length() > 1000) {
			throw new dev.plugboard.registry.system.InvalidRequestException("reason is longer than 1000 characters");
		}
		AdapterVersion yanked = this.versions.yank(caller, namespace, name, version, reason);
		return view(this.catalog.get(namespace, name), yanked);
	}

	@DeleteMapping("/{version}/yank")
	@SecurityRequirement(name = "bearer")
	@Operation(summary = "Undo a yank")
	@org.springframework.web.bind.annotation.ResponseStatus(HttpStatus.OK)
	VersionView unyank(@Parameter(hidden = true) Caller caller, @PathVariable String namespace,
			@PathVariable String name, @PathVariable String version) {
		AdapterVersion restored = this.versions.unyank(caller, namespace, name, version);
		return view(this.catalog.get(namespace, name), restored);
	}

	private VersionView view(Adapter adapter, AdapterVersion version) {
		return VersionView.of(adapter, version, this.versions.files(version), this.tags.tags(adapter), this.json);
	}

}
