package dev.plugboard.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

import dev.plugboard.storage.EmbeddedS3Server;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL server and the S3 server the hub is pointed at. They run outside the hub
 * process so the hub's memory numbers are its own, and so the benchmark can read the very
 * objects the hub wrote (the direct S3 baseline) and seed its tables.
 */
record BackingServices(EmbeddedPostgres postgres, EmbeddedS3Server s3) {

	static final String BUCKET = "plugboard";

	static BackingServices start(Path directory, Cleanup cleanup) throws IOException {
		EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setServerConfig("listen_addresses", "127.0.0.1")
			.setPGStartupWait(Duration.ofSeconds(60))
			.start();
		cleanup.add("stop PostgreSQL", postgres::close);
		EmbeddedS3Server s3 = EmbeddedS3Server.start(directory.resolve("s3"), "127.0.0.1", 0, "bench-" + randomHex(6),
				randomHex(24));
		cleanup.add("stop the S3 server", s3::close);
		return new BackingServices(postgres, s3);
	}

	String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + this.postgres.getPort() + "/postgres";
	}

	private static String randomHex(int bytes) {
		byte[] random = new byte[bytes];
		new SecureRandom().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

}
