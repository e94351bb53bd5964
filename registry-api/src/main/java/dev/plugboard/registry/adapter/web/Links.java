package dev.plugboard.registry.adapter.web;

import java.net.URI;

import dev.plugboard.registry.adapter.Adapter;
import dev.plugboard.registry.adapter.AdapterVersion;
import dev.plugboard.registry.adapter.VersionFile;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Absolute URLs of API resources, built from the current request (proxy headers
 * honoured).
 */
final class Links {

	private Links() {
	}

	static URI adapter(Adapter adapter) {
		return base().pathSegment("api", "v1", "adapters", adapter.getNamespace(), adapter.getName()).build().toUri();
	}

	static URI version(Adapter adapter, AdapterVersion version) {
		return base()
			.pathSegment("api", "v1", "adapters", adapter.getNamespace(), adapter.getName(), "versions",
					version.getVersion())
			.build()
			.toUri();
	}

	static URI file(Adapter adapter, AdapterVersion version, VersionFile file) {
		UriComponentsBuilder builder = base().pathSegment("api", "v1", "adapters", adapter.getNamespace(),
				adapter.getName(), "versions", version.getVersion(), "files");
		for (String segment : file.getPath().split("/")) {
			builder.pathSegment(segment);
		}
		return builder.encode().build().toUri();
	}

	private static UriComponentsBuilder base() {
		return ServletUriComponentsBuilder.fromCurrentContextPath();
	}

}
