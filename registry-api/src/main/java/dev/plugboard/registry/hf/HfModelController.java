package dev.plugboard.registry.hf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.plugboard.registry.adapter.Adapter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Model info, tree and paths-info: what {@code snapshot_download}, {@code modelInfo},
 * {@code listFiles} and {@code downloadFileToCacheDir} read before they download. Unknown
 * query parameters ({@code expand}, {@code blobs}, {@code securityStatus}) are accepted
 * and the full answer is always given, which is what the Hub returns for them at most.
 */
@RestController
@Tag(name = "Hugging Face API")
class HfModelController {

	private final HfRevisions revisions;

	private final ModelInfos infos;

	private final JsonMapper json;

	HfModelController(HfRevisions revisions, ModelInfos infos, JsonMapper json) {
		this.revisions = revisions;
		this.infos = infos;
		this.json = json;
	}

	@GetMapping("/api/models/{namespace}/{name}")
	@Operation(summary = "Model info at main (the latest version)")
	Map<String, Object> info(@PathVariable String namespace, @PathVariable String name) {
		return revision(namespace, name, "main");
	}

	@GetMapping("/api/models/{namespace}/{name}/revision/{revision}")
	@Operation(summary = "Model info at a revision: main/HEAD, a version, a tag or a 40-hex commit id")
	Map<String, Object> revision(@PathVariable String namespace, @PathVariable String name,
			@PathVariable String revision) {
		Adapter adapter = this.revisions.repository(namespace, name);
		return this.infos.of(this.revisions.snapshot(adapter, revision));
	}

	@GetMapping({ "/api/models/{namespace}/{name}/tree/{revision}",
			"/api/models/{namespace}/{name}/tree/{revision}/{*path}" })
	@Operation(summary = "Files and folders of a revision, under a folder, optionally recursive")
	List<Map<String, Object>> tree(@PathVariable String namespace, @PathVariable String name,
			@PathVariable String revision, @PathVariable(required = false) String path,
			@RequestParam(defaultValue = "false") boolean recursive,
			@RequestParam(defaultValue = "false") boolean expand) {
		Adapter adapter = this.revisions.repository(namespace, name);
		HfRevisions.Snapshot snapshot = this.revisions.snapshot(adapter, revision);
		String folder = TreeEntries.strip((path != null) ? path : "");
		if (!TreeEntries.isDirectory(snapshot.files(), folder)) {
			throw HfException.entryNotFound(adapter.repositoryId(), revision, folder);
		}
		if (snapshot.resolution().isEmpty()) {
			return List.of();
		}
		return TreeEntries.list(snapshot.files(), folder, recursive, snapshot.resolution().get().version(), expand);
	}

	@PostMapping(path = "/api/models/{namespace}/{name}/paths-info/{revision}",
			consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	@Operation(summary = "Entries for given paths (form body, as huggingface_hub sends it)")
	List<Map<String, Object>> pathsInfoForm(@PathVariable String namespace, @PathVariable String name,
			@PathVariable String revision, HttpServletRequest request) {
		String[] paths = request.getParameterValues("paths");
		String expand = request.getParameter("expand");
		return pathsInfo(namespace, name, revision, (paths != null) ? List.of(paths) : List.of(),
				expand != null && (expand.equalsIgnoreCase("true") || expand.equals("1")));
	}

	@PostMapping(path = "/api/models/{namespace}/{name}/paths-info/{revision}",
			consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Entries for given paths (JSON body, as @huggingface/hub sends it)")
	List<Map<String, Object>> pathsInfoJson(@PathVariable String namespace, @PathVariable String name,
			@PathVariable String revision, @RequestBody String body) {
		JsonNode node = HfException.json(this.json, body);
		JsonNode paths = node.path("paths");
		if (!paths.isArray()) {
			throw HfException.badRequest("The body needs \"paths\": an array of file paths");
		}
		List<String> list = new ArrayList<>();
		for (JsonNode path : paths) {
			if (!path.isString()) {
				throw HfException.badRequest("Every entry of \"paths\" must be a string");
			}
			list.add(path.stringValue());
		}
		return pathsInfo(namespace, name, revision, list, node.path("expand").asBoolean(false));
	}

	private List<Map<String, Object>> pathsInfo(String namespace, String name, String revision, List<String> paths,
			boolean expand) {
		Adapter adapter = this.revisions.repository(namespace, name);
		HfRevisions.Snapshot snapshot = this.revisions.snapshot(adapter, revision);
		if (snapshot.resolution().isEmpty()) {
			return List.of();
		}
		return TreeEntries.paths(snapshot.files(), paths, snapshot.resolution().get().version(), expand);
	}

}
