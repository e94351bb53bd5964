package dev.plugboard.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import dev.plugboard.registry.HubClient.Response;

/** Sends the real AdapterHub catalog (read from ../shared/data, packed once) to a hub. */
final class CatalogImport {

	static final Path CATALOG = Path.of(System.getProperty("plugboard.shared-data", "../../shared/data"),
			"adapterhub-catalog");

	private static byte[] bundle;

	private CatalogImport() {
	}

	static boolean available() {
		return Files.isDirectory(CATALOG);
	}

	static Response send(HubClient hub, String adminToken) {
		return hub.raw("POST", "/api/v1/adapterhub/imports", adminToken, "application/gzip", bundle());
	}

	private static synchronized byte[] bundle() {
		if (bundle == null) {
			bundle = tarGz(CATALOG);
		}
		return bundle;
	}

	private static byte[] tarGz(Path directory) {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		try (Stream<Path> files = Files.walk(directory)) {
			for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
				entries.put(directory.relativize(file).toString(), Files.readAllBytes(file));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return AdapterFixtures.tarGz(entries);
	}

}
