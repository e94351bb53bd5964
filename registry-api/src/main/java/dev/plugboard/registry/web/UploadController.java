package dev.plugboard.registry.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import dev.plugboard.formats.FormatException;
import dev.plugboard.formats.Violation;
import dev.plugboard.registry.adapter.AdapterCatalog;
import dev.plugboard.registry.adapter.Bundles;
import dev.plugboard.registry.adapter.PublishResult;
import dev.plugboard.registry.adapter.RepositoryType;
import dev.plugboard.registry.adapter.VersionPublisher;
import dev.plugboard.registry.identity.Caller;
import dev.plugboard.registry.identity.TokenService;
import dev.plugboard.registry.system.DomainProblem;
import dev.plugboard.registry.system.ProblemResponses;
import dev.plugboard.registry.system.UploadProperties;
import dev.plugboard.storage.BlobTooLargeException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;

import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.util.UriUtils;

/**
 * Publishes a version from the browser: files, a picked directory, or one zip/tar bundle,
 * streamed straight into the same publisher the REST API uses (no temporary files).
 * Creates the repository first when it does not exist. Problems are listed on the form.
 */
@Controller
class UploadController {

	private final TokenService tokens;

	private final AdapterCatalog catalog;

	private final VersionPublisher publisher;

	private final UploadProperties limits;

	UploadController(TokenService tokens, AdapterCatalog catalog, VersionPublisher publisher, UploadProperties limits) {
		this.tokens = tokens;
		this.catalog = catalog;
		this.publisher = publisher;
		this.limits = limits;
	}

	@GetMapping("/upload")
	String form(HttpServletRequest request, Model model) {
		Optional<Caller> caller = Session.caller(request, this.tokens);
		if (caller.isEmpty()) {
			return "redirect:/sign-in?next=/upload";
		}
		model.addAttribute("namespace", caller.get().namespace());
		return "upload";
	}

	@PostMapping("/upload")
	String upload(HttpServletRequest request, HttpServletResponse response, Model model) {
		Optional<Caller> caller = Session.caller(request, this.tokens);
		if (caller.isEmpty()) {
			return "redirect:/sign-in?next=/upload";
		}
		UploadForm form = new UploadForm();
		try {
			PublishResult result = publish(caller.get(), request, form);
			return "redirect:/adapters/" + result.adapter().getNamespace() + "/" + result.adapter().getName()
					+ "?version=" + UriUtils.encodeQueryParam(result.version().getVersion(), StandardCharsets.UTF_8)
					+ "&published";
		}
		catch (FormatException ex) {
			return problem(response, model, form, 400, "The adapter did not pass the checks", ex.getMessage(),
					ex.violations());
		}
		catch (UncheckedIOException ex) {
			if (ex.getCause() instanceof FileUploadException unreadable) {
				return problem(response, model, form, 400, "The upload could not be read", unreadable.getMessage(),
						List.of());
			}
			throw ex;
		}
		catch (RuntimeException ex) {
			if (ex instanceof DomainProblem || ex instanceof BlobTooLargeException) {
				ProblemDetail problem = ProblemResponses.of(ex);
				return problem(response, model, form, problem.getStatus(), problem.getTitle(), problem.getDetail(),
						List.of());
			}
			throw ex;
		}
	}

	private PublishResult publish(Caller caller, HttpServletRequest request, UploadForm form) {
		if (!JakartaServletFileUpload.isMultipartContent(request)) {
			throw new dev.plugboard.registry.system.InvalidRequestException("invalid-multipart",
					"The upload form sends multipart/form-data");
		}
		try {
			FileItemInputIterator parts = new JakartaServletFileUpload<>().getItemIterator(request);
			FileItemInput first = fields(parts, form);
			String namespace = form.required("namespace");
			String name = form.required("name");
			String version = form.required("version");
			if (this.catalog.find(namespace, name).isEmpty()) {
				this.catalog.create(caller, namespace, name, RepositoryType.ADAPTER, form.metadata());
			}
			return this.publisher.publish(caller, namespace, name, version, (sink) -> {
				FileItemInput part = first;
				boolean any = false;
				while (part != null) {
					any |= file(part, sink);
					part = parts.hasNext() ? parts.next() : null;
				}
				if (!any) {
					throw new dev.plugboard.registry.system.InvalidRequestException("invalid-multipart",
							"Choose the adapter's files, its directory, or a zip/tar bundle");
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Reads the text fields; returns the first file part, or null when there is none. */
	private static FileItemInput fields(FileItemInputIterator parts, UploadForm form) throws IOException {
		while (parts.hasNext()) {
			FileItemInput part = parts.next();
			if (!part.isFormField()) {
				return part;
			}
			try (InputStream in = part.getInputStream()) {
				byte[] value = in.readNBytes(UploadForm.MAX_FIELD + 1);
				if (value.length > UploadForm.MAX_FIELD) {
					throw new dev.plugboard.registry.system.InvalidRequestException("invalid-request",
							"The field '" + part.getFieldName() + "' is too long");
				}
				form.put(part.getFieldName(), new String(value, StandardCharsets.UTF_8));
			}
		}
		return null;
	}

	/**
	 * Hands one file part to the publisher. A browser leaves a file input without a
	 * choice as an empty part without a name; those are skipped.
	 */
	private boolean file(FileItemInput part, dev.plugboard.registry.adapter.UploadedFiles.Sink sink)
			throws IOException {
		String filename = part.getName();
		if (filename == null || filename.isEmpty()) {
			return false;
		}
		try (InputStream in = part.getInputStream()) {
			switch (part.getFieldName()) {
				case "bundle" -> Bundles.read(in, this.limits.maxFiles()).forEach(sink);
				// A picked directory arrives as "<directory>/<path>": the version holds
				// what is inside it.
				case "directory" ->
					sink.accept(filename.contains("/") ? filename.substring(filename.indexOf('/') + 1) : filename, in);
				case "file" -> sink.accept(filename.substring(filename.lastIndexOf('/') + 1), in);
				default -> throw new dev.plugboard.registry.system.InvalidRequestException("invalid-multipart",
						"Unexpected upload field '" + part.getFieldName() + "'");
			}
		}
		return true;
	}

	private static String problem(HttpServletResponse response, Model model, UploadForm form, int status, String title,
			String detail, List<Violation> violations) {
		response.setStatus(status);
		model.addAttribute("namespace", form.get("namespace"));
		model.addAttribute("form", form.values());
		model.addAttribute("problem", new UploadProblem(title, detail, violations));
		return "upload";
	}

	record UploadProblem(String title, String detail, List<Violation> violations) {
	}

}
