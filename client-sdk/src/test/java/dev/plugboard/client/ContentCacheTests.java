package dev.plugboard.client;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContentCacheTests {

	@Test
	void storesVerifiedContentUnderItsHashAndLaysItOut(@TempDir Path temp) throws Exception {
		byte[] bytes = "{\"r\": 4}".getBytes(StandardCharsets.UTF_8);
		FileRef file = new FileRef("adapter_config.json", sha256(bytes), bytes.length, "x");
		ContentCache cache = new ContentCache(temp.resolve("cache"));
		assertThat(cache.find(file)).isEmpty();
		Path blob = cache.store(file, new ByteArrayInputStream(bytes));
		assertThat(blob).endsWith(Path.of(file.sha256().substring(0, 2), file.sha256().substring(2, 4), file.sha256()));
		assertThat(cache.find(file)).contains(blob);
		Path directory = cache.materialize(temp.resolve("snapshot"), List.of(file));
		assertThat(Files.readAllBytes(directory.resolve("adapter_config.json"))).isEqualTo(bytes);
	}

	@Test
	void refusesBytesThatAreNotWhatWasPromised(@TempDir Path temp) throws Exception {
		byte[] bytes = "good".getBytes(StandardCharsets.UTF_8);
		FileRef file = new FileRef("a.bin", sha256(bytes), bytes.length, "x");
		ContentCache cache = new ContentCache(temp);
		assertThatThrownBy(() -> cache.store(file, new ByteArrayInputStream("evil".getBytes(StandardCharsets.UTF_8))))
			.isInstanceOf(ChecksumMismatchException.class)
			.hasMessageContaining("promised");
		assertThat(cache.find(file)).isEmpty();
		try (var files = Files.walk(temp)) {
			assertThat(files.filter(Files::isRegularFile).filter((f) -> !f.toString().endsWith(".lock")))
				.as("no blob and no partial download is left")
				.isEmpty();
		}
	}

	@Test
	void refusesPathsThatEscapeTheSnapshot(@TempDir Path temp) throws Exception {
		byte[] bytes = "x".getBytes(StandardCharsets.UTF_8);
		FileRef file = new FileRef("../escape", sha256(bytes), 1, "x");
		ContentCache cache = new ContentCache(temp.resolve("cache"));
		cache.store(file, new ByteArrayInputStream(bytes));
		assertThatThrownBy(() -> cache.materialize(temp.resolve("snapshot"), List.of(file)))
			.hasMessageContaining("escapes");
	}

	@Test
	void detectsACorruptedBlobAndRelinksTheSnapshotToItsReplacement(@TempDir Path temp) throws Exception {
		byte[] bytes = "weights".getBytes(StandardCharsets.UTF_8);
		FileRef file = new FileRef("adapter_model.safetensors", sha256(bytes), bytes.length, "x");
		ContentCache cache = new ContentCache(temp.resolve("cache"));
		cache.store(file, new ByteArrayInputStream(bytes));
		Path snapshot = cache.materialize(temp.resolve("snapshot"), List.of(file));
		assertThat(cache.verify(file)).isTrue();
		// Same size, other bytes: only reading the content tells.
		Files.write(snapshot.resolve(file.path()), "WEIGHTS".getBytes(StandardCharsets.UTF_8));
		assertThat(cache.find(file)).as("the snapshot is a hard link to the blob").isPresent();
		assertThat(cache.verify(file)).isFalse();
		assertThat(cache.find(file)).as("the damaged blob is gone").isEmpty();
		cache.store(file, new ByteArrayInputStream(bytes));
		cache.materialize(snapshot, List.of(file));
		assertThat(Files.readAllBytes(snapshot.resolve(file.path()))).isEqualTo(bytes);
	}

	@Test
	void oneWriterAtATimePerBlob(@TempDir Path temp) throws Exception {
		ContentCache cache = new ContentCache(temp);
		String sha = "ab".repeat(32);
		java.util.concurrent.atomic.AtomicInteger inside = new java.util.concurrent.atomic.AtomicInteger();
		java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
		List<Thread> threads = new java.util.ArrayList<>();
		for (int i = 0; i < 4; i++) {
			threads.add(Thread.ofPlatform().start(() -> cache.locked(sha, () -> {
				most.accumulateAndGet(inside.incrementAndGet(), Math::max);
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return inside.decrementAndGet();
			})));
		}
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(most.get()).isEqualTo(1);
	}

	private static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

}
