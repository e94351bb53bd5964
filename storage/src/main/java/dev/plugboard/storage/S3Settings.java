package dev.plugboard.storage;

import java.net.URI;
import java.util.Objects;

/**
 * Connection settings for an S3-compatible server.
 *
 * @param endpoint the server's base URL, such as {@code http://127.0.0.1:9000}
 * @param bucket the bucket holding all objects
 * @param accessKey the access key id
 * @param secretKey the secret access key
 * @param region the signing region; {@code null} or blank means {@value #DEFAULT_REGION}
 * @param partSize the multipart part size for uploads of unknown length, which is also
 * the memory held per upload in flight; {@code 0} means {@link #DEFAULT_PART_SIZE}
 */
public record S3Settings(URI endpoint, String bucket, String accessKey, String secretKey, String region,
		long partSize) {

	/** The region used when none is given. */
	public static final String DEFAULT_REGION = "us-east-1";

	/** The part size used when none is given: 16 MiB. */
	public static final long DEFAULT_PART_SIZE = 16L * 1024 * 1024;

	// S3 rejects multipart parts outside these bounds (except the last part).
	private static final long MIN_PART_SIZE = 5L * 1024 * 1024;

	private static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;

	/**
	 * Validates the settings and fills in defaults.
	 * @throws IllegalArgumentException if the part size is outside S3's 5 MiB to 5 GiB
	 * range
	 * @throws NullPointerException if the endpoint, bucket or a key is missing
	 */
	public S3Settings {
		Objects.requireNonNull(endpoint, "endpoint");
		Objects.requireNonNull(bucket, "bucket");
		Objects.requireNonNull(accessKey, "accessKey");
		Objects.requireNonNull(secretKey, "secretKey");
		if (region == null || region.isBlank()) {
			region = DEFAULT_REGION;
		}
		if (partSize == 0) {
			partSize = DEFAULT_PART_SIZE;
		}
		if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
			throw new IllegalArgumentException(
					"Part size must be between " + MIN_PART_SIZE + " and " + MAX_PART_SIZE + " bytes: " + partSize);
		}
	}

	/**
	 * Creates settings with the default region and part size.
	 * @param endpoint the server's base URL
	 * @param bucket the bucket holding all objects
	 * @param accessKey the access key id
	 * @param secretKey the secret access key
	 * @return the settings
	 */
	public static S3Settings of(URI endpoint, String bucket, String accessKey, String secretKey) {
		return new S3Settings(endpoint, bucket, accessKey, secretKey, DEFAULT_REGION, DEFAULT_PART_SIZE);
	}

	@Override
	public String toString() {
		// Settings end up in logs and error messages; the secret must not.
		return "S3Settings[endpoint=" + this.endpoint + ", bucket=" + this.bucket + ", accessKey=" + this.accessKey
				+ ", secretKey=****, region=" + this.region + ", partSize=" + this.partSize + "]";
	}

}
