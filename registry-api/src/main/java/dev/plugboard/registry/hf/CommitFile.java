package dev.plugboard.registry.hf;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.plugboard.storage.BlobStore;

/**
 * The content of one file of a commit: sent inline, or already in storage (uploaded over
 * LFS, or carried over from the parent version).
 */
sealed interface CommitFile {

	String sha256();

	InputStream open(BlobStore blobs);

	/** Bytes sent inline in the commit. */
	record Inline(byte[] bytes, String sha256) implements CommitFile {

		static Inline of(byte[] bytes) {
			try {
				return new Inline(bytes, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("SHA-256 is part of every JDK", ex);
			}
		}

		@Override
		public InputStream open(BlobStore blobs) {
			return new ByteArrayInputStream(this.bytes);
		}

	}

	/** A blob in storage under its key. */
	record Stored(String key, String sha256) implements CommitFile {

		@Override
		public InputStream open(BlobStore blobs) {
			return blobs.read(this.key, 0, -1);
		}

	}

}
