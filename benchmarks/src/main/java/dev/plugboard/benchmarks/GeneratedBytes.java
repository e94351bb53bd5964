package dev.plugboard.benchmarks;

import java.io.InputStream;
import java.util.SplittableRandom;

/**
 * A reproducible stream of incompressible-looking bytes of any length, produced on the
 * fly so a gigabyte never sits in memory or on disk on the client side. One random 1 MiB
 * block per seed, with each block's first 8 bytes replaced by its index: blocks differ,
 * seeds differ, and producing a byte costs a memory copy, which keeps the generator from
 * competing with the hub for the two CPUs.
 */
final class GeneratedBytes extends InputStream {

	private static final int BLOCK = 1 << 20;

	private final byte[] block = new byte[BLOCK];

	private final byte[] stamp = new byte[Long.BYTES];

	private final long length;

	private long position;

	GeneratedBytes(long seed, long length) {
		this.length = length;
		SplittableRandom random = new SplittableRandom(seed);
		for (int i = 0; i < BLOCK; i += Long.BYTES) {
			long value = random.nextLong();
			for (int b = 0; b < Long.BYTES; b++) {
				this.block[i + b] = (byte) (value >>> (8 * b));
			}
		}
	}

	@Override
	public int read() {
		byte[] one = new byte[1];
		return (read(one, 0, 1) == -1) ? -1 : (one[0] & 0xff);
	}

	@Override
	public int read(byte[] buffer, int offset, int count) {
		if (count == 0) {
			return 0;
		}
		long remaining = this.length - this.position;
		if (remaining <= 0) {
			return -1;
		}
		int inBlock = (int) (this.position & (BLOCK - 1));
		int n = (int) Math.min(Math.min(count, BLOCK - inBlock), remaining);
		System.arraycopy(this.block, inBlock, buffer, offset, n);
		if (inBlock < Long.BYTES) {
			long index = this.position >>> 20;
			for (int b = 0; b < Long.BYTES; b++) {
				this.stamp[b] = (byte) (index >>> (8 * b));
			}
			int stamped = Math.min(n, Long.BYTES - inBlock);
			System.arraycopy(this.stamp, inBlock, buffer, offset, stamped);
		}
		this.position += n;
		return n;
	}

	@Override
	public int available() {
		return (int) Math.min(Integer.MAX_VALUE, this.length - this.position);
	}

	@Override
	public long skip(long n) {
		long skipped = Math.max(0, Math.min(n, this.length - this.position));
		this.position += skipped;
		return skipped;
	}

}
