package dev.plugboard.formats;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The element types of the safetensors format, named as in its header. Multi-byte types
 * are little-endian.
 */
public enum Dtype {

	/** Boolean, one byte per element. */
	BOOL(8),
	/** Unsigned 8-bit integer. */
	U8(8),
	/** Signed 8-bit integer. */
	I8(8),
	/** 8-bit float, 5 exponent and 2 mantissa bits. */
	F8_E5M2(8),
	/** 8-bit float, 4 exponent and 3 mantissa bits. */
	F8_E4M3(8),
	/** 8-bit exponent-only scale (microscaling formats). */
	F8_E8M0(8),
	/** Signed 16-bit integer. */
	I16(16),
	/** Unsigned 16-bit integer. */
	U16(16),
	/** IEEE half precision. */
	F16(16),
	/** bfloat16. */
	BF16(16),
	/** Signed 32-bit integer. */
	I32(32),
	/** Unsigned 32-bit integer. */
	U32(32),
	/** IEEE single precision. */
	F32(32),
	/** IEEE double precision. */
	F64(64),
	/** Signed 64-bit integer. */
	I64(64),
	/** Unsigned 64-bit integer. */
	U64(64),
	/** 4-bit float; a tensor's total bit count must be a multiple of 8. */
	F4(4),
	/**
	 * 6-bit float, 2 exponent and 3 mantissa bits; total bits must be a multiple of 8.
	 */
	F6_E2M3(6),
	/**
	 * 6-bit float, 3 exponent and 2 mantissa bits; total bits must be a multiple of 8.
	 */
	F6_E3M2(6);

	private static final Map<String, Dtype> BY_NAME = Arrays.stream(values())
		.collect(Collectors.toUnmodifiableMap(Dtype::name, Function.identity()));

	private final int bits;

	Dtype(int bits) {
		this.bits = bits;
	}

	/**
	 * Returns the size of one element.
	 * @return the number of bits per element: 4, 6, 8, 16, 32 or 64
	 */
	public int bits() {
		return this.bits;
	}

	/**
	 * Looks a dtype up by its exact (case-sensitive) header name, such as {@code "F32"}.
	 * @param name the name from a safetensors header, may be {@code null}
	 * @return the dtype, or empty if the name is unknown
	 */
	public static Optional<Dtype> of(String name) {
		return Optional.ofNullable((name != null) ? BY_NAME.get(name) : null);
	}

}
