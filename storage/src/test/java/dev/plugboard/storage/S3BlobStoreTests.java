package dev.plugboard.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.minio.CreateMultipartUploadArgs;
import io.minio.ListMultipartUploadsArgs;
import io.minio.MinioAsyncClient;
import io.minio.messages.ListMultipartUploadsResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Runs the {@link BlobStore} contract against a real S3 server, the embedded S3Proxy on
 * the loopback interface. All tests share one store, as an application would.
 */
class S3BlobStoreTests extends BlobStoreContractTests {

	private static final String ACCESS_KEY = "test-access";

	private static final String SECRET_KEY = "test-secret-key-0123456789";

	private static final String BUCKET = "contract";

	@TempDir
	static Path directory;

	private static EmbeddedS3Server server;

	private static S3BlobStore store;

	// Sees what object listings hide: multipart uploads in progress.
	private static MinioAsyncClient admin;

	@BeforeAll
	static void startServer() {
		server = EmbeddedS3Server.start(directory, "127.0.0.1", 0, ACCESS_KEY, SECRET_KEY);
		store = new S3BlobStore(new S3Settings(server.endpoint(), BUCKET, ACCESS_KEY, SECRET_KEY, "us-east-1",
				S3Settings.DEFAULT_PART_SIZE));
		store.ensureBucket();
		admin = MinioAsyncClient.builder()
			.endpoint(server.endpoint().toString())
			.region("us-east-1")
			.credentials(ACCESS_KEY, SECRET_KEY)
			.build();
	}

	@AfterAll
	static void stopServer() {
		admin.close();
		store.close();
		server.close();
	}

	@Override
	protected BlobStore blobStore() {
		return store;
	}

	@Test
	void ensureBucketToleratesAnExistingBucket() {
		store.ensureBucket();

		assertThat(Files.isDirectory(directory.resolve(BUCKET))).isTrue();
	}

	@Test
	void oversizedMultipartUploadLeavesNoPartsBehind() throws IOException {
		List<Path> filesBefore = filesInBucket();
		// Past the first part, so a multipart upload is in flight when the limit trips.
		long maxBytes = S3Settings.DEFAULT_PART_SIZE + 1024 * 1024;

		assertThatExceptionOfType(BlobTooLargeException.class)
			.isThrownBy(() -> store.stage(new ByteArrayInputStream(randomBytes(LARGE_SIZE, 30)), maxBytes));

		assertThat(incompleteUploads()).isEmpty();
		assertThat(filesInBucket()).isEqualTo(filesBefore);
	}

	@Test
	void sweepStagingAbortsStaleIncompleteUploads() {
		String key = "staging/crashed-upload";
		admin.createMultipartUpload(CreateMultipartUploadArgs.builder().bucket(BUCKET).object(key).build()).join();

		store.sweepStaging(Instant.now().minus(Duration.ofHours(1)));
		assertThat(incompleteUploads()).extracting(ListMultipartUploadsResult.Upload::objectName).containsExactly(key);

		store.sweepStaging(Instant.now().plus(Duration.ofMinutes(1)));
		assertThat(incompleteUploads()).isEmpty();
	}

	@Test
	void wrongCredentialsAreReportedAsStorageException() {
		S3Settings wrong = new S3Settings(server.endpoint(), BUCKET, ACCESS_KEY, "not-the-secret", null, 0);
		try (S3BlobStore impostor = new S3BlobStore(wrong)) {
			assertThatExceptionOfType(StorageException.class).isThrownBy(() -> impostor.stat("blobs/x"))
				.isNotInstanceOf(BlobNotFoundException.class);
		}
	}

	private static List<ListMultipartUploadsResult.Upload> incompleteUploads() {
		List<ListMultipartUploadsResult.Upload> uploads = admin
			.listMultipartUploads(ListMultipartUploadsArgs.builder().bucket(BUCKET).build())
			.join()
			.result()
			.uploads();
		return (uploads != null) ? uploads : List.of();
	}

	private static List<Path> filesInBucket() throws IOException {
		try (Stream<Path> files = Files.walk(directory.resolve(BUCKET))) {
			return files.filter(Files::isRegularFile).sorted().toList();
		}
	}

}
