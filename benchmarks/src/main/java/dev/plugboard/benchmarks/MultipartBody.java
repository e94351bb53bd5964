package dev.plugboard.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A multipart/form-data body framed by hand around streamed parts, because the JDK client
 * has no multipart support and a 1 GiB part must not be buffered. The total length is
 * known up front, so the request carries a Content-Length like a typical client's.
 */
final class MultipartBody {

	private final String boundary = "plugboard-bench-" + UUID.randomUUID();

	private final List<Part> parts = new ArrayList<>();

	/**
	 * Adds a part named {@code file}, which the hub stores under {@code path}.
	 * @param content opens the part's bytes; called once per request sent
	 */
	MultipartBody file(String path, long length, Supplier<InputStream> content) {
		this.parts.add(new Part(path, length, content));
		return this;
	}

	String contentType() {
		return "multipart/form-data; boundary=" + this.boundary;
	}

	long length() {
		long total = closing().length;
		for (Part part : this.parts) {
			total += header(part).length + part.length() + 2;
		}
		return total;
	}

	HttpRequest.BodyPublisher publisher() {
		return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(this::open), length());
	}

	private InputStream open() {
		List<InputStream> pieces = new ArrayList<>();
		for (Part part : this.parts) {
			pieces.add(new ByteArrayInputStream(header(part)));
			pieces.add(part.content().get());
			pieces.add(new ByteArrayInputStream(ascii("\r\n")));
		}
		pieces.add(new ByteArrayInputStream(closing()));
		return new SequenceInputStream(Collections.enumeration(pieces));
	}

	private byte[] header(Part part) {
		return ascii("--" + this.boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
				+ part.path() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
	}

	private byte[] closing() {
		return ascii("--" + this.boundary + "--\r\n");
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private record Part(String path, long length, Supplier<InputStream> content) {
	}

}
