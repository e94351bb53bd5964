package dev.plugboard.search;

/**
 * Small vector helpers.
 */
final class Vectors {

	private Vectors() {
	}

	/**
	 * Scales a vector to unit length in place; a zero vector stays zero.
	 * @param vector the vector
	 * @return the same array
	 */
	static float[] normalize(float[] vector) {
		double sum = 0;
		for (float v : vector) {
			sum += v * v;
		}
		if (sum > 0) {
			float scale = (float) (1 / Math.sqrt(sum));
			for (int i = 0; i < vector.length; i++) {
				vector[i] *= scale;
			}
		}
		return vector;
	}

	static double dot(float[] a, float[] b) {
		double sum = 0;
		for (int i = 0; i < a.length; i++) {
			sum += a[i] * b[i];
		}
		return sum;
	}

}
