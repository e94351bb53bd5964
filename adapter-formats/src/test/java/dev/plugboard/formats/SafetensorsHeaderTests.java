package dev.plugboard.formats;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SafetensorsHeaderTests {

	private static final String A_F32_2X2 = "\"a\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}";

	@Test
	void metadataIsWrittenInKeyOrderWhateverTheMapsOrder() {
		Map<String, SafetensorsWriter.Tensor> tensors = Map.of("a", SafetensorsWriter.Tensor.f32(List.of(1L), 1));
		Map<String, String> forward = new LinkedHashMap<>();
		forward.put("format", "pt");
		forward.put("source", "x.onnx");
		Map<String, String> backward = new LinkedHashMap<>();
		backward.put("source", "x.onnx");
		backward.put("format", "pt");

		assertThat(SafetensorsFiles.write(tensors, backward)).isEqualTo(SafetensorsFiles.write(tensors, forward));
	}

	@Test
	void readsWhatTheWriterWrote() {
		Map<String, SafetensorsWriter.Tensor> tensors = new LinkedHashMap<>();
		tensors.put("lora_A.weight", SafetensorsWriter.Tensor.f32(List.of(2L, 3L), 1, 2, 3, 4, 5, 6));
		tensors.put("lora_B.weight", SafetensorsWriter.Tensor.f32(List.of(3L, 2L), 6, 5, 4, 3, 2, 1));
		tensors.put("scale", new SafetensorsWriter.Tensor(Dtype.F16, List.of(), new byte[2]));
		tensors.put("mask", new SafetensorsWriter.Tensor(Dtype.BOOL, List.of(3L), new byte[] { 1, 0, 1 }));
		tensors.put("empty", new SafetensorsWriter.Tensor(Dtype.I64, List.of(0L, 5L), new byte[0]));

		SafetensorsHeader header = SafetensorsFiles.read(SafetensorsFiles.write(tensors, Map.of("format", "pt")));

		assertThat(header.tensors()).hasSize(5);
		assertThat(header.tensors().get("lora_A.weight"))
			.satisfies((tensor) -> assertThat(tensor.dtype()).isEqualTo(Dtype.F32))
			.satisfies((tensor) -> assertThat(tensor.shape()).containsExactly(2L, 3L))
			.satisfies((tensor) -> assertThat(tensor.end() - tensor.begin()).isEqualTo(24));
		assertThat(header.tensors().get("scale").shape()).isEmpty();
		assertThat(header.tensors().get("scale").elementCount()).isEqualTo(1);
		assertThat(header.tensors().get("empty").elementCount()).isZero();
		assertThat(header.metadata()).containsExactly(Map.entry("format", "pt"));
		assertThat(header.parameterCount()).isEqualTo(6 + 6 + 1 + 3);
		assertThat(header.headerLength() % 8).isZero();
	}

	@Test
	void listsTensorsInOffsetOrderWhateverTheHeaderOrder() {
		String json = "{\"z\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]},"
				+ "\"b\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[3,5]},"
				+ "\"a\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[1,3]}}";
		SafetensorsHeader header = SafetensorsFiles.read(SafetensorsFiles.withHeader(json, 5));
		assertThat(header.tensors().keySet()).containsExactly("z", "a", "b");
	}

	@Test
	void writerAlignsEveryTensorForItsDtype() {
		Map<String, SafetensorsWriter.Tensor> tensors = new LinkedHashMap<>();
		tensors.put("byte", new SafetensorsWriter.Tensor(Dtype.U8, List.of(3L), new byte[3]));
		tensors.put("double", new SafetensorsWriter.Tensor(Dtype.F64, List.of(1L), new byte[8]));
		tensors.put("half", new SafetensorsWriter.Tensor(Dtype.BF16, List.of(1L), new byte[2]));
		tensors.put("float", SafetensorsWriter.Tensor.f32(List.of(1L), 1f));
		byte[] file = SafetensorsFiles.write(tensors, null);
		SafetensorsHeader header = SafetensorsFiles.read(file);
		assertThat(header.tensors().keySet()).containsExactly("double", "float", "half", "byte");
		for (TensorInfo tensor : header.tensors().values()) {
			assertThat((8 + header.headerLength() + tensor.begin()) % Math.max(1, tensor.dtype().bits() / 8)).isZero();
		}
		assertThat(header.metadata()).isEmpty();
	}

	@Test
	void writerEncodesFloatsLittleEndian() {
		byte[] file = SafetensorsFiles.write(Map.of("x", SafetensorsWriter.Tensor.f32(List.of(1L), 1.0f)), null);
		assertThat(java.util.Arrays.copyOfRange(file, file.length - 4, file.length)).containsExactly(0, 0, (byte) 0x80,
				0x3f);
	}

	@Test
	void writerRefusesDataThatDoesNotMatchTheShape() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> SafetensorsWriter.Tensor.f32(List.of(2L, 2L), 1, 2, 3));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new SafetensorsWriter.Tensor(Dtype.F4, List.of(3L), new byte[2]));
	}

	@Test
	void readsTheRealPeftLoraAdapter() throws IOException {
		Path file = SharedData.require("real-adapters/peft-lora-minilm-l6-v2/adapter_model.safetensors");
		SafetensorsHeader header;
		try (InputStream in = Files.newInputStream(file)) {
			header = SafetensorsHeader.read(in, Files.size(file));
		}
		assertThat(header.headerLength()).isEqualTo(3192);
		assertThat(header.metadata()).containsExactly(Map.entry("format", "pt"));
		assertThat(header.tensors()).hasSize(24);
		assertThat(header.parameterCount()).isEqualTo(36864);
		assertThat(header.tensors().values()).allSatisfy((tensor) -> assertThat(tensor.dtype()).isEqualTo(Dtype.F32));
		TensorInfo loraA = header.tensors().get("base_model.model.encoder.layer.0.attention.self.query.lora_A.weight");
		assertThat(loraA.shape()).containsExactly(4L, 384L);
		TensorInfo loraB = header.tensors().get("base_model.model.encoder.layer.0.attention.self.query.lora_B.weight");
		assertThat(loraB.shape()).containsExactly(384L, 4L);
		TensorInfo last = List.copyOf(header.tensors().values()).get(23);
		assertThat(last.end()).isEqualTo(147456);
	}

	@Test
	void acceptsAnEmptyHeaderPaddedWithSpaces() {
		SafetensorsHeader header = SafetensorsFiles.read(SafetensorsFiles.withHeader("{}      ", 0));
		assertThat(header.tensors()).isEmpty();
		assertThat(header.parameterCount()).isZero();
	}

	@Test
	void acceptsNullMetadataAndIgnoresUnknownEntryFields() {
		String json = "{\"__metadata__\":null,\"a\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16],"
				+ "\"extra\":{\"nested\":[1,2]}}}";
		SafetensorsHeader header = SafetensorsFiles.read(SafetensorsFiles.withHeader(json, 16));
		assertThat(header.metadata()).isEmpty();
		assertThat(header.tensors()).containsOnlyKeys("a");
	}

	@Test
	void acceptsSubByteDtypesThatFillWholeBytes() {
		String json = "{\"f4\":{\"dtype\":\"F4\",\"shape\":[2,3],\"data_offsets\":[0,3]},"
				+ "\"f6\":{\"dtype\":\"F6_E2M3\",\"shape\":[4],\"data_offsets\":[3,6]}}";
		SafetensorsHeader header = SafetensorsFiles.read(SafetensorsFiles.withHeader(json, 6));
		assertThat(header.parameterCount()).isEqualTo(10);
	}

	@Test
	void acceptsZeroSizedTensorsBetweenOthers() {
		String json = "{\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]},"
				+ "\"e\":{\"dtype\":\"F32\",\"shape\":[0,7],\"data_offsets\":[1,1]},"
				+ "\"b\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[1,2]}}";
		assertThat(SafetensorsFiles.read(SafetensorsFiles.withHeader(json, 2)).tensors()).hasSize(3);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 7 })
	void rejectsFilesShorterThanTheLengthPrefix(int size) {
		assertInvalid(() -> SafetensorsFiles.read(new byte[size]), "file", "shorter than the 8-byte header length");
	}

	@Test
	void rejectsHeaderLengthPastTheEndOfTheFile() {
		byte[] file = SafetensorsFiles.withHeader("{}", 0);
		assertInvalid(() -> SafetensorsHeader.read(new ByteArrayInputStream(file), file.length - 1), "header length",
				"runs past the end");
	}

	@Test
	void rejectsHeaderLengthOverTheMaximum() {
		byte[] prefix = lengthPrefix(SafetensorsHeader.MAX_HEADER_BYTES + 1);
		assertInvalid(() -> SafetensorsHeader.read(new ByteArrayInputStream(prefix), Long.MAX_VALUE), "header length",
				"more than the limit");
	}

	@Test
	void rejectsHeaderLengthThatIsNegativeAsASignedLong() {
		byte[] prefix = lengthPrefix(-1);
		assertInvalid(() -> SafetensorsHeader.read(new ByteArrayInputStream(prefix), Long.MAX_VALUE), "header length",
				"18446744073709551615");
	}

	@Test
	void appliesACallersLowerHeaderLimit() {
		byte[] file = SafetensorsFiles.withHeader("{" + A_F32_2X2 + "}", 16);
		assertInvalid(() -> SafetensorsHeader.read(new ByteArrayInputStream(file), file.length, 16), "header length",
				"more than the limit of 16");
	}

	@Test
	void rejectsAStreamShorterThanItsDeclaredHeaderWithoutAllocatingIt() {
		// 90 MB declared, 1 GB file claimed, but only 100 bytes arrive.
		byte[] file = ByteBuffer.allocate(108).order(ByteOrder.LITTLE_ENDIAN).putLong(90_000_000L).array();
		file[8] = '{';
		assertInvalid(() -> SafetensorsHeader.read(new ByteArrayInputStream(file), 1L << 30), "file",
				"ended after 108 bytes");
	}

	@Test
	void rejectsHeaderThatIsNotUtf8() {
		byte[] header = "{\"a\":{}}".getBytes();
		header[2] = (byte) 0xff;
		assertInvalid(() -> SafetensorsFiles.read(SafetensorsFiles.withHeader(header, 0)), "header byte 2",
				"not valid UTF-8");
	}

	@Test
	void rejectsOverlongUtf8InTheHeader() {
		byte[] header = { '{', '"', (byte) 0xc0, (byte) 0xaf, '"', ':', '1', '}' };
		assertInvalid(() -> SafetensorsFiles.read(SafetensorsFiles.withHeader(header, 0)), "header byte 2",
				"not valid UTF-8");
	}

	@ParameterizedTest
	@ValueSource(strings = { " {}", "[]", "\"{}\"", "", "null" })
	void rejectsHeaderThatDoesNotStartWithABrace(String json) {
		assertInvalid(() -> SafetensorsFiles.read(SafetensorsFiles.withHeader(json, 0)), "header",
				"must start with '{'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{", "{abc}", "{\"a\":}", "{\"a\":1,}", "{'a':1}", "{\"a\":NaN}" })
	void rejectsHeaderThatIsNotJson(String json) {
		assertInvalid(() -> SafetensorsFiles.read(SafetensorsFiles.withHeader(json, 0)), "header line",
				"is not valid JSON");
	}

	@Test
	void rejectsTrailingContentAfterTheHeaderObject() {
		assertInvalid(() -> SafetensorsFiles.read(SafetensorsFiles.withHeader("{}{}", 0)), "header line 1, column 3",
				"content after the end of the object");
		assertInvalid(() -> SafetensorsFiles.read(SafetensorsFiles.withHeader("{} x", 0)), "header line",
				"is not valid JSON");
	}

	@Test
	void rejectsDuplicateTensorNames() {
		String json = "{" + A_F32_2X2 + "," + A_F32_2X2 + "}";
		assertInvalid(() -> SafetensorsFiles.read(SafetensorsFiles.withHeader(json, 16)), "header line", "Duplicate");
	}

	@Test
	void rejectsEntriesMissingFields() {
		assertTensorInvalid("{\"a\":{\"shape\":[1],\"data_offsets\":[0,4]}}", 4, "missing dtype");
		assertTensorInvalid("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", 4, "missing shape");
		assertTensorInvalid("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4, "missing data_offsets");
		assertTensorInvalid("{\"a\":{}}", 0, "missing dtype, shape, data_offsets");
		assertTensorInvalid("{\"a\":[1]}", 0, "must be an object");
	}

	@ParameterizedTest
	@ValueSource(strings = { "F128", "f32", "float32", "" })
	void rejectsUnknownDtypes(String dtype) {
		assertTensorInvalid("{\"a\":{\"dtype\":\"" + dtype + "\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4,
				"unknown dtype");
	}

	@Test
	void rejectsDtypeThatIsNotAString() {
		assertTensorInvalid("{\"a\":{\"dtype\":32,\"shape\":[1],\"data_offsets\":[0,4]}}", 4, "dtype must be a string");
	}

	@ParameterizedTest
	@ValueSource(strings = { "[-1]", "[2.5]", "[\"2\"]", "[[2]]", "2", "[null]", "[18446744073709551616]" })
	void rejectsShapesThatAreNotNonNegativeIntegers(String shape) {
		assertTensorInvalid("{\"a\":{\"dtype\":\"U8\",\"shape\":" + shape + ",\"data_offsets\":[0,2]}}", 2,
				"shape must be an array of non-negative integers");
	}

	@Test
	void rejectsShapesWhoseSizeOverflows() {
		assertTensorInvalid("{\"a\":{\"dtype\":\"F64\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,0]}}", 0,
				"too many elements");
		assertTensorInvalid("{\"a\":{\"dtype\":\"F64\",\"shape\":[1152921504606846976],\"data_offsets\":[0,0]}}", 0,
				"too many elements");
	}

	@ParameterizedTest
	@ValueSource(strings = { "[4,0]", "[0]", "[0,4,8]", "[-1,3]", "{\"begin\":0}", "[0.0,4.0]" })
	void rejectsOffsetsThatAreNotABeginEndPair(String offsets) {
		assertTensorInvalid("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":" + offsets + "}}", 4,
				"data_offsets");
	}

	@Test
	void rejectsSizeThatDoesNotMatchShapeAndDtype() {
		assertTensorInvalid("{\"a\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,15]}}", 15,
				"needs 16 bytes but data_offsets [0, 15] span 15");
	}

	@Test
	void rejectsSubByteTensorsThatDoNotFillWholeBytes() {
		assertTensorInvalid("{\"a\":{\"dtype\":\"F4\",\"shape\":[3],\"data_offsets\":[0,2]}}", 2,
				"does not end on a byte boundary");
		assertTensorInvalid("{\"a\":{\"dtype\":\"F6_E3M2\",\"shape\":[2],\"data_offsets\":[0,2]}}", 2,
				"does not end on a byte boundary");
	}

	@Test
	void rejectsOffsetsPastTheDataBuffer() {
		assertTensorInvalid("{" + A_F32_2X2 + "}", 8, "past the end of the 8-byte data buffer");
	}

	@Test
	void rejectsOverlappingTensors() {
		String json = "{" + A_F32_2X2 + ",\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}";
		assertInvalid(() -> SafetensorsFiles.read(SafetensorsFiles.withHeader(json, 16)), "b", "overlaps tensor 'a'");
	}

	@Test
	void rejectsHolesBetweenTensors() {
		String json = "{\"a\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4]},"
				+ "\"b\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[8,12]}}";
		assertInvalid(() -> SafetensorsFiles.read(SafetensorsFiles.withHeader(json, 12)), "b",
				"hole: data bytes [4, 8)");
	}

	@Test
	void rejectsAHoleBeforeTheFirstTensor() {
		String json = "{\"a\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[4,8]}}";
		assertInvalid(() -> SafetensorsFiles.read(SafetensorsFiles.withHeader(json, 8)), "a",
				"hole: data bytes [0, 4)");
	}

	@Test
	void rejectsDataAfterTheLastTensor() {
		assertInvalid(() -> SafetensorsFiles.read(SafetensorsFiles.withHeader("{" + A_F32_2X2 + "}", 20)),
				"data buffer", "bytes [16, 20) at the end");
		assertInvalid(() -> SafetensorsFiles.read(SafetensorsFiles.withHeader("{}", 1)), "data buffer",
				"bytes [0, 1) at the end");
	}

	@Test
	void rejectsMetadataThatIsNotAStringToStringMap() {
		assertInvalid(() -> SafetensorsFiles.read(SafetensorsFiles.withHeader("{\"__metadata__\":[\"a\"]}", 0)),
				"__metadata__", "must be an object mapping strings to strings");
		assertInvalid(() -> SafetensorsFiles.read(SafetensorsFiles.withHeader("{\"__metadata__\":{\"a\":1}}", 0)),
				"__metadata__", "value of 'a' must be a string");
		assertInvalid(
				() -> SafetensorsFiles.read(SafetensorsFiles.withHeader("{\"__metadata__\":{\"a\":{\"b\":\"c\"}}}", 0)),
				"__metadata__", "value of 'a' must be a string");
	}

	@Test
	void rejectsTextThatCannotBeStored() {
		assertInvalid(
				() -> SafetensorsFiles.read(SafetensorsFiles.withHeader("{\"__metadata__\":{\"a\":\"\\u0000\"}}", 0)),
				"__metadata__", "U+0000");
		assertInvalid(
				() -> SafetensorsFiles.read(SafetensorsFiles.withHeader("{\"__metadata__\":{\"a\":\"\\ud800\"}}", 0)),
				"__metadata__", "unpaired UTF-16 surrogate");
		assertInvalid(() -> SafetensorsFiles.read(SafetensorsFiles.withHeader("{\"\\ud800\":{}}", 0)), "header line",
				"surrogate");
	}

	@Test
	void reportsEveryBadTensorAtOnce() {
		String json = "{\"a\":{\"dtype\":\"X\",\"shape\":[1],\"data_offsets\":[0,1]},"
				+ "\"b\":{\"dtype\":\"U8\",\"shape\":[-1],\"data_offsets\":[1,2]}}";
		assertThatExceptionOfType(FormatException.class)
			.isThrownBy(() -> SafetensorsFiles.read(SafetensorsFiles.withHeader(json, 2)))
			.satisfies((ex) -> {
				assertThat(ex.violations()).extracting(Violation::subject).containsExactlyInAnyOrder("a", "b");
				assertThat(ex.getMessage()).contains("and 1 more");
			});
	}

	@Test
	void capsTheNumberOfViolationsReported() {
		StringBuilder json = new StringBuilder("{");
		for (int i = 0; i < 1000; i++) {
			json.append(i > 0 ? "," : "")
				.append("\"t")
				.append(i)
				.append("\":{\"dtype\":\"X\",\"shape\":[],")
				.append("\"data_offsets\":[0,1]}");
		}
		json.append("}");
		assertThatExceptionOfType(FormatException.class)
			.isThrownBy(() -> SafetensorsFiles.read(SafetensorsFiles.withHeader(json.toString(), 1)))
			.satisfies((ex) -> {
				assertThat(ex.violations()).hasSize(Violations.LIMIT + 1);
				assertThat(ex.violations().get(Violations.LIMIT).reason()).isEqualTo("900 more problems not listed");
			});
	}

	@Test
	void rejectsDeeplyNestedUnknownFields() {
		String json = "{\"a\":{\"x\":" + "[".repeat(10_000) + "}}";
		assertInvalid(() -> SafetensorsFiles.read(SafetensorsFiles.withHeader(json, 0)), "header line",
				"is not valid JSON");
	}

	@Test
	void looksUpDtypesByExactName() {
		assertThat(Dtype.of("F8_E8M0")).contains(Dtype.F8_E8M0);
		assertThat(Dtype.of("bf16")).isEmpty();
		assertThat(Dtype.of(null)).isEmpty();
		assertThat(Dtype.F4.bits()).isEqualTo(4);
		assertThat(Dtype.F6_E2M3.bits()).isEqualTo(6);
		assertThat(Dtype.BF16.bits()).isEqualTo(16);
	}

	private static void assertTensorInvalid(String json, int dataBytes, String reason) {
		assertInvalid(() -> SafetensorsFiles.read(SafetensorsFiles.withHeader(json, dataBytes)), "a", reason);
	}

	private static void assertInvalid(ThrowingCallable read, String subjectPrefix, String reason) {
		assertThatExceptionOfType(FormatException.class).isThrownBy(read).satisfies((ex) -> {
			assertThat(ex.kind()).isEqualTo("invalid-safetensors");
			assertThat(ex.violations()).anySatisfy((violation) -> {
				assertThat(violation.subject()).startsWith(subjectPrefix);
				assertThat(violation.reason()).contains(reason);
			});
		});
	}

	private static byte[] lengthPrefix(long length) {
		return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(length).array();
	}

}
