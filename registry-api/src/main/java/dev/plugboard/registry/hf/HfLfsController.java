package dev.plugboard.registry.hf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.plugboard.registry.adapter.Adapter;
import dev.plugboard.registry.adapter.ClientInput;
import dev.plugboard.registry.identity.Caller;
import dev.plugboard.registry.system.UploadProperties;
import dev.plugboard.storage.BlobStore;
import dev.plugboard.storage.StagedBlob;
import dev.plugboard.storage.StorageException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Git LFS uploads for files above the regular limit: the batch endpoint answers the
 * {@code basic} transfer (never Xet, never multipart) with a signed upload URL on the hub
 * for each object it does not hold yet. The hub streams the PUT into storage, checks the
 * sha256 and size, and keeps the blob at its content address for the commit that names
 * it. An object the commit never names is removed by the blob sweep after its grace
 * period.
 */
@RestController
@Tag(name = "Hugging Face API")
class HfLfsController {

	private static final MediaType LFS_JSON = MediaType.parseMediaType("application/vnd.git-lfs+json");

	private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

	private final HfRevisions revisions;

	private final BlobStore blobs;

	private final UploadSignatures signatures;

	private final HuggingFaceProperties properties;

	private final UploadProperties limits;

	private final JsonMapper json;

	HfLfsController(HfRevisions revisions, BlobStore blobs, UploadSignatures signatures,
			HuggingFaceProperties properties, UploadProperties limits, JsonMapper json) {
		this.revisions = revisions;
		this.blobs = blobs;
		this.signatures = signatures;
		this.properties = properties;
		this.limits = limits;
		this.json = json;
	}

	@PostMapping("/{namespace}/{repo}/info/lfs/objects/batch")
	@Operation(summary = "Git LFS batch (upload): signed upload URLs for the objects the hub lacks")
	ResponseEntity<Map<String, Object>> batch(@Parameter(hidden = true) Caller caller, @PathVariable String namespace,
			@PathVariable String repo, @RequestBody String body) {
		Adapter adapter = this.revisions.repository(namespace, gitName(repo));
		caller.requireWrite(adapter.getNamespace());
		JsonNode request = HfException.json(this.json, body);
		if (!"upload".equals(request.path("operation").asString(""))) {
			throw HfException.badRequest("Only the upload operation is served; download files from /resolve/");
		}
		String algo = request.path("hash_algo").asString("sha256");
		if (!algo.equals("sha256") && !algo.equals("sha_256")) {
			throw HfException.badRequest("hash_algo must be sha256");
		}
		if (!request.path("objects").isArray()) {
			throw HfException.badRequest("The body needs \"objects\": [{\"oid\", \"size\"}]");
		}
		long expires = this.signatures.expiry(this.properties.uploadUrlTtl());
		List<Map<String, Object>> objects = new ArrayList<>();
		for (JsonNode object : request.path("objects")) {
			objects.add(object(adapter, object, expires));
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("transfer", "basic");
		answer.put("objects", objects);
		answer.put("hash_algo", "sha256");
		return ResponseEntity.ok().contentType(LFS_JSON).body(answer);
	}

	private Map<String, Object> object(Adapter adapter, JsonNode object, long expires) {
		String oid = object.path("oid").asString("");
		long size = object.path("size").asLong(-1);
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("oid", oid);
		entry.put("size", size);
		if (!SHA256.matcher(oid).matches() || size < 0) {
			entry.put("error",
					Map.of("code", 422, "message", "oid must be a sha256 (64 hex digits), size a byte count"));
			return entry;
		}
		if (size > this.limits.maxFileSize().toBytes()) {
			entry.put("error", Map.of("code", 413, "message",
					"The file is larger than the hub's limit of " + this.limits.maxFileSize().toBytes() + " bytes"));
			return entry;
		}
		entry.put("authenticated", true);
		if (this.blobs.stat(BlobStore.contentKey(oid)).isPresent()) {
			// Held already: no actions tells the client to skip the upload.
			return entry;
		}
		String href = ServletUriComponentsBuilder.fromCurrentContextPath()
			.pathSegment(adapter.getNamespace(), adapter.getName() + ".git", "info", "lfs", "objects", oid)
			.queryParam("size", size)
			.queryParam("expires", expires)
			.queryParam("signature", this.signatures.sign(adapter.repositoryId(), oid, size, expires))
			.build()
			.toUriString();
		entry.put("actions", Map.of("upload",
				Map.of("href", href, "header", Map.of(), "expires_in", this.properties.uploadUrlTtl().toSeconds())));
		return entry;
	}

	@PutMapping("/{namespace}/{repo}/info/lfs/objects/{oid}")
	@Operation(summary = "Receive one LFS object at a signed URL (no credentials: the signature is the permission)")
	ResponseEntity<Void> upload(@PathVariable String namespace, @PathVariable String repo, @PathVariable String oid,
			@RequestParam long size, @RequestParam long expires, @RequestParam String signature,
			HttpServletRequest request) throws IOException {
		String repositoryId = namespace + "/" + gitName(repo);
		if (!SHA256.matcher(oid).matches() || !this.signatures.valid(repositoryId, oid, size, expires, signature)) {
			throw new HfException(HttpStatus.FORBIDDEN,
					"This upload URL is not valid (wrong signature, or expired): ask the batch endpoint again");
		}
		ClientInput input = new ClientInput(request.getInputStream());
		StagedBlob staged;
		try {
			staged = this.blobs.stage(input, size);
		}
		catch (StorageException ex) {
			// A client that stops sending is a bad upload, not a storage outage.
			if (input.failure() != null) {
				throw HfException
					.badRequest("The upload could not be read to its end: " + input.failure().getMessage());
			}
			throw ex;
		}
		boolean promoted = false;
		try {
			if (staged.size() != size || !staged.sha256().equals(oid)) {
				throw HfException.badRequest("The upload has " + staged.size() + " bytes with sha256 " + staged.sha256()
						+ "; the batch request announced " + size + " bytes with sha256 " + oid);
			}
			this.blobs.promote(staged);
			promoted = true;
		}
		finally {
			if (!promoted) {
				this.blobs.discard(staged);
			}
		}
		return ResponseEntity.ok().build();
	}

	private static String gitName(String repo) {
		if (!repo.endsWith(".git")) {
			throw new HfException(HttpStatus.NOT_FOUND, "RepoNotFound",
					"Git LFS URLs name the repository as <name>.git");
		}
		return repo.substring(0, repo.length() - 4);
	}

}
