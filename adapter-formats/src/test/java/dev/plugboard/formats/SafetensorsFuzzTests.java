package dev.plugboard.formats;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and corrupted input never makes the parsers fail with anything but
 * {@link FormatException}: no out-of-memory error, no NullPointerException, no
 * IllegalArgumentException.
 */
class SafetensorsFuzzTests {

	private static final int TRIES = 500;

	private static final byte[] VALID = validFile();

	@Property(tries = TRIES)
	void truncatedFilesAreRejectedCleanly(@ForAll("validFiles") byte[] file, @ForAll @IntRange(min = 0) int cut) {
		int length = cut % file.length;
		byte[] truncated = Arrays.copyOf(file, length);
		assertOnlyFormatException(truncated, truncated.length);
		// The same prefix, but the caller still claims the full size: the stream just
		// ends.
		assertOnlyFormatException(truncated, file.length);
	}

	@Property(tries = TRIES)
	void bitFlipsAreAcceptedOrRejectedCleanly(@ForAll("validFiles") byte[] file,
			@ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0) Integer> positions) {
		byte[] flipped = file.clone();
		for (int position : positions) {
			int bit = position % (flipped.length * 8);
			flipped[bit / 8] ^= (byte) (1 << (bit % 8));
		}
		assertOnlyFormatException(flipped, flipped.length);
	}

	@Property(tries = TRIES)
	void headerEditsAreAcceptedOrRejectedCleanly(@ForAll @IntRange(min = 0) int position,
			@ForAll("jsonCharacters") char replacement, @ForAll boolean insert) {
		String header = new String(VALID, 8, headerLength(VALID), StandardCharsets.UTF_8);
		int at = position % header.length();
		String edited = insert ? header.substring(0, at) + replacement + header.substring(at)
				: header.substring(0, at) + replacement + header.substring(at + 1);
		byte[] json = edited.getBytes(StandardCharsets.UTF_8);
		byte[] file = SafetensorsFiles.withHeader(json, VALID.length - 8 - headerLength(VALID));
		assertOnlyFormatException(file, file.length);
	}

	@Property(tries = TRIES)
	void hugeDeclaredHeaderLengthsAreRejectedWithoutAllocating(@ForAll long declared,
			@ForAll @Size(max = 64) byte[] rest, @ForAll @LongRange(min = 0) long claimedSize) {
		byte[] file = ByteBuffer.allocate(8 + rest.length)
			.order(ByteOrder.LITTLE_ENDIAN)
			.putLong(declared)
			.put(rest)
			.array();
		assertOnlyFormatException(file, claimedSize);
		assertOnlyFormatException(file, file.length);
	}

	@Property(tries = TRIES)
	void randomBytesAreRejectedCleanly(@ForAll @Size(max = 512) byte[] bytes) {
		assertOnlyFormatException(bytes, bytes.length);
	}

	@Property(tries = TRIES)
	void randomBytesBehindAPlausibleLengthAreRejectedCleanly(@ForAll @Size(max = 512) byte[] bytes) {
		byte[] file = SafetensorsFiles.withHeader(bytes, 0);
		assertOnlyFormatException(file, file.length);
	}

	@Property(tries = TRIES)
	void writtenFilesReadBackUnchanged(@ForAll("tensorMaps") Map<String, SafetensorsWriter.Tensor> tensors) {
		SafetensorsHeader header = SafetensorsFiles.read(SafetensorsFiles.write(tensors, Map.of("k", "v")));
		assertThat(header.tensors().keySet()).containsExactlyInAnyOrderElementsOf(tensors.keySet());
		tensors.forEach((name, tensor) -> {
			TensorInfo info = header.tensors().get(name);
			assertThat(info.dtype()).isEqualTo(tensor.dtype());
			assertThat(info.shape()).isEqualTo(tensor.shape());
			assertThat(info.end() - info.begin()).isEqualTo(tensor.data().length);
		});
		assertThat(header.metadata()).containsExactly(Map.entry("k", "v"));
	}

	@Property(tries = TRIES)
	void adapterConfigsRejectRandomBytesCleanly(@ForAll @Size(max = 256) byte[] bytes) {
		try {
			AdapterConfigs.parse(bytes);
		}
		catch (FormatException expected) {
			assertThat(expected.kind()).isEqualTo("invalid-adapter-config");
		}
	}

	@Property(tries = TRIES)
	void adapterConfigEditsAreAcceptedOrRejectedCleanly(@ForAll @IntRange(min = 0) int position,
			@ForAll("jsonCharacters") char replacement) {
		String config = "{\"peft_type\":\"LORA\",\"r\":8,\"target_modules\":[\"q\",\"v\"],\"config\":{\"x\":null}}";
		int at = position % config.length();
		String edited = config.substring(0, at) + replacement + config.substring(at + 1);
		try {
			AdapterConfigs.method(AdapterConfigs.parse(edited.getBytes(StandardCharsets.UTF_8)));
		}
		catch (FormatException expected) {
			assertThat(expected.kind()).isEqualTo("invalid-adapter-config");
		}
	}

	@Provide
	Arbitrary<byte[]> validFiles() {
		return tensorMaps().map((tensors) -> SafetensorsFiles.write(tensors, Map.of("format", "pt")));
	}

	@Provide
	Arbitrary<Map<String, SafetensorsWriter.Tensor>> tensorMaps() {
		Arbitrary<SafetensorsWriter.Tensor> tensor = Combinators
			.combine(Arbitraries.of(Dtype.F32, Dtype.F16, Dtype.BF16, Dtype.I64, Dtype.U8, Dtype.BOOL, Dtype.F8_E4M3),
					Arbitraries.longs().between(0, 4).list().ofMaxSize(3))
			.as((dtype, shape) -> {
				long elements = shape.stream().reduce(1L, Math::multiplyExact);
				return new SafetensorsWriter.Tensor(dtype, shape, new byte[(int) (elements * dtype.bits() / 8)]);
			});
		return Arbitraries.maps(Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12), tensor)
			.ofMaxSize(5)
			.map(LinkedHashMap::new);
	}

	@Provide
	Arbitrary<Character> jsonCharacters() {
		return Arbitraries.of('{', '}', '[', ']', '"', ',', ':', '-', '0', '1', '9', '.', 'e', ' ', '\\', 'u', 'n', 'F',
				'\u0000', '\u00e9', '\ud800');
	}

	private static byte[] validFile() {
		Map<String, SafetensorsWriter.Tensor> tensors = new LinkedHashMap<>();
		tensors.put("layer.0.lora_A.weight", SafetensorsWriter.Tensor.f32(List.of(2L, 4L), new float[8]));
		tensors.put("layer.0.lora_B.weight", SafetensorsWriter.Tensor.f32(List.of(4L, 2L), new float[8]));
		tensors.put("layer.0.bias", new SafetensorsWriter.Tensor(Dtype.F16, List.of(3L), new byte[6]));
		return SafetensorsFiles.write(tensors, Map.of("format", "pt"));
	}

	private static int headerLength(byte[] file) {
		return (int) ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
	}

	private static void assertOnlyFormatException(byte[] file, long claimedSize) {
		try {
			SafetensorsHeader header = SafetensorsHeader.read(new ByteArrayInputStream(file), claimedSize);
			assertThat(header.tensors()).isNotNull();
		}
		catch (FormatException expected) {
			assertThat(expected.kind()).isEqualTo("invalid-safetensors");
			assertThat(expected.violations()).isNotEmpty();
		}
	}

}
