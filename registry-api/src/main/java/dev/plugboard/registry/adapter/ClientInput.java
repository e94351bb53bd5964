package dev.plugboard.registry.adapter;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Remembers whether reading the client's upload failed (a truncated body, a damaged
 * archive), so that such a failure is reported as the client's problem and not as a
 * storage outage, whatever the storage code wraps it in.
 */
public final class ClientInput extends FilterInputStream {

	private IOException failure;

	public ClientInput(InputStream in) {
		super(in);
	}

	/** The failure reading the client's stream, or null. */
	public IOException failure() {
		return this.failure;
	}

	@Override
	public int read() throws IOException {
		try {
			return super.read();
		}
		catch (IOException ex) {
			this.failure = ex;
			throw ex;
		}
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		try {
			return super.read(b, off, len);
		}
		catch (IOException ex) {
			this.failure = ex;
			throw ex;
		}
	}

	@Override
	public void close() {
		// The caller owns the underlying stream (a multipart part or an archive entry).
	}

}
