package dev.plugboard.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import dev.plugboard.registry.HubClient.Response;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

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
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes));
				Stream<Path> files = Files.walk(directory)) {
			tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
			for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
				TarArchiveEntry entry = new TarArchiveEntry(directory.relativize(file).toString());
				entry.setSize(Files.size(file));
				tar.putArchiveEntry(entry);
				Files.copy(file, tar);
				tar.closeArchiveEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

}
