package dev.plugboard.registry.hf;

import java.io.IOException;

import dev.plugboard.registry.adapter.Adapter;
import dev.plugboard.registry.adapter.VersionFile;
import dev.plugboard.registry.adapter.web.FileDelivery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Hub's file URL, {@code /{ns}/{name}/resolve/{revision}/{path}} (and {@code raw},
 * which the JavaScript client's {@code fileExists} probes), answered by the native
 * download path: same streaming, Range, ETag and redirect mode, plus the
 * {@code X-Repo-Commit} every client needs to cache by commit.
 */
@RestController
@Tag(name = "Hugging Face API")
class HfResolveController {

	private final HfRevisions revisions;

	private final FileDelivery delivery;

	HfResolveController(HfRevisions revisions, FileDelivery delivery) {
		this.revisions = revisions;
		this.delivery = delivery;
	}

	@RequestMapping(
			path = { "/{namespace}/{name}/resolve/{revision}/{*path}", "/{namespace}/{name}/raw/{revision}/{*path}" },
			method = { RequestMethod.GET, RequestMethod.HEAD })
	@Operation(summary = "Download a file the Hugging Face way (GET, HEAD, Range; X-Repo-Commit)")
	void resolve(@PathVariable String namespace, @PathVariable String name, @PathVariable String revision,
			@PathVariable String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
		Adapter adapter = this.revisions.repository(namespace, name);
		HfRevisions.Snapshot snapshot = this.revisions.snapshot(adapter, revision);
		String relative = path.startsWith("/") ? path.substring(1) : path;
		String commit = snapshot.commit();
		if (commit != null) {
			request.setAttribute(HfErrors.COMMIT_ATTRIBUTE, commit);
		}
		VersionFile file = snapshot.file(relative)
			.orElseThrow(() -> HfException.entryNotFound(adapter.repositoryId(), revision, relative));
		HttpHeaders headers = new HttpHeaders();
		headers.set("X-Repo-Commit", commit);
		this.delivery.send(snapshot.resolution().orElseThrow(), file, headers, request, response);
	}

}
