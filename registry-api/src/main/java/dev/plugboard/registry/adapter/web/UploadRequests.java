package dev.plugboard.registry.adapter.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;

import dev.plugboard.registry.adapter.UploadedFiles;
import dev.plugboard.registry.system.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;

/**
 * Reads a publish body as it streams in (Commons FileUpload's streaming API: no temporary
 * files, no buffering): multipart parts named {@code file} (or {@code files}) whose
 * filename is the path in the version, or a part named {@code bundle}; or the whole body
 * as a zip/tar/tar.gz bundle.
 */
final class UploadRequests {

	private static final Set<String> BUNDLE_TYPES = Set.of("application/zip", "application/x-zip-compressed",
			"application/x-tar", "application/gzip", "application/x-gzip", "application/x-gtar",
			"application/octet-stream");

	private UploadRequests() {
	}

	static UploadedFiles of(HttpServletRequest request,
			java.util.function.Function<InputStream, UploadedFiles> bundles) {
		String contentType = (request.getContentType() != null) ? request.getContentType().toLowerCase(Locale.ROOT)
				: "";
		if (contentType.startsWith("multipart/")) {
			return multipart(request, bundles);
		}
		String mediaType = contentType.split(";", 2)[0].strip();
		if (BUNDLE_TYPES.contains(mediaType)) {
			return (sink) -> bundles.apply(request.getInputStream()).forEach(sink);
		}
		throw new InvalidRequestException("unsupported-media-type", "Publish with multipart/form-data (parts named "
				+ "'file') or a zip/tar/tar.gz bundle body; got Content-Type '" + contentType + "'");
	}

	private static UploadedFiles multipart(HttpServletRequest request,
			java.util.function.Function<InputStream, UploadedFiles> bundles) {
		return (sink) -> {
			FileItemInputIterator parts = new JakartaServletFileUpload<>().getItemIterator(request);
			while (parts.hasNext()) {
				FileItemInput part = parts.next();
				String field = part.getFieldName();
				if ("bundle".equals(field)) {
					try (InputStream in = part.getInputStream()) {
						bundles.apply(in).forEach(sink);
					}
				}
				else if (("file".equals(field) || "files".equals(field)) && !part.isFormField()) {
					if (part.getName() == null || part.getName().isEmpty()) {
						throw new InvalidRequestException("invalid-multipart", "A 'file' part needs a filename");
					}
					try (InputStream in = part.getInputStream()) {
						sink.accept(part.getName(), in);
					}
				}
				else {
					throw new InvalidRequestException("invalid-multipart",
							"Unexpected part '" + field + "'; send files as parts named 'file', or one part 'bundle'");
				}
			}
		};
	}

}
