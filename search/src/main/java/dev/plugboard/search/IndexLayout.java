package dev.plugboard.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index root directory: one Lucene index per generation in sibling directories
 * {@code index-000001}, {@code index-000002}, …, and a {@code CURRENT} file naming the
 * live one. A rebuild writes the next generation beside the live one and switches by
 * replacing {@code CURRENT} atomically (write to a temporary file, fsync, rename), so a
 * crash leaves either the old or the new index live, never a mix. Only directories
 * matching the generation pattern are ever deleted.
 */
final class IndexLayout {

	private static final Logger logger = LoggerFactory.getLogger(IndexLayout.class);

	private static final Pattern GENERATION = Pattern.compile("index-(\\d{6,})");

	private static final String CURRENT = "CURRENT";

	private final Path root;

	IndexLayout(Path root) {
		this.root = root;
	}

	Path root() {
		return this.root;
	}

	/**
	 * Reads the live generation's directory.
	 * @return the directory, or empty if there is none or {@code CURRENT} is unreadable
	 * or names no generation
	 */
	Optional<Path> current() {
		try {
			String name = Files.readString(this.root.resolve(CURRENT), StandardCharsets.UTF_8).strip();
			if (!GENERATION.matcher(name).matches()) {
				logger.warn("{} names no index generation: '{}'", this.root.resolve(CURRENT), abbreviate(name));
				return Optional.empty();
			}
			return Optional.of(this.root.resolve(name));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Cannot read {}: {}", this.root.resolve(CURRENT), ex.toString());
			return Optional.empty();
		}
	}

	/** Returns a new, not yet existing generation directory after all existing ones. */
	Path next() {
		long max = generations().stream().mapToLong(IndexLayout::number).max().orElse(0);
		return this.root.resolve("index-%06d".formatted(max + 1));
	}

	/** Makes a generation the live one, atomically. */
	void makeCurrent(Path generation) {
		Path temp = this.root.resolve(CURRENT + ".tmp");
		try {
			Files.writeString(temp, generation.getFileName() + "\n", StandardCharsets.UTF_8);
			try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
				channel.force(true);
			}
			Files.move(temp, this.root.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE,
					StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot switch the index to " + generation, ex);
		}
	}

	/** Deletes every generation directory except the given one. */
	void deleteAllBut(Path keep) {
		for (Path generation : generations()) {
			if (!generation.equals(keep)) {
				delete(generation);
			}
		}
	}

	List<Path> generations() {
		List<Path> result = new ArrayList<>();
		try (Stream<Path> children = Files.list(this.root)) {
			children.filter((p) -> GENERATION.matcher(p.getFileName().toString()).matches())
				.filter(Files::isDirectory)
				.forEach(result::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + this.root, ex);
		}
		return result;
	}

	/** Deletes one generation directory; failures are logged, not thrown. */
	static void delete(Path generation) {
		if (!GENERATION.matcher(generation.getFileName().toString()).matches() || !Files.exists(generation)) {
			return;
		}
		try {
			Files.walkFileTree(generation, new SimpleFileVisitor<>() {
				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
					Files.delete(file);
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult postVisitDirectory(Path dir, IOException ex) throws IOException {
					Files.delete(dir);
					return FileVisitResult.CONTINUE;
				}
			});
			logger.debug("Deleted index generation {}", generation);
		}
		catch (IOException ex) {
			logger.warn("Cannot delete old index generation {}: {}", generation, ex.toString());
		}
	}

	private static long number(Path generation) {
		var matcher = GENERATION.matcher(generation.getFileName().toString());
		return matcher.matches() ? Long.parseLong(matcher.group(1)) : 0;
	}

	private static String abbreviate(String text) {
		return (text.length() > 40) ? text.substring(0, 40) + "…" : text;
	}

}
