package dev.plugboard.registry.hf;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.plugboard.formats.FormatException;
import dev.plugboard.registry.system.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the Hugging Face API in the Hub's own shape: {@code {"error": "…"}} with
 * {@code X-Error-Code} ({@code RepoNotFound}, {@code RevisionNotFound},
 * {@code EntryNotFound}) and {@code X-Error-Message}. The clients turn exactly these into
 * their typed errors (PEFT's fallback from safetensors to {@code .bin} depends on
 * {@code EntryNotFound}), so the native API's RFC 9457 problems are no use here. Ordered
 * first, it wins over the global problem handler for this package's controllers only.
 */
@RestControllerAdvice(basePackageClasses = HfErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class HfErrors {

	/** Set by a handler once it knows the commit, so a 404 for a file can carry it. */
	static final String COMMIT_ATTRIBUTE = HfErrors.class.getName() + ".commit";

	private static final Map<String, String> ERROR_CODES = Map.of("adapter-not-found", "RepoNotFound",
			"version-not-found", "RevisionNotFound", "version-yanked", "RevisionNotFound", "tag-not-found",
			"RevisionNotFound", "file-not-found", "EntryNotFound");

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> handle(Exception ex, HttpServletRequest request) {
		if (ex instanceof HfException hf) {
			return respond(hf.status(), hf.errorCode(), ex.getMessage(), request, null);
		}
		if (ex instanceof ErrorResponse spring && spring.getStatusCode().is4xxClientError()) {
			String detail = (spring.getBody().getDetail() != null) ? spring.getBody().getDetail() : ex.getMessage();
			return respond(spring.getStatusCode(), null, detail, request, null);
		}
		if (ex instanceof org.springframework.http.converter.HttpMessageNotReadableException) {
			return respond(HttpStatus.BAD_REQUEST, null, "The request body could not be read", request,
					"malformed-body");
		}
		// Everything else as the native API reports it, reshaped for the Hub's clients: a
		// yanked version behind a tag is not served through main/tags, so to a client it
		// is a revision that does not resolve.
		ProblemDetail problem = ProblemResponses.of(ex);
		String kind = ProblemResponses.kindOf(problem);
		String message = problem.getDetail();
		if (ex instanceof FormatException format && !format.violations().isEmpty()) {
			message = message + ": " + String.join("; ", format.violations().stream().map(Object::toString).toList());
		}
		return respond(HttpStatusCode.valueOf(problem.getStatus()), ERROR_CODES.get(kind), message, request, kind);
	}

	private static ResponseEntity<Map<String, Object>> respond(HttpStatusCode status, String code, String message,
			HttpServletRequest request, String kind) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		if (code != null) {
			headers.set("X-Error-Code", code);
		}
		// Header values must be ASCII on one line.
		headers.set("X-Error-Message", message.replaceAll("[^\\x20-\\x7e]", "?"));
		if (kind != null) {
			headers.set("X-Plugboard-Problem", kind);
		}
		Object commit = request.getAttribute(COMMIT_ATTRIBUTE);
		if (commit instanceof String sha) {
			headers.set("X-Repo-Commit", sha);
		}
		if (status.value() == 401) {
			headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"plugboard\"");
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", message);
		if (code != null) {
			body.put("errorCode", code);
		}
		return ResponseEntity.status(status).headers(headers).body(body);
	}

}
