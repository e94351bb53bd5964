package dev.plugboard.registry.adapter.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.plugboard.registry.adapter.Adapter;
import dev.plugboard.registry.adapter.AdapterCatalog;
import dev.plugboard.registry.adapter.ReferenceResolver;
import dev.plugboard.registry.adapter.Resolution;
import dev.plugboard.registry.adapter.VersionCatalog;
import dev.plugboard.registry.adapter.VersionFile;
import dev.plugboard.registry.system.InvalidRequestException;
import dev.plugboard.storage.BlobStore;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A whole version as one zip, streamed file by file from storage: what AdapterHub clients
 * download for an adapter, and handy for {@code curl}.
 */
@RestController
class ArchiveController {

	private final AdapterCatalog catalog;

	private final ReferenceResolver resolver;

	private final VersionCatalog versions;

	private final BlobStore blobs;

	ArchiveController(AdapterCatalog catalog, ReferenceResolver resolver, VersionCatalog versions, BlobStore blobs) {
		this.catalog = catalog;
		this.resolver = resolver;
		this.versions = versions;
		this.blobs = blobs;
	}

	@GetMapping("/api/v1/adapters/{namespace}/{name}/versions/{version}/archive.zip")
	@Operation(summary = "Download a whole version as a zip (files held by the hub only)")
	void archive(@PathVariable String namespace, @PathVariable String name, @PathVariable String version,
			HttpServletResponse response) throws IOException {
		Adapter adapter = this.catalog.get(namespace, name);
		Resolution resolution = this.resolver.revision(adapter, version);
		List<VersionFile> files = this.versions.files(resolution.version());
		if (files.stream().anyMatch(VersionFile::isExternal)) {
			throw new InvalidRequestException("This version's files are held elsewhere; download them one by one");
		}
		response.setStatus(200);
		response.setContentType("application/zip");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment()
					.filename(adapter.getName() + "-" + resolution.version().getVersion() + ".zip")
					.build()
					.toString());
		try (ZipOutputStream zip = new ZipOutputStream(response.getOutputStream())) {
			for (VersionFile file : files) {
				zip.putNextEntry(new ZipEntry(file.getPath()));
				try (InputStream in = this.blobs.read(file.getBlobKey(), 0, -1)) {
					in.transferTo(zip);
				}
				zip.closeEntry();
			}
		}
	}

}
