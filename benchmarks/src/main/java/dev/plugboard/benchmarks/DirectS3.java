package dev.plugboard.benchmarks;

import java.io.InputStream;
import java.net.URI;
import java.util.concurrent.TimeUnit;

import dev.plugboard.storage.EmbeddedS3Server;
import io.minio.CopyObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.SourceObject;
import io.minio.StatObjectArgs;
import io.minio.errors.MinioException;

/**
 * The baseline: the same S3 server the hub uses, talked to without the hub, with the SDK
 * the hub itself uses.
 */
final class DirectS3 implements AutoCloseable {

	/**
	 * The hub stages uploads of unknown length in parts of this size (its default
	 * plugboard.storage.s3.part-size); the direct put uses the same so both sides make
	 * the same number of S3 requests and only the hub's own work differs.
	 */
	static final long PART_SIZE = 16L * 1024 * 1024;

	private final MinioClient client;

	DirectS3(EmbeddedS3Server server) {
		this.client = MinioClient.builder()
			.endpoint(server.endpoint().toString())
			.region("us-east-1")
			.credentials(server.accessKey(), server.secretKey())
			.build();
	}

	/** The key the hub gives a published file's bytes (content addressed). */
	static String contentKey(String sha256) {
		return "blobs/sha256/" + sha256.substring(0, 2) + "/" + sha256.substring(2, 4) + "/" + sha256;
	}

	void put(String key, InputStream content, long size) throws MinioException {
		this.client.putObject(PutObjectArgs.builder()
			.bucket(BackingServices.BUCKET)
			.object(key)
			.stream(content, size, PART_SIZE)
			.contentType("application/octet-stream")
			.build());
	}

	long size(String key) throws MinioException {
		return this.client.statObject(StatObjectArgs.builder().bucket(BackingServices.BUCKET).object(key).build())
			.size();
	}

	/**
	 * A plain-HTTP URL for the object, so the download uses the same client as the hub's.
	 */
	URI presignedGet(String key) throws MinioException {
		return URI.create(this.client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
			.method(Http.Method.GET)
			.bucket(BackingServices.BUCKET)
			.object(key)
			.expiry(1, TimeUnit.HOURS)
			.build()));
	}

	/** A server-side copy, the operation the hub's promote step asks S3 for. */
	void copy(String source, String target) throws MinioException {
		this.client.copyObject(CopyObjectArgs.builder()
			.bucket(BackingServices.BUCKET)
			.object(target)
			.source(SourceObject.builder().bucket(BackingServices.BUCKET).object(source).build())
			.build());
	}

	void remove(String key) throws MinioException {
		this.client.removeObject(RemoveObjectArgs.builder().bucket(BackingServices.BUCKET).object(key).build());
	}

	@Override
	public void close() throws Exception {
		this.client.close();
	}

}
