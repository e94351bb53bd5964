package dev.plugboard.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes passing through and fails as soon as more than a limit have arrived,
 * so an oversized upload is cut off without reading the rest of it.
 */
final class SizeLimitingInputStream extends FilterInputStream {

	private final long limit;

	private long count;

	private boolean exceeded;

	SizeLimitingInputStream(InputStream in, long limit) {
		super(in);
		this.limit = limit;
	}

	long count() {
		return this.count;
	}

	boolean exceeded() {
		return this.exceeded;
	}

	@Override
	public int read() throws IOException {
		int b = super.read();
		if (b != -1) {
			advance(1);
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int n = super.read(buffer, offset, length);
		if (n > 0) {
			advance(n);
		}
		return n;
	}

	@Override
	public long skip(long n) throws IOException {
		// Skipped bytes would bypass the digest that wraps this stream.
		throw new IOException("skip is not supported");
	}

	@Override
	public boolean markSupported() {
		// A reset would make the same bytes count twice.
		return false;
	}

	@Override
	public void mark(int readLimit) {
	}

	@Override
	public void reset() throws IOException {
		throw new IOException("mark/reset is not supported");
	}

	private void advance(int n) throws IOException {
		this.count += n;
		if (this.count > this.limit) {
			this.exceeded = true;
			// An IOException, not BlobTooLargeException: the SDK treats it as a failed
			// read of the source and aborts its multipart upload.
			throw new IOException("Content exceeds the limit of " + this.limit + " bytes");
		}
	}

}
