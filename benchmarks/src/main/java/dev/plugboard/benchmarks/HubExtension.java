package dev.plugboard.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The classes the hub under test loads besides its own jar: this module's classes and the
 * search test jar's catalog reader, copied out of this JVM's class path into a private
 * directory. Only {@code .class} files are copied, so no logging configuration or other
 * resource of the benchmark reaches the hub, and a rebuild of the checkout during the run
 * cannot change them.
 */
final class HubExtension {

	private static final List<String> PACKAGES = List.of("dev/plugboard/benchmarks/",
			"dev/plugboard/search/AdapterHubCatalog");

	private HubExtension() {
	}

	static Path build(Path directory) throws IOException {
		Files.createDirectories(directory);
		int copied = 0;
		for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
			Path source = Path.of(entry);
			if (Files.isDirectory(source)) {
				copied += copyDirectory(source, directory);
			}
			else if (entry.endsWith("-tests.jar") && Files.isRegularFile(source)) {
				copied += copyJar(source, directory);
			}
		}
		if (copied == 0 || !Files.exists(directory.resolve("dev/plugboard/search/AdapterHubCatalog.class"))) {
			throw new IllegalStateException("The benchmark classes or the search test jar are not on the class path");
		}
		return directory;
	}

	private static int copyDirectory(Path root, Path target) throws IOException {
		try (Stream<Path> files = Files.walk(root)) {
			List<Path> classes = files.filter((f) -> wanted(root.relativize(f).toString().replace('\\', '/'))).toList();
			for (Path file : classes) {
				Path copy = target.resolve(root.relativize(file).toString());
				Files.createDirectories(copy.getParent());
				Files.copy(file, copy);
			}
			return classes.size();
		}
	}

	private static int copyJar(Path jar, Path target) throws IOException {
		int copied = 0;
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			Enumeration<? extends ZipEntry> entries = zip.entries();
			while (entries.hasMoreElements()) {
				ZipEntry entry = entries.nextElement();
				if (!entry.isDirectory() && wanted(entry.getName())) {
					Path copy = target.resolve(entry.getName());
					Files.createDirectories(copy.getParent());
					try (InputStream in = zip.getInputStream(entry)) {
						Files.copy(in, copy);
					}
					copied++;
				}
			}
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		return copied;
	}

	private static boolean wanted(String path) {
		return path.endsWith(".class") && PACKAGES.stream().anyMatch(path::startsWith);
	}

}
