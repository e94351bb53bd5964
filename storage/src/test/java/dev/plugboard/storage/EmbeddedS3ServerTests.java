package dev.plugboard.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedS3ServerTests {

	@TempDir
	Path directory;

	@Test
	void listensOnTheLoopbackAddressWithTheActualPort() {
		try (EmbeddedS3Server server = EmbeddedS3Server.start(this.directory, "127.0.0.1", 0, "key", "secret-key")) {
			assertThat(server.endpoint().getHost()).isEqualTo("127.0.0.1");
			assertThat(server.endpoint().getPort()).isPositive();
			assertThat(server.accessKey()).isEqualTo("key");
			assertThat(server.secretKey()).isEqualTo("secret-key");
		}
	}

	@Test
	void dataSurvivesARestartOnTheSameDirectory() throws IOException {
		byte[] content = "weights".repeat(1000).getBytes();
		String key;
		try (EmbeddedS3Server server = EmbeddedS3Server.start(this.directory, "127.0.0.1", 0, "key", "secret-key");
				S3BlobStore store = new S3BlobStore(
						S3Settings.of(server.endpoint(), "plugboard", "key", "secret-key"))) {
			store.ensureBucket();
			key = store.promote(store.stage(new ByteArrayInputStream(content), content.length));
		}

		try (EmbeddedS3Server server = EmbeddedS3Server.start(this.directory, "127.0.0.1", 0, "key", "secret-key");
				S3BlobStore store = new S3BlobStore(S3Settings.of(server.endpoint(), "plugboard", "key", "secret-key"));
				InputStream in = store.read(key, 0, -1)) {
			assertThat(in.readAllBytes()).isEqualTo(content);
			assertThat(store.list("blobs/")).extracting(BlobInfo::key).containsExactly(key);
		}
	}

	@Test
	void closeIsIdempotent() {
		EmbeddedS3Server server = EmbeddedS3Server.start(this.directory, "127.0.0.1", 0, "key", "secret-key");

		server.close();
		server.close();
	}

}
