package dev.plugboard.registry.evaluation.web;

import java.net.URI;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Absolute URLs of the resources runners fetch, built from the current request (proxy
 * headers honoured): the existing download endpoints of versions and benchmarks.
 */
final class Urls {

	private Urls() {
	}

	static URI file(String namespace, String name, String version, String path) {
		UriComponentsBuilder builder = base().pathSegment("api", "v1", "adapters", namespace, name, "versions", version,
				"files");
		for (String segment : path.split("/")) {
			builder.pathSegment(segment);
		}
		return builder.encode().build().toUri();
	}

	static URI benchmark(String id) {
		String[] parts = id.split("/", 2);
		return base().pathSegment("api", "v1", "benchmarks", parts[0], parts[1]).encode().build().toUri();
	}

	static URI dataset(String id) {
		String[] parts = id.split("/", 2);
		return base().pathSegment("api", "v1", "benchmarks", parts[0], parts[1], "dataset").encode().build().toUri();
	}

	static URI job(long id) {
		return base().pathSegment("api", "v1", "jobs", Long.toString(id)).build().toUri();
	}

	private static UriComponentsBuilder base() {
		return ServletUriComponentsBuilder.fromCurrentContextPath();
	}

}
