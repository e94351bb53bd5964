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
			.isInstanceOf(HubException.class)
			.hasMessageContaining("promised");
		assertThat(cache.find(file)).isEmpty();
		try (var files = Files.walk(temp)) {
			assertThat(files.filter(Files::isRegularFile)).isEmpty();
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

	private static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

}
