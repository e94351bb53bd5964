package dev.plugboard.registry.system;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Object storage settings. Without {@code s3.endpoint} the hub starts its own S3 server
 * under the data directory.
 *
 * @param downloadMode {@code proxy} streams bytes through the hub, {@code redirect}
 * answers 302 to a presigned storage URL
 * @param presignTtl how long presigned download URLs stay valid
 * @param sweepGrace staging objects and unreferenced blobs older than this are removed by
 * the periodic sweep
 * @param s3 the external S3-compatible server
 */
@ConfigurationProperties("plugboard.storage")
public record StorageProperties(@DefaultValue("proxy") DownloadMode downloadMode,
		@DefaultValue("15m") Duration presignTtl, @DefaultValue("1h") Duration sweepGrace, @DefaultValue S3 s3) {

	public enum DownloadMode {

		PROXY, REDIRECT

	}

	/**
	 * @param endpoint the S3 endpoint; unset means the embedded server
	 * @param bucket created when missing
	 * @param partSize multipart part size for uploads of unknown length (memory per
	 * upload in flight)
	 */
	public record S3(URI endpoint, @DefaultValue("plugboard") String bucket, String accessKey, String secretKey,
			@DefaultValue("us-east-1") String region, @DefaultValue("16MB") DataSize partSize) {
	}

}
