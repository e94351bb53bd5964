package dev.plugboard.client;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Packs a directory into a temporary zip for upload: regular files only, paths relative
 * to the directory with {@code /}, in a stable order; hidden files and folders
 * ({@code .git}, {@code .DS_Store}, editor droppings) stay behind.
 */
final class Bundles {

	private Bundles() {
	}

	static Path zip(Path directory) {
		try {
			Path zip = Files.createTempFile("plugboard-push-", ".zip");
			List<Path> files;
			try (Stream<Path> walk = Files.walk(directory)) {
				files = walk.filter(Files::isRegularFile)
					.filter((file) -> !hidden(directory.relativize(file)))
					.sorted()
					.toList();
			}
			if (files.isEmpty()) {
				Files.delete(zip);
				throw new IllegalArgumentException("There are no files to push in " + directory);
			}
			try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream zipped = new ZipOutputStream(out)) {
				for (Path file : files) {
					zipped.putNextEntry(new ZipEntry(directory.relativize(file).toString().replace('\\', '/')));
					Files.copy(file, zipped);
					zipped.closeEntry();
				}
			}
			return zip;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot pack " + directory, ex);
		}
	}

	private static boolean hidden(Path relative) {
		for (Path segment : relative) {
			if (segment.toString().startsWith(".")) {
				return true;
			}
		}
		return false;
	}

}
