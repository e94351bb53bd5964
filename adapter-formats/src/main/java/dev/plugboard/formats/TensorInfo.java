package dev.plugboard.formats;

import java.util.List;
import java.util.Objects;

/**
 * One tensor entry of a safetensors header.
 *
 * @param name the tensor name
 * @param dtype the element type
 * @param shape the dimensions, each non-negative; empty for a scalar
 * @param begin offset of the first byte in the data buffer (which starts right after the
 * header)
 * @param end offset one past the last byte in the data buffer
 */
public record TensorInfo(String name, Dtype dtype, List<Long> shape, long begin, long end) {

	public TensorInfo {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(dtype, "dtype");
		shape = List.copyOf(shape);
	}

	/**
	 * Returns the number of elements: the product of the dimensions, 1 for a scalar.
	 * @return the element count
	 * @throws ArithmeticException if the product overflows, which cannot happen for
	 * entries of a {@link SafetensorsHeader}
	 */
	public long elementCount() {
		long count = 1;
		for (long dimension : this.shape) {
			count = Math.multiplyExact(count, dimension);
		}
		return count;
	}

}
