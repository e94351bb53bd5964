package dev.plugboard.registry.system;

import org.apache.commons.fileupload2.core.FileUploadException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into an RFC 9457 problem. Spring's own exceptions (unknown route,
 * wrong method, unreadable body) get our stable types too, so clients only ever see
 * {@code application/problem+json}.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	@ExceptionHandler
	ResponseEntity<Object> domain(RuntimeException ex) {
		return respond(ProblemResponses.of(ex), ex instanceof AuthenticationChallenge);
	}

	@ExceptionHandler
	ResponseEntity<Object> multipart(FileUploadException ex) {
		return respond(ProblemResponses.problem("invalid-multipart",
				"The multipart body could not be read: " + ex.getMessage()), false);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		String kind = switch (statusCode.value()) {
			case 400 -> (ex instanceof org.springframework.http.converter.HttpMessageNotReadableException)
					? "malformed-body" : "invalid-request";
			case 404 -> "not-found";
			case 405 -> "method-not-allowed";
			case 406 -> "not-acceptable";
			case 413 -> "payload-too-large";
			case 415 -> "unsupported-media-type";
			default -> null;
		};
		if (kind == null) {
			return super.handleExceptionInternal(ex, body, headers, statusCode, request);
		}
		String detail = (body instanceof ProblemDetail problem && problem.getDetail() != null) ? problem.getDetail()
				: ex.getMessage();
		if (ex instanceof org.springframework.http.converter.HttpMessageNotReadableException) {
			detail = "The request body is not valid JSON for this endpoint: " + rootMessage(ex);
		}
		ProblemDetail problem = ProblemResponses.problem(kind, detail);
		HttpHeaders responseHeaders = new HttpHeaders();
		responseHeaders.putAll(headers);
		responseHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return new ResponseEntity<>(problem, responseHeaders, statusCode);
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String message = cause.getMessage();
		if (message == null) {
			return cause.getClass().getSimpleName();
		}
		// Jackson appends source locations over several lines; the first line says what
		// is wrong.
		int newline = message.indexOf('\n');
		return (newline > 0) ? message.substring(0, newline) : message;
	}

	private static ResponseEntity<Object> respond(ProblemDetail body, boolean challenge) {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(body.getStatus())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (challenge) {
			response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"plugboard\"");
		}
		return response.body(body);
	}

}
