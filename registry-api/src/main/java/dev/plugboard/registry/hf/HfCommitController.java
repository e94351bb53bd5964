package dev.plugboard.registry.hf;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.plugboard.registry.adapter.Adapter;
import dev.plugboard.registry.adapter.PublishResult;
import dev.plugboard.registry.identity.Caller;
import dev.plugboard.storage.BlobInfo;
import dev.plugboard.storage.BlobStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Uploads the Hub way: preupload tells the client how to send each file, the commit
 * (NDJSON) publishes a version. Repositories have one branch, {@code main}.
 */
@RestController
@Tag(name = "Hugging Face API")
class HfCommitController {

	private final HfRevisions revisions;

	private final HfCommits commits;

	private final BlobStore blobs;

	private final HuggingFaceProperties properties;

	private final JsonMapper json;

	HfCommitController(HfRevisions revisions, HfCommits commits, BlobStore blobs, HuggingFaceProperties properties,
			JsonMapper json) {
		this.revisions = revisions;
		this.commits = commits;
		this.blobs = blobs;
		this.properties = properties;
		this.json = json;
	}

	@PostMapping("/api/models/{namespace}/{name}/preupload/{revision}")
	@Operation(summary = "How to upload each file: regular (inline in the commit) or lfs")
	Map<String, Object> preupload(@Parameter(hidden = true) Caller caller, @PathVariable String namespace,
			@PathVariable String name, @PathVariable String revision,
			@RequestParam(name = "create_pr", required = false) String createPr, @RequestBody String body) {
		writable(caller, namespace, name, revision, createPr);
		JsonNode files = HfException.json(this.json, body).path("files");
		if (!files.isArray()) {
			throw HfException.badRequest("The body needs \"files\": [{\"path\", \"size\", \"sample\"}]");
		}
		long limit = this.properties.regularFileLimit().toBytes();
		List<Map<String, Object>> modes = new ArrayList<>();
		for (JsonNode file : files) {
			JsonNode path = file.path("path");
			if (!path.isString()) {
				throw HfException.badRequest("Every file needs a \"path\"");
			}
			Map<String, Object> mode = new LinkedHashMap<>();
			mode.put("path", path.stringValue());
			mode.put("uploadMode", (file.path("size").asLong(0) > limit) ? "lfs" : "regular");
			mode.put("shouldIgnore", CommitRequest.ignored(path.stringValue()));
			modes.add(mode);
		}
		return Map.of("files", modes);
	}

	@PostMapping("/api/models/{namespace}/{name}/commit/{revision}")
	@Operation(summary = "Commit (NDJSON): publishes a version holding main's files with the changes applied")
	Map<String, Object> commit(@Parameter(hidden = true) Caller caller, @PathVariable String namespace,
			@PathVariable String name, @PathVariable String revision,
			@RequestParam(name = "create_pr", required = false) String createPr, HttpServletRequest request)
			throws IOException {
		Adapter adapter = writable(caller, namespace, name, revision, createPr);
		long limit = this.properties.regularFileLimit().toBytes();
		// Base64 grows content by a third; the rest of a line is its JSON frame.
		long maxLine = limit / 3 * 4 + 64 * 1024;
		CommitRequest commit = CommitRequest.read(new BufferedInputStream(request.getInputStream()), this.json, maxLine,
				this::lfsObject);
		PublishResult result = this.commits.commit(caller, adapter, commit);
		String oid = result.version().commitId();
		String repo = ServletUriComponentsBuilder.fromCurrentContextPath()
			.pathSegment(adapter.getNamespace(), adapter.getName())
			.build()
			.toUriString();
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("success", true);
		answer.put("commitOid", oid);
		answer.put("commitUrl", repo + "/commit/" + oid);
		answer.put("hookOutput", "");
		answer.put("pullRequestUrl", null);
		answer.put("version", result.version().getVersion());
		answer.put("created", result.created());
		return answer;
	}

	private CommitFile lfsObject(JsonNode value) {
		String oid = value.path("oid").stringValue();
		String key = BlobStore.contentKey(oid);
		BlobInfo info = this.blobs.stat(key)
			.orElseThrow(() -> new HfException(HttpStatus.UNPROCESSABLE_CONTENT,
					"LFS object " + oid + " (" + value.path("path").asString("") + ") was never uploaded: "
							+ "upload it through the LFS batch endpoint first"));
		JsonNode size = value.get("size");
		if (size != null && size.isNumber() && size.asLong() != info.size()) {
			throw HfException.badRequest("LFS object " + oid + " has " + info.size() + " bytes, not " + size.asLong()
					+ " as the commit says");
		}
		return new CommitFile.Stored(key, oid);
	}

	private Adapter writable(Caller caller, String namespace, String name, String revision, String createPr) {
		Adapter adapter = this.revisions.repository(namespace, name);
		caller.requireWrite(adapter.getNamespace());
		if (createPr != null && !createPr.equals("0") && !createPr.equalsIgnoreCase("false")) {
			throw HfException.badRequest("Plugboard has no pull requests; commit to main");
		}
		if (!HfRevisions.isBranch(revision)) {
			throw new HfException(HttpStatus.NOT_FOUND, "RevisionNotFound", "Plugboard repositories have one branch, "
					+ "main; a commit to '" + revision + "' has nowhere to go (versions are immutable)");
		}
		return adapter;
	}

}
