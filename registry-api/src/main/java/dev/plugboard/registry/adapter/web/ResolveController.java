package dev.plugboard.registry.adapter.web;

import java.util.List;

import dev.plugboard.registry.adapter.Resolution;
import dev.plugboard.registry.adapter.ReferenceResolver;
import dev.plugboard.registry.adapter.web.Views.FileView;
import dev.plugboard.registry.adapter.web.Views.Resolved;
import io.swagger.v3.oas.annotations.Operation;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Resolves what users write ({@code ns/name@stable}, {@code sentiment/sst-2@ukp}) to a
 * version and its files.
 */
@RestController
class ResolveController {

	private final ReferenceResolver resolver;

	ResolveController(ReferenceResolver resolver) {
		this.resolver = resolver;
	}

	@GetMapping("/api/v1/resolve")
	@Operation(summary = "Resolve ns/name[@version|@tag], task/subtask@org (with model/config filters) or sha256:<hex>")
	ResponseEntity<Resolved> resolve(@RequestParam String ref, @RequestParam(required = false) String model,
			@RequestParam(required = false) String config) {
		ReferenceResolver.ResolvedFiles resolved = this.resolver.resolveWithFiles(ref, model, config);
		Resolution resolution = resolved.resolution();
		List<FileView> files = resolved.files()
			.stream()
			.map((file) -> FileView.of(resolution.adapter(), resolution.version(), file))
			.toList();
		HttpHeaders headers = new HttpHeaders();
		Yanked.warn(headers, resolution.adapter(), resolution.version());
		return ResponseEntity.ok()
			.headers(headers)
			.body(new Resolved(ref, resolution.adapter().repositoryId(), resolution.version().getVersion(),
					resolution.via(), resolution.version().isYanked(), resolution.version().getYankReason(),
					resolution.version().commitId(), files));
	}

}
