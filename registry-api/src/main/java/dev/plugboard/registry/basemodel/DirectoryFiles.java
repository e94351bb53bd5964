package dev.plugboard.registry.basemodel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.plugboard.registry.adapter.UploadedFiles;

/**
 * The regular files under a directory as the files of a version, in path order, each
 * named by its {@code /}-separated path relative to the directory.
 */
final class DirectoryFiles implements UploadedFiles {

	private final Path root;

	DirectoryFiles(Path root) {
		this.root = root;
	}

	@Override
	public void forEach(Sink sink) throws IOException {
		List<Path> files;
		try (Stream<Path> walk = Files.walk(this.root)) {
			files = walk.filter(Files::isRegularFile).sorted().toList();
		}
		for (Path file : files) {
			String path = this.root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
			try (InputStream in = Files.newInputStream(file)) {
				sink.accept(path, in);
			}
		}
	}

}
