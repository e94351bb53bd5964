package dev.plugboard.storage;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class S3SettingsTests {

	private static final URI ENDPOINT = URI.create("http://127.0.0.1:9000");

	@Test
	void missingRegionAndPartSizeFallBackToDefaults() {
		S3Settings settings = new S3Settings(ENDPOINT, "b", "k", "s", null, 0);

		assertThat(settings.region()).isEqualTo("us-east-1");
		assertThat(settings.partSize()).isEqualTo(16L * 1024 * 1024);
		assertThat(S3Settings.of(ENDPOINT, "b", "k", "s")).isEqualTo(settings);
	}

	@Test
	void partSizeMustBeWithinS3Limits() {
		assertThatIllegalArgumentException().isThrownBy(() -> new S3Settings(ENDPOINT, "b", "k", "s", null, 1024));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new S3Settings(ENDPOINT, "b", "k", "s", null, 6L * 1024 * 1024 * 1024));
	}

	@Test
	void toStringHidesTheSecretKey() {
		assertThat(S3Settings.of(ENDPOINT, "b", "k", "very-secret")).asString()
			.doesNotContain("very-secret")
			.contains("bucket=b");
	}

}
