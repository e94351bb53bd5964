package dev.plugboard.runtime;

import dev.plugboard.runtime.encoder.Pooling;

/** Pooling and cosine similarity in plain Java, for comparing against references. */
final class Pooled {

	private Pooled() {
	}

	static double[] of(float[][] states, long[] mask, Pooling pooling) {
		double[] out = new double[states[0].length];
		if (pooling == Pooling.CLS) {
			for (int h = 0; h < out.length; h++) {
				out[h] = states[0][h];
			}
			return out;
		}
		int count = 0;
		for (int t = 0; t < states.length; t++) {
			if (mask[t] == 0) {
				continue;
			}
			count++;
			for (int h = 0; h < out.length; h++) {
				out[h] += states[t][h];
			}
		}
		for (int h = 0; h < out.length; h++) {
			out[h] /= count;
		}
		return out;
	}

	static double cosine(double[] a, float[] b) {
		double dot = 0;
		double na = 0;
		double nb = 0;
		for (int i = 0; i < a.length; i++) {
			dot += a[i] * b[i];
			na += a[i] * a[i];
			nb += (double) b[i] * b[i];
		}
		return dot / Math.sqrt(na * nb);
	}

}
