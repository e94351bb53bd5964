package dev.plugboard.runtime.weights;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named float32 tensor held in Java memory, in row-major order: what weight files are
 * read into before they become NDArrays, and what is written back out.
 *
 * @param name the tensor's name in its file
 * @param shape the dimensions
 * @param data the elements, row-major
 */
public record HostTensor(String name, long[] shape, float[] data) {

	public HostTensor {
		Objects.requireNonNull(name, "name");
		shape = shape.clone();
		long elements = 1;
		for (long dimension : shape) {
			elements = Math.multiplyExact(elements, dimension);
		}
		if (elements != data.length) {
			throw new IllegalArgumentException(
					"Tensor " + name + " of shape " + Arrays.toString(shape) + " has " + data.length + " elements");
		}
	}

	/** Returns the dimensions (a copy). */
	@Override
	public long[] shape() {
		return this.shape.clone();
	}

	/** Returns the shape as text, {@code [384, 4]}. */
	public String shapeText() {
		return Arrays.toString(this.shape);
	}

	/** Returns this two-dimensional tensor transposed, under another name. */
	public HostTensor transposed(String newName) {
		if (this.shape.length != 2) {
			throw new IllegalArgumentException("Only matrices transpose; " + this.name + " is " + shapeText());
		}
		int rows = (int) this.shape[0];
		int columns = (int) this.shape[1];
		float[] out = new float[this.data.length];
		for (int r = 0; r < rows; r++) {
			for (int c = 0; c < columns; c++) {
				out[c * rows + r] = this.data[r * columns + c];
			}
		}
		return new HostTensor(newName, new long[] { columns, rows }, out);
	}

}
