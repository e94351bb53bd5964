package dev.plugboard.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Files stored by their sha256 under {@code blobs/sha256/ab/cd/<hex>}. A blob is written
 * as {@code partial/<hex>.part} (kept across failures, so a download resumes), verified,
 * then renamed into place: a reader never sees a partial or wrong file under a content
 * name. Writers of one blob take a lock ({@code locks/<hex>.lock}) that holds across
 * threads and processes, so several processes sharing a cache download a file once.
 */
public final class ContentCache {

	private static final ConcurrentHashMap<Path, ReentrantLock> THREAD_LOCKS = new ConcurrentHashMap<>();

	private final Path root;

	public ContentCache(Path root) {
		this.root = root.toAbsolutePath().normalize();
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

	/** Where the bytes of an unfinished download of a blob are kept. */
	Path partPath(String sha256) {
		return this.root.resolve("partial").resolve(sha256 + ".part");
	}

	/** The cached blob, when present with the right size (its content is not read). */
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
	 * Reads a cached blob and checks its sha256; a blob whose bytes changed on disk is
	 * deleted, so the next fetch replaces it.
	 * @return whether the blob is present and intact
	 */
	public boolean verify(FileRef file) {
		Optional<Path> blob = find(file);
		if (blob.isEmpty()) {
			return false;
		}
		try {
			if (sha256(blob.get()).equals(file.sha256())) {
				return true;
			}
			Files.deleteIfExists(blob.get());
			return false;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read cached " + file.path(), ex);
		}
	}

	/**
	 * Runs an action holding the lock of one blob: one thread of one process at a time.
	 */
	public <T> T locked(String sha256, Supplier<T> action) {
		Path lockFile = this.root.resolve("locks").resolve(sha256 + ".lock");
		ReentrantLock threadLock = THREAD_LOCKS.computeIfAbsent(lockFile, (key) -> new ReentrantLock());
		threadLock.lock();
		try {
			Files.createDirectories(lockFile.getParent());
			try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
					FileLock lock = channel.lock()) {
				return action.get();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot lock the cache entry " + sha256, ex);
		}
		finally {
			threadLock.unlock();
		}
	}

	/**
	 * Stores a whole stream as the blob of {@code file}, verifying its sha256 and size.
	 * @throws ChecksumMismatchException when the bytes are not what the hub promised
	 */
	public Path store(FileRef file, InputStream content) {
		return locked(file.sha256(), () -> {
			Path part = partPath(file.sha256());
			try {
				Files.createDirectories(part.getParent());
				try (OutputStream out = Files.newOutputStream(part)) {
					content.transferTo(out);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot cache " + file.path(), ex);
			}
			return commit(file);
		});
	}

	/**
	 * Moves a finished partial download into place after checking it; a part that is not
	 * what was promised is deleted. Call holding the blob's lock.
	 * @throws ChecksumMismatchException when the bytes are not what the hub promised
	 */
	Path commit(FileRef file) {
		Path part = partPath(file.sha256());
		Path blob = blobPath(file.sha256());
		try {
			long size = Files.size(part);
			String actual = sha256(part);
			if (!actual.equals(file.sha256()) || size != file.size()) {
				Files.deleteIfExists(part);
				throw new ChecksumMismatchException("Downloaded " + file.path() + " has sha256 " + actual + " and "
						+ size + " bytes; the hub promised " + file.sha256() + " and " + file.size());
			}
			Files.createDirectories(blob.getParent());
			try {
				Files.move(part, blob, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(part, blob, StandardCopyOption.REPLACE_EXISTING);
			}
			return blob;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot cache " + file.path(), ex);
		}
	}

	/**
	 * Lays cached blobs out as a directory of named files (hard links when the file
	 * system allows, copies otherwise), as model and adapter readers expect them. A file
	 * already there that is not the blob (a replaced blob, a stale copy) is replaced.
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
					if (Files.isSameFile(target, blob)
							|| (Files.size(target) == file.size() && sha256(target).equals(file.sha256()))) {
						continue;
					}
					Files.delete(target);
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

	static String sha256(Path file) throws IOException {
		MessageDigest digest = newDigest();
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
			in.transferTo(OutputStream.nullOutputStream());
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
