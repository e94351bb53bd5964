package dev.plugboard.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.minio.BucketExistsArgs;
import io.minio.CopyObjectArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import org.apache.commons.io.input.ReadAheadInputStream;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.SourceObject;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.MinioException;
import io.minio.messages.Item;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BlobStore} on any S3-compatible server, through the MinIO SDK. All objects
 * live in one bucket. Thread-safe; close it to release its HTTP connections.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(S3BlobStore.class);

	// S3 refuses presigned URLs valid for longer than a week.
	private static final Duration MAX_PRESIGN_TTL = Duration.ofDays(7);

	private final S3Settings settings;

	private final MinioClient client;

	private final IncompleteUploads incompleteUploads;

	/**
	 * Creates a store. No request is made until the first operation.
	 * @param settings where and how to connect
	 */
	/** Below this, content is read whole and sent in one PUT of known length. */
	static final int SMALL_OBJECT_BYTES = 1 << 20;

	private final Semaphore streamingUploads;

	public S3BlobStore(S3Settings settings) {
		this.settings = Objects.requireNonNull(settings, "settings");
		long perUpload = 3 * settings.partSize();
		this.streamingUploads = new Semaphore(
				(int) Math.max(1, Math.min(64, Runtime.getRuntime().maxMemory() / 2 / perUpload)), true);
		// One connection pool for both clients; the blocking client closes it.
		OkHttpClient http = Http.newDefaultClient();
		this.client = MinioClient.builder()
			.endpoint(settings.endpoint().toString())
			.region(settings.region())
			.credentials(settings.accessKey(), settings.secretKey())
			.httpClient(http, true)
			.build();
		// The blocking client does not expose the multipart API needed for clean-up.
		MinioAsyncClient multipart = MinioAsyncClient.builder()
			.endpoint(settings.endpoint().toString())
			.region(settings.region())
			.credentials(settings.accessKey(), settings.secretKey())
			.httpClient(http, false)
			.build();
		this.incompleteUploads = new IncompleteUploads(multipart, settings.bucket());
	}

	/**
	 * Creates the bucket unless it exists already. Safe to call concurrently and
	 * repeatedly.
	 * @throws StorageException if the bucket cannot be checked or created
	 */
	public void ensureBucket() {
		String bucket = this.settings.bucket();
		boolean exists = S3Calls.call("Checking bucket", bucket,
				() -> this.client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()));
		if (exists) {
			return;
		}
		try {
			this.client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
			log.info("Created bucket {} at {}", bucket, this.settings.endpoint());
		}
		catch (MinioException ex) {
			// Another instance may have created it between the check and now.
			if (!S3Calls.hasCode(ex, "BucketAlreadyOwnedByYou")) {
				throw S3Calls.translate("Creating bucket", bucket, ex);
			}
		}
	}

	@Override
	public StagedBlob stage(InputStream content, long maxBytes) {
		Objects.requireNonNull(content, "content");
		if (maxBytes < 0) {
			throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
		}
		String key = Keys.STAGING_PREFIX + UUID.randomUUID();
		MessageDigest sha256 = sha256();
		SizeLimitingInputStream limited = new SizeLimitingInputStream(new DigestInputStream(content, sha256), maxBytes);
		try {
			// Most adapter files (configs, READMEs, small weights) fit in one small read:
			// one
			// PUT of known length, none of the per-part buffers of the streaming path.
			byte[] head = limited.readNBytes(SMALL_OBJECT_BYTES);
			if (head.length < SMALL_OBJECT_BYTES) {
				put(key, new ByteArrayInputStream(head), head.length);
			}
			else {
				putStreaming(key, new SequenceInputStream(new ByteArrayInputStream(head), limited));
			}
		}
		catch (MinioException | IOException | RuntimeException ex) {
			removeAfterFailedUpload(key, ex);
			if (limited.exceeded()) {
				throw new BlobTooLargeException(maxBytes);
			}
			throw S3Calls.translate("Staging upload", key, ex);
		}
		return new StagedBlob(key, HexFormat.of().formatHex(sha256.digest()), limited.count());
	}

	/**
	 * A stream of unknown length, in parts. The SDK reads a part, then sends it, then
	 * reads the next: without read-ahead the client's upload would stall while each part
	 * goes to storage. A background reader (which also does the hashing, on the other
	 * core) keeps receiving the next part meanwhile. Each such upload holds about two
	 * part sizes of heap (the SDK's part buffer and the read-ahead), so their number is
	 * bounded: uploads beyond it wait for a turn rather than exhaust the heap.
	 */
	private void putStreaming(String key, InputStream content) throws MinioException, IOException {
		try {
			this.streamingUploads.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while waiting for an upload slot", ex);
		}
		try (InputStream ahead = ReadAheadInputStream.builder()
			.setInputStream(content)
			.setBufferSize((int) Math.min(Integer.MAX_VALUE, this.settings.partSize() / 2))
			.get()) {
			this.client.putObject(PutObjectArgs.builder()
				.bucket(this.settings.bucket())
				.object(key)
				.stream(ahead, -1L, this.settings.partSize())
				.contentType("application/octet-stream")
				.build());
		}
		finally {
			this.streamingUploads.release();
		}
	}

	private void put(String key, InputStream content, long length) throws MinioException {
		this.client.putObject(PutObjectArgs.builder()
			.bucket(this.settings.bucket())
			.object(key)
			.stream(content, length, -1L)
			.contentType("application/octet-stream")
			.build());
	}

	private void removeAfterFailedUpload(String key, Exception failure) {
		// The SDK aborts its own multipart upload, but not if that abort request fails
		// too; an orphaned upload would hold up to maxBytes of parts indefinitely.
		try {
			this.incompleteUploads.abort(key);
			remove(key);
		}
		catch (StorageException ex) {
			failure.addSuppressed(ex);
			log.warn("Could not clean up failed upload {}; sweepStaging will retry", key, ex);
		}
	}

	@Override
	public String promote(StagedBlob staged) {
		String contentKey = BlobStore.contentKey(staged.sha256());
		if (stat(contentKey).isEmpty()) {
			SourceObject source = SourceObject.builder().bucket(this.settings.bucket()).object(staged.key()).build();
			try {
				S3Calls.call("Promoting", staged.key(),
						() -> this.client.copyObject(CopyObjectArgs.builder()
							.bucket(this.settings.bucket())
							.object(contentKey)
							.source(source)
							.build()));
			}
			catch (BlobNotFoundException ex) {
				// A concurrent promote of the same staged blob (a retried request) may
				// have copied and removed the staging object in the meantime.
				if (stat(contentKey).isEmpty()) {
					throw ex;
				}
			}
		}
		remove(staged.key());
		return contentKey;
	}

	@Override
	public void discard(StagedBlob staged) {
		remove(staged.key());
	}

	@Override
	public Optional<BlobInfo> stat(String key) {
		Keys.requireKey(key);
		try {
			StatObjectResponse response = S3Calls.call("Reading metadata", key, () -> this.client
				.statObject(StatObjectArgs.builder().bucket(this.settings.bucket()).object(key).build()));
			return Optional.of(new BlobInfo(key, response.size(), response.lastModified().toInstant()));
		}
		catch (BlobNotFoundException ex) {
			return Optional.empty();
		}
	}

	@Override
	public InputStream read(String key, long offset, long length) {
		Keys.requireKey(key);
		if (offset < 0) {
			throw new IllegalArgumentException("offset must not be negative: " + offset);
		}
		if (length == 0) {
			// S3 has no byte range for zero bytes; still honour the not-found contract.
			if (stat(key).isEmpty()) {
				throw new BlobNotFoundException(key);
			}
			return InputStream.nullInputStream();
		}
		GetObjectArgs.Builder args = GetObjectArgs.builder().bucket(this.settings.bucket()).object(key);
		if (offset > 0) {
			args.offset(offset);
		}
		if (length > 0) {
			args.offset(offset).length(length);
		}
		return S3Calls.call("Reading", key, () -> this.client.getObject(args.build()));
	}

	@Override
	public void delete(String key) {
		remove(Keys.requireKey(key));
	}

	@Override
	public URI presignedGet(String key, Duration ttl, String downloadName) {
		Keys.requireKey(key);
		Objects.requireNonNull(ttl, "ttl");
		if (ttl.toSeconds() < 1 || ttl.compareTo(MAX_PRESIGN_TTL) > 0) {
			throw new IllegalArgumentException("ttl must be between 1 second and 7 days: " + ttl);
		}
		Map<String, String> overrides = (downloadName != null)
				? Map.of("response-content-disposition", ContentDisposition.attachment(downloadName)) : Map.of();
		String url = S3Calls.call("Presigning", key,
				() -> this.client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
					.method(Http.Method.GET)
					.bucket(this.settings.bucket())
					.object(key)
					.expiry((int) ttl.toSeconds(), TimeUnit.SECONDS)
					.extraQueryParams(overrides)
					.build()));
		return URI.create(url);
	}

	@Override
	public List<BlobInfo> list(String prefix) {
		Objects.requireNonNull(prefix, "prefix");
		Iterable<Result<Item>> results = this.client.listObjects(
				ListObjectsArgs.builder().bucket(this.settings.bucket()).prefix(prefix).recursive(true).build());
		List<BlobInfo> blobs = new ArrayList<>();
		S3Calls.run("Listing", prefix, () -> {
			for (Result<Item> result : results) {
				Item item = result.get();
				if (!item.isDir() && !item.isDeleteMarker()) {
					blobs.add(new BlobInfo(item.objectName(), item.size(), item.lastModified().toInstant()));
				}
			}
		});
		return blobs;
	}

	@Override
	public int sweepStaging(Instant olderThan) {
		Objects.requireNonNull(olderThan, "olderThan");
		int removed = 0;
		for (BlobInfo blob : list(Keys.STAGING_PREFIX)) {
			if (blob.lastModified().isBefore(olderThan)) {
				remove(blob.key());
				removed++;
			}
		}
		try {
			int aborted = this.incompleteUploads.abortStarted(Keys.STAGING_PREFIX, olderThan);
			if (aborted > 0) {
				log.info("Aborted {} incomplete staging uploads", aborted);
			}
		}
		catch (StorageException ex) {
			// Not every S3-compatible server lists multipart uploads; the objects that
			// the contract is about have been swept regardless.
			log.warn("Could not sweep incomplete multipart uploads", ex);
		}
		return removed;
	}

	/**
	 * Releases the HTTP connections. The store must not be used afterwards.
	 */
	@Override
	public void close() {
		try {
			this.client.close();
		}
		catch (Exception ex) {
			throw new StorageException("Closing the S3 client failed", ex);
		}
	}

	@Override
	public String toString() {
		return "S3BlobStore[" + this.settings.endpoint() + "/" + this.settings.bucket() + "]";
	}

	private void remove(String key) {
		// S3 deletes are idempotent: a missing key is not an error.
		S3Calls.run("Deleting", key, () -> this.client
			.removeObject(RemoveObjectArgs.builder().bucket(this.settings.bucket()).object(key).build()));
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform provides SHA-256", ex);
		}
	}

}
