package dev.plugboard.registry.system;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

import dev.plugboard.storage.BlobStore;
import dev.plugboard.storage.EmbeddedS3Server;
import dev.plugboard.storage.S3BlobStore;
import dev.plugboard.storage.S3Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Object storage: the same MinIO-SDK code path talks either to an external S3-compatible
 * server or to the embedded one under {@code <data-dir>/objects}.
 */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

	private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

	@Bean(destroyMethod = "close")
	@ConditionalOnExpression("'${plugboard.storage.s3.endpoint:}'.isEmpty()")
	EmbeddedS3Server embeddedS3Server(HubProperties hub) {
		Path directory = hub.dataDir().resolve("objects").toAbsolutePath();
		// Fresh credentials each start: only this process talks to the embedded server.
		String accessKey = "plugboard-" + randomHex(8);
		String secretKey = randomHex(32);
		EmbeddedS3Server server = EmbeddedS3Server.start(directory, "127.0.0.1", 0, accessKey, secretKey);
		log.info("Embedded S3 server at {} with objects in {}", server.endpoint(), directory);
		return server;
	}

	@Bean
	BlobStore blobStore(StorageProperties properties, ObjectProvider<EmbeddedS3Server> embedded) {
		StorageProperties.S3 s3 = properties.s3();
		EmbeddedS3Server server = embedded.getIfAvailable();
		S3Settings settings;
		if (server != null) {
			settings = new S3Settings(server.endpoint(), s3.bucket(), server.accessKey(), server.secretKey(),
					s3.region(), s3.partSize().toBytes());
		}
		else {
			settings = new S3Settings(URI.create(s3.endpoint().toString()), s3.bucket(), s3.accessKey(), s3.secretKey(),
					s3.region(), s3.partSize().toBytes());
		}
		S3BlobStore store = new S3BlobStore(settings);
		store.ensureBucket();
		return store;
	}

	private static String randomHex(int bytes) {
		byte[] random = new byte[bytes];
		new SecureRandom().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

}
