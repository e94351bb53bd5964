package dev.plugboard.registry.adapter.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;

import dev.plugboard.registry.adapter.Adapter;
import dev.plugboard.registry.adapter.DownloadCounter;
import dev.plugboard.registry.adapter.Resolution;
import dev.plugboard.registry.adapter.VersionFile;
import dev.plugboard.registry.system.InvalidRequestException;
import dev.plugboard.registry.system.StorageProperties;
import dev.plugboard.storage.BlobStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.stereotype.Component;

/**
 * Sends one file of a resolved version: streamed from storage with Content-Length, ETag
 * (the sha256), Range (206) and HEAD; or a 302 to a presigned storage URL in redirect
 * mode (and always for external files). Full GETs and ranges starting at byte 0 count as
 * downloads. Shared by the native download endpoint and the Hugging Face {@code resolve}
 * endpoint, so both answer byte for byte alike.
 */
@Component
public class FileDelivery {

	private static final int BUFFER = 256 * 1024;

	private final DownloadCounter counter;

	private final BlobStore blobs;

	private final StorageProperties storage;

	FileDelivery(DownloadCounter counter, BlobStore blobs, StorageProperties storage) {
		this.counter = counter;
		this.blobs = blobs;
		this.storage = storage;
	}

	/**
	 * Answers a GET or HEAD for a file.
	 * @param extra headers added to every answer (302, 206, 200 and 304)
	 * @throws RangeNotSatisfiableException (a 416 problem) for a range outside the file;
	 * {@code Content-Range: bytes *}{@code /size} is already set on the response then
	 */
	public void send(Resolution resolution, VersionFile file, HttpHeaders extra, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		Adapter adapter = resolution.adapter();
		String relative = file.getPath();
		boolean head = "HEAD".equals(request.getMethod());

		HttpHeaders headers = new HttpHeaders();
		headers.addAll(extra);
		Yanked.warn(headers, adapter, resolution.version());
		String etag = "\"" + file.getSha256() + "\"";
		headers.setETag(etag);
		headers.set("X-Plugboard-Version", resolution.version().getVersion());
		headers.set("X-Plugboard-Commit", resolution.version().commitId());
		headers.set("X-Checksum-Sha256", file.getSha256());
		headers.set(HttpHeaders.ACCEPT_RANGES, "bytes");
		// An exact version or commit never changes; a tag or latest can move.
		boolean immutable = "version".equals(resolution.via()) || "commit".equals(resolution.via());
		headers
			.setCacheControl(immutable ? "public, max-age=31536000, immutable" : "public, max-age=0, must-revalidate");

		if (matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
			write(response, headers, 304);
			return;
		}
		if (file.isExternal() || this.storage.downloadMode() == StorageProperties.DownloadMode.REDIRECT) {
			URI location = file.isExternal() ? URI.create(file.getExternalUrl())
					: this.blobs.presignedGet(file.getBlobKey(), this.storage.presignTtl(), lastSegment(relative));
			headers.setLocation(location);
			if (file.getSize() != null) {
				headers.set("X-Linked-Size", Long.toString(file.getSize()));
			}
			headers.set("X-Linked-ETag", etag);
			write(response, headers, 302);
			if (!head) {
				this.counter.count(adapter, resolution.version(), file);
			}
			return;
		}

		long size = file.getSize();
		long start = 0;
		long end = size - 1;
		int status = 200;
		List<HttpRange> ranges = ranges(request, etag);
		if (ranges.size() == 1) {
			HttpRange range = ranges.get(0);
			if (!satisfiable(range, size)) {
				// Set on the servlet response: the problem handler writes the body around
				// it.
				response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
				throw new RangeNotSatisfiableException(size);
			}
			start = range.getRangeStart(size);
			end = range.getRangeEnd(size);
			status = 206;
			headers.set(HttpHeaders.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + size);
		}
		long length = end - start + 1;
		headers.setContentType(org.springframework.http.MediaType.parseMediaType(file.getMediaType()));
		headers.setContentLength(Math.max(length, 0));
		headers.setContentDisposition(
				org.springframework.http.ContentDisposition.attachment().filename(lastSegment(relative)).build());
		write(response, headers, status);
		if (head) {
			return;
		}
		if (start == 0) {
			this.counter.count(adapter, resolution.version(), file);
		}
		if (length <= 0) {
			return;
		}
		try (InputStream in = this.blobs.read(file.getBlobKey(), start, length)) {
			OutputStream out = response.getOutputStream();
			byte[] buffer = new byte[BUFFER];
			int read;
			while ((read = in.read(buffer)) != -1) {
				out.write(buffer, 0, read);
			}
			out.flush();
		}
	}

	private static List<HttpRange> ranges(HttpServletRequest request, String etag) {
		String header = request.getHeader(HttpHeaders.RANGE);
		if (header == null) {
			return List.of();
		}
		String ifRange = request.getHeader(HttpHeaders.IF_RANGE);
		if (ifRange != null && !ifRange.equals(etag)) {
			return List.of();
		}
		try {
			List<HttpRange> ranges = HttpRange.parseRanges(header);
			// Several ranges would need multipart/byteranges; RFC 9110 lets us send the
			// whole file instead.
			return (ranges.size() == 1) ? ranges : List.of();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("Malformed Range header '" + header + "': " + ex.getMessage());
		}
	}

	private static boolean satisfiable(HttpRange range, long size) {
		if (size == 0) {
			return false;
		}
		try {
			long start = range.getRangeStart(size);
			return start < size && start <= range.getRangeEnd(size);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static boolean matches(String ifNoneMatch, String etag) {
		if (ifNoneMatch == null) {
			return false;
		}
		for (String candidate : ifNoneMatch.split(",")) {
			String tag = candidate.strip();
			if (tag.startsWith("W/")) {
				tag = tag.substring(2);
			}
			if (tag.equals(etag) || tag.equals("*")) {
				return true;
			}
		}
		return false;
	}

	private static String lastSegment(String path) {
		return path.substring(path.lastIndexOf('/') + 1);
	}

	private static void write(HttpServletResponse response, HttpHeaders headers, int status) {
		response.setStatus(status);
		headers.forEach((name, values) -> values.forEach((value) -> response.addHeader(name, value)));
	}

}
