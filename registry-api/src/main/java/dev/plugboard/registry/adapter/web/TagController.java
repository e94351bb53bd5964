package dev.plugboard.registry.adapter.web;

import java.util.Map;

import dev.plugboard.registry.adapter.AdapterCatalog;
import dev.plugboard.registry.adapter.TagService;
import dev.plugboard.registry.identity.Caller;
import dev.plugboard.registry.system.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tags: movable names for versions. {@code latest} is maintained by the hub. */
@RestController
@RequestMapping("/api/v1/adapters/{namespace}/{name}/tags")
class TagController {

	private final AdapterCatalog catalog;

	private final TagService tags;

	TagController(AdapterCatalog catalog, TagService tags) {
		this.catalog = catalog;
		this.tags = tags;
	}

	@GetMapping
	@Operation(summary = "Tag → version, including latest")
	Map<String, String> list(@PathVariable String namespace, @PathVariable String name) {
		return this.tags.tags(this.catalog.get(namespace, name));
	}

	@PutMapping("/{tag}")
	@SecurityRequirement(name = "bearer")
	@Operation(summary = "Point a tag at a version (body {\"version\": \"1.0.0\"}); the move is audited")
	Map<String, String> move(@Parameter(hidden = true) Caller caller, @PathVariable String namespace,
			@PathVariable String name, @PathVariable String tag, @RequestBody JsonNode body) {
		JsonNode version = (body != null && body.isObject()) ? body.get("version") : null;
		if (version == null || !version.isString()) {
			throw new InvalidRequestException("The body must be {\"version\": \"<version>\"}");
		}
		this.tags.move(caller, namespace, name, tag, version.stringValue());
		return this.tags.tags(this.catalog.get(namespace, name));
	}

	@DeleteMapping("/{tag}")
	@SecurityRequirement(name = "bearer")
	@Operation(summary = "Remove a tag")
	ResponseEntity<Void> delete(@Parameter(hidden = true) Caller caller, @PathVariable String namespace,
			@PathVariable String name, @PathVariable String tag) {
		this.tags.delete(caller, namespace, name, tag);
		return ResponseEntity.noContent().build();
	}

}
