package dev.plugboard.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Files stored by their sha256 under {@code blobs/sha256/ab/cd/<hex>}: written to a
 * temporary file while hashing, verified, then renamed into place, so a reader never sees
 * a partial or wrong file under a content name.
 */
public final class ContentCache {

	private final Path root;

	public ContentCache(Path root) {
		this.root = root;
	}

	public Path root() {
		return this.root;
	}

	/** Where a blob lives, whether or not it is cached. */
	public Path blobPath(String sha256) {
		return this.root.resolve("blobs/sha256")
			.resolve(sha256.substring(0, 2))
			.resolve(sha256.substring(2, 4))
			.resolve(sha256);
	}

	/** The cached blob, when present with the right size. */
	public Optional<Path> find(FileRef file) {
		Path blob = blobPath(file.sha256());
		try {
			return (Files.isRegularFile(blob) && Files.size(blob) == file.size()) ? Optional.of(blob)
					: Optional.empty();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Stores a stream as the blob of {@code file}, verifying its sha256 and size.
	 * @throws HubException (status 0) when the bytes are not what the hub promised
	 */
	public Path store(FileRef file, InputStream content) {
		Path blob = blobPath(file.sha256());
		try {
			Files.createDirectories(blob.getParent());
			Path temporary = Files.createTempFile(blob.getParent(), file.sha256().substring(0, 8), ".part");
			try {
				MessageDigest digest = MessageDigest.getInstance("SHA-256");
				long size;
				try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temporary), digest)) {
					size = content.transferTo(out);
				}
				String actual = HexFormat.of().formatHex(digest.digest());
				if (!actual.equals(file.sha256()) || size != file.size()) {
					throw new HubException(0, null, "Downloaded " + file.path() + " has sha256 " + actual + " and "
							+ size + " bytes; the hub promised " + file.sha256() + " and " + file.size(), null);
				}
				try {
					Files.move(temporary, blob, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
				}
				catch (AtomicMoveNotSupportedException ex) {
					Files.move(temporary, blob, StandardCopyOption.REPLACE_EXISTING);
				}
				return blob;
			}
			finally {
				Files.deleteIfExists(temporary);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot cache " + file.path(), ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Lays cached blobs out as a directory of named files (hard links when the file
	 * system allows, copies otherwise), as model and adapter readers expect them.
	 */
	public Path materialize(Path directory, Iterable<FileRef> files) {
		try {
			Files.createDirectories(directory);
			for (FileRef file : files) {
				Path blob = find(file).orElseThrow(() -> new IllegalStateException(file.path() + " is not cached"));
				Path target = directory.resolve(file.path()).normalize();
				if (!target.startsWith(directory.normalize())) {
					throw new IllegalArgumentException("File path escapes its directory: " + file.path());
				}
				Files.createDirectories(target.getParent());
				if (Files.exists(target)) {
					continue;
				}
				try {
					Files.createLink(target, blob);
				}
				catch (IOException | UnsupportedOperationException ex) {
					Files.copy(blob, target);
				}
			}
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot lay out " + directory, ex);
		}
	}

}
