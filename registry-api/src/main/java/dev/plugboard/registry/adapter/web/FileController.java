package dev.plugboard.registry.adapter.web;

import java.io.IOException;

import dev.plugboard.registry.adapter.Adapter;
import dev.plugboard.registry.adapter.AdapterCatalog;
import dev.plugboard.registry.adapter.ReferenceResolver;
import dev.plugboard.registry.adapter.Resolution;
import dev.plugboard.registry.adapter.VersionCatalog;
import dev.plugboard.registry.adapter.VersionFile;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * File downloads: streamed from storage with Content-Length, ETag (the sha256), Range
 * (206) and HEAD; or a 302 to a presigned storage URL in redirect mode. {@code version}
 * may also be a tag or {@code latest}. Full GETs and ranges starting at byte 0 count as
 * downloads.
 */
@RestController
class FileController {

	private final AdapterCatalog catalog;

	private final ReferenceResolver resolver;

	private final VersionCatalog versions;

	private final FileDelivery delivery;

	FileController(AdapterCatalog catalog, ReferenceResolver resolver, VersionCatalog versions, FileDelivery delivery) {
		this.catalog = catalog;
		this.resolver = resolver;
		this.versions = versions;
		this.delivery = delivery;
	}

	@RequestMapping(path = "/api/v1/adapters/{namespace}/{name}/versions/{version}/files/{*path}",
			method = { RequestMethod.GET, RequestMethod.HEAD })
	@Operation(summary = "Download a file (GET, HEAD, Range)")
	void download(@PathVariable String namespace, @PathVariable String name, @PathVariable String version,
			@PathVariable String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
		Adapter adapter = this.catalog.get(namespace, name);
		Resolution resolution = this.resolver.revision(adapter, version);
		String relative = path.startsWith("/") ? path.substring(1) : path;
		VersionFile file = this.versions.file(adapter, resolution.version(), relative);
		this.delivery.send(resolution, file, new HttpHeaders(), request, response);
	}

}
