package dev.plugboard.registry.hf;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Signs LFS upload URLs. Git LFS clients PUT to the {@code href} of the batch answer with
 * no credentials at all, so the URL itself must carry the permission: an HMAC over the
 * repository, the object's sha256, its size and an expiry, like a presigned S3 URL.
 */
@Component
class UploadSignatures {

	private final byte[] key;

	private final Clock clock;

	UploadSignatures(HuggingFaceProperties properties) {
		this.clock = Clock.systemUTC();
		if (properties.uploadSigningKey() != null && !properties.uploadSigningKey().isBlank()) {
			this.key = properties.uploadSigningKey().getBytes(StandardCharsets.UTF_8);
		}
		else {
			this.key = new byte[32];
			new SecureRandom().nextBytes(this.key);
		}
	}

	long expiry(java.time.Duration ttl) {
		return this.clock.instant().plus(ttl).getEpochSecond();
	}

	String sign(String repositoryId, String oid, long size, long expires) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
			String message = repositoryId + "\n" + oid + "\n" + size + "\n" + expires;
			return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

	/** True when the signature is this hub's and has not expired. */
	boolean valid(String repositoryId, String oid, long size, long expires, String signature) {
		if (signature == null || expires < this.clock.instant().getEpochSecond()) {
			return false;
		}
		byte[] expected = sign(repositoryId, oid, size, expires).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
	}

}
