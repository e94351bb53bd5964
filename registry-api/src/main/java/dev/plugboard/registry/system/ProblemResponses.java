package dev.plugboard.registry.system;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.plugboard.formats.FormatException;
import dev.plugboard.storage.BlobTooLargeException;
import dev.plugboard.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The one table that maps conditions to HTTP: each problem kind has a status, a stable
 * type URI and a fixed title. docs/problems.md lists them for API users.
 */
public final class ProblemResponses {

	private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

	public static final String TYPE_BASE = "https://plugboard.dev/problems/";

	private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

	static {
		kind("invalid-request", HttpStatus.BAD_REQUEST, "Invalid request");
		kind("malformed-body", HttpStatus.BAD_REQUEST, "Malformed request body");
		kind("invalid-multipart", HttpStatus.BAD_REQUEST, "Malformed multipart upload");
		kind("invalid-bundle", HttpStatus.BAD_REQUEST, "Invalid bundle");
		kind("invalid-name", HttpStatus.BAD_REQUEST, "Invalid name");
		kind("invalid-version", HttpStatus.BAD_REQUEST, "Invalid version");
		kind("invalid-tag", HttpStatus.BAD_REQUEST, "Invalid tag");
		kind("invalid-path", HttpStatus.BAD_REQUEST, "Invalid file path");
		kind("invalid-reference", HttpStatus.BAD_REQUEST, "Invalid reference");
		kind("invalid-search", HttpStatus.BAD_REQUEST, "Invalid search");
		kind("invalid-adapter-config", HttpStatus.BAD_REQUEST, "Invalid adapter_config.json");
		kind("invalid-safetensors", HttpStatus.BAD_REQUEST, "Invalid safetensors file");
		kind("pickle-weights", HttpStatus.BAD_REQUEST, "Pickle weights refused");
		kind("invalid-pickle", HttpStatus.BAD_REQUEST, "Unreadable pickle weights");
		kind("inconsistent-adapter", HttpStatus.BAD_REQUEST, "Weights do not fit the adapter config");
		kind("missing-adapter-config", HttpStatus.BAD_REQUEST, "Missing adapter_config.json");
		kind("missing-model-config", HttpStatus.BAD_REQUEST, "Missing config.json");
		kind("invalid-model-config", HttpStatus.BAD_REQUEST, "Invalid config.json");
		kind("unknown-base-model", HttpStatus.BAD_REQUEST, "Unknown bundled base model");
		kind("empty-version", HttpStatus.BAD_REQUEST, "No files in version");
		kind("duplicate-file", HttpStatus.BAD_REQUEST, "Duplicate file path");
		kind("invalid-benchmark-spec", HttpStatus.BAD_REQUEST, "Invalid benchmark spec");
		kind("invalid-result", HttpStatus.BAD_REQUEST, "Invalid evaluation result");
		kind("unauthenticated", HttpStatus.UNAUTHORIZED, "Authentication required");
		kind("permission-denied", HttpStatus.FORBIDDEN, "Permission denied");
		kind("not-found", HttpStatus.NOT_FOUND, "Not found");
		kind("adapter-not-found", HttpStatus.NOT_FOUND, "Adapter not found");
		kind("version-not-found", HttpStatus.NOT_FOUND, "Version not found");
		kind("file-not-found", HttpStatus.NOT_FOUND, "File not found");
		kind("tag-not-found", HttpStatus.NOT_FOUND, "Tag not found");
		kind("token-not-found", HttpStatus.NOT_FOUND, "Token not found");
		kind("reference-not-found", HttpStatus.NOT_FOUND, "Reference not found");
		kind("taxonomy-not-found", HttpStatus.NOT_FOUND, "No such task, subtask, architecture or index");
		kind("benchmark-not-found", HttpStatus.NOT_FOUND, "Benchmark not found");
		kind("dataset-not-found", HttpStatus.NOT_FOUND, "Benchmark dataset not uploaded");
		kind("runner-not-found", HttpStatus.NOT_FOUND, "Runner not found");
		kind("job-not-found", HttpStatus.NOT_FOUND, "Evaluation job not found");
		kind("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed");
		kind("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable");
		kind("adapter-exists", HttpStatus.CONFLICT, "Adapter already exists");
		kind("repository-type-conflict", HttpStatus.CONFLICT, "Repository has another type");
		kind("version-conflict", HttpStatus.CONFLICT, "Version already published with other content");
		kind("ambiguous-reference", HttpStatus.CONFLICT, "Ambiguous reference");
		kind("version-yanked", HttpStatus.CONFLICT, "Version is yanked");
		kind("lease-lost", HttpStatus.CONFLICT, "Lease no longer held");
		kind("benchmark-without-dataset", HttpStatus.CONFLICT, "Benchmark has no dataset");
		kind("no-matching-benchmark", HttpStatus.CONFLICT, "No matching benchmark");
		kind("base-model-unavailable", HttpStatus.CONFLICT, "Base model not available");
		kind("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Upload too large");
		kind("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type");
		kind("range-not-satisfiable", HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "Range not satisfiable");
		kind("storage-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Storage unavailable");
		kind("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");
	}

	private ProblemResponses() {
	}

	private static void kind(String id, HttpStatus status, String title) {
		KINDS.put(id, new Kind(id, status, title));
	}

	/** All problem kinds, for documentation and tests. */
	public static Map<String, Kind> kinds() {
		return Map.copyOf(KINDS);
	}

	public static ProblemDetail problem(String kindId, String detail) {
		Kind kind = KINDS.getOrDefault(kindId, KINDS.get("invalid-request"));
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(kind.status(), detail);
		problem.setType(URI.create(TYPE_BASE + kind.id()));
		problem.setTitle(kind.title());
		return problem;
	}

	/**
	 * The problem for a failure, as every surface reports it (the REST API as
	 * problem+json, the pages as error pages, the Hugging Face API in the Hub's shape):
	 * domain problems and format violations as themselves, oversized uploads and storage
	 * failures by their kinds, anything else as an internal error. Storage and unexpected
	 * failures are logged here, once.
	 */
	public static ProblemDetail of(Exception ex) {
		if (ex instanceof DomainProblem problem) {
			ProblemDetail body = problem(problem.problemKind(), ex.getMessage());
			problem.problemFacts().forEach(body::setProperty);
			return body;
		}
		if (ex instanceof FormatException format) {
			ProblemDetail body = problem(format.kind(), format.getMessage());
			if (!format.violations().isEmpty()) {
				body.setProperty("violations", format.violations());
			}
			return body;
		}
		if (ex instanceof BlobTooLargeException tooLarge) {
			return problem("payload-too-large",
					"A file or bundle is larger than the limit of " + tooLarge.limit() + " bytes");
		}
		if (ex instanceof StorageException) {
			log.error("Object storage failed", ex);
			return problem("storage-unavailable",
					"Object storage did not answer as expected; nothing was stored. Try again later.");
		}
		log.error("Unexpected failure", ex);
		return problem("internal-error", "Unexpected failure; see the hub's log");
	}

	/** The kind a problem built here names, from its type URI. */
	public static String kindOf(ProblemDetail problem) {
		String type = problem.getType().toString();
		return type.substring(type.lastIndexOf('/') + 1);
	}

	public static boolean isKnown(String kindId) {
		return KINDS.containsKey(kindId);
	}

	public record Kind(String id, HttpStatus status, String title) {
	}

}
