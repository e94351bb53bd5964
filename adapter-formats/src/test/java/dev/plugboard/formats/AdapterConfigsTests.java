package dev.plugboard.formats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AdapterConfigsTests {

	@Test
	void recognisesTheRealPeftLoraConfig() throws IOException {
		ObjectNode config = AdapterConfigs
			.parse(Files.readAllBytes(SharedData.require("real-adapters/peft-lora-minilm-l6-v2/adapter_config.json")));
		assertThat(AdapterConfigs.method(config)).isEqualTo("lora");
		assertThat(AdapterConfigs.baseModel(config)).isEqualTo("sentence-transformers/all-MiniLM-L6-v2");
	}

	@Test
	void recognisesTheRealAdapterHubBottleneckConfig() throws IOException {
		ObjectNode config = AdapterConfigs.parse(Files
			.readAllBytes(SharedData.require("real-adapters/adapterhub-bn-mbert-adapters101/adapter_config.json")));
		assertThat(AdapterConfigs.method(config)).isEqualTo("seq_bn");
		assertThat(AdapterConfigs.baseModel(config)).isEqualTo("bert-base-multilingual-cased");
	}

	@Test
	void recognisesEveryRealAdapterConfig() throws IOException {
		Path adapters = SharedData.require("real-adapters");
		try (Stream<Path> dirs = Files.list(adapters)) {
			List<Path> configs = dirs.map((dir) -> dir.resolve("adapter_config.json")).filter(Files::exists).toList();
			assertThat(configs).isNotEmpty();
			for (Path path : configs) {
				ObjectNode config = AdapterConfigs.parse(Files.readAllBytes(path));
				assertThat(AdapterConfigs.method(config)).as(path.toString()).isNotNull();
				assertThat(AdapterConfigs.baseModel(config)).as(path.toString()).isNotNull();
			}
		}
	}

	@Test
	void parsesEveryRealJsonMetadataFile() throws IOException {
		Path adapters = SharedData.require("real-adapters");
		try (Stream<Path> files = Files.walk(adapters)) {
			List<Path> jsons = files.filter((path) -> path.toString().endsWith(".json")).toList();
			assertThat(jsons).hasSizeGreaterThanOrEqualTo(6);
			for (Path path : jsons) {
				assertThat(AdapterConfigs.parseJson(Files.readAllBytes(path))).as(path.toString()).isNotNull();
			}
		}
	}

	@Test
	void findsNoMethodInAPredictionHeadConfig() throws IOException {
		ObjectNode head = AdapterConfigs.parse(Files
			.readAllBytes(SharedData.require("real-adapters/adapterhub-bn-mbert-adapters101/head_config.json")));
		assertThat(AdapterConfigs.method(head)).isNull();
	}

	@ParameterizedTest
	@CsvSource({ "LORA, lora", "IA3, ia3", "PREFIX_TUNING, prefix_tuning", "ADALORA, adalora",
			"PROMPT_TUNING, prompt_tuning" })
	void lowerCasesThePeftType(String peftType, String method) {
		assertThat(AdapterConfigs.method(json("{\"peft_type\":\"" + peftType + "\"}"))).isEqualTo(method);
	}

	@ParameterizedTest
	@CsvSource({ "pfeiffer, seq_bn", "houlsby, double_seq_bn", "pfeiffer+inv, seq_bn_inv",
			"houlsby+inv, double_seq_bn_inv", "parallel, par_bn", "seq_bn, seq_bn", "lora, lora",
			"compacter++, compacter++", "Pfeiffer, seq_bn" })
	void mapsAdapterHubConfigNames(String name, String method) {
		assertThat(AdapterConfigs.method(json("{\"config\":\"" + name + "\"}"))).isEqualTo(method);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "{\"architecture\":\"lora\",\"r\":8} | lora",
			"{\"architecture\":\"lora\",\"composition_mode\":\"scale\"} | ia3",
			"{\"architecture\":\"prefix_tuning\",\"flat\":false} | prefix_tuning",
			"{\"architecture\":\"union\",\"configs\":[]} | union",
			"{\"mh_adapter\":true,\"output_adapter\":true} | double_seq_bn",
			"{\"mh_adapter\":false,\"output_adapter\":true,\"inv_adapter\":\"nice\"} | seq_bn_inv",
			"{\"mh_adapter\":true,\"output_adapter\":true,\"invertible_adapter\":{\"block_type\":\"nice\"}} | double_seq_bn_inv",
			"{\"mh_adapter\":false,\"output_adapter\":true,\"is_parallel\":true} | par_bn",
			"{\"mh_adapter\":true,\"output_adapter\":true,\"phm_layer\":true} | compacter",
			"{\"mh_adapter\":false,\"output_adapter\":true,\"phm_layer\":true} | compacter++",
			"{\"architecture\":\"bottleneck\",\"mh_adapter\":false,\"output_adapter\":true} | seq_bn",
			"{\"using\":\"houlsby\"} | double_seq_bn" })
	void identifiesAdapterHubConfigDicts(String config, String method) {
		assertThat(AdapterConfigs.method(json("{\"config\":" + config + "}"))).isEqualTo(method);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"config\":null}", "{\"config\":\"unheard-of\"}", "{\"config\":{\"r\":8}}",
			"{\"peft_type\":\"\"}", "{\"peft_type\":\"BAD TYPE!\"}", "{\"peft_type\":7}",
			"{\"config\":{\"architecture\":\"<script>\"}}" })
	void returnsNoMethodWhenThereIsNoneToRecognise(String config) {
		assertThat(AdapterConfigs.method(json(config))).isNull();
	}

	@Test
	void prefersThePeftBaseModel() {
		assertThat(AdapterConfigs.baseModel(json("{\"base_model_name_or_path\":\"a/b\",\"model_name\":\"c\"}")))
			.isEqualTo("a/b");
		assertThat(AdapterConfigs.baseModel(json("{\"base_model_name_or_path\":null,\"model_name\":\"c\"}")))
			.isEqualTo("c");
		assertThat(AdapterConfigs.baseModel(json("{\"model_name\":\" \"}"))).isNull();
	}

	@Test
	void parsesAnArrayOnlyWhenAnyTopLevelValueIsAllowed() {
		assertThat(AdapterConfigs.parseJson(bytes("[1,2]")).isArray()).isTrue();
		assertInvalid(() -> AdapterConfigs.parse(bytes("[1,2]")), "document", "must be a JSON object, not an array");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{", "{\"a\":}", "{\"a\":1,}", "{a:1}", "{'a':1}", "{\"a\":NaN}", "{\"a\":01}",
			"{\"a\":\"unterminated}", "{\"a\":\"tab\there\"}", "{\"a\":1} // comment" })
	void rejectsBrokenJson(String json) {
		assertInvalid(() -> AdapterConfigs.parse(bytes(json)), "line", "is not valid JSON");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"text\"", "42", "true", "null" })
	void rejectsTopLevelValuesOtherThanObjects(String json) {
		assertInvalid(() -> AdapterConfigs.parse(bytes(json)), "document", "must be a JSON object");
	}

	@Test
	void rejectsDuplicateKeys() {
		assertInvalid(() -> AdapterConfigs.parse(bytes("{\"r\":8,\"r\":16}")), "line 1", "Duplicate");
		assertInvalid(() -> AdapterConfigs.parse(bytes("{\"c\":{\"r\":8,\"r\":16}}")), "line 1", "Duplicate");
	}

	@Test
	void rejectsDeepNesting() {
		assertInvalid(() -> AdapterConfigs.parse(bytes("[".repeat(10_000))), "line 1", "is not valid JSON");
		assertInvalid(() -> AdapterConfigs.parse(bytes("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000))), "line 1",
				"is not valid JSON");
	}

	@Test
	void acceptsModerateNesting() {
		String json = "{\"a\":".repeat(32) + "1" + "}".repeat(32);
		assertThat(AdapterConfigs.parse(bytes(json))).isNotNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{} x", "{}{}", "{} []", "{}\n}" })
	void rejectsTrailingContent(String json) {
		assertInvalid(() -> AdapterConfigs.parse(bytes(json)), "line", "is not valid JSON");
	}

	@Test
	void rejectsInvalidUtf8() {
		assertInvalid(() -> AdapterConfigs.parse(new byte[] { '{', '"', (byte) 0xff, '"', ':', '1', '}' }), "byte 2",
				"not valid UTF-8");
		// An overlong encoding of '/' and a UTF-8-encoded surrogate (CESU-8).
		assertInvalid(() -> AdapterConfigs.parse(new byte[] { '{', '"', (byte) 0xc0, (byte) 0xaf, '"', ':', '1', '}' }),
				"byte 2", "not valid UTF-8");
		assertInvalid(
				() -> AdapterConfigs
					.parse(new byte[] { '{', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', ':', '1', '}' }),
				"byte 2", "not valid UTF-8");
		assertInvalid(() -> AdapterConfigs.parse(new byte[] { '{', '"', (byte) 0xe2, (byte) 0x82 }), "byte 2",
				"not valid UTF-8");
	}

	@Test
	void rejectsOtherEncodingsThanPlainUtf8() {
		assertInvalid(() -> AdapterConfigs.parse("\ufeff{}".getBytes(StandardCharsets.UTF_8)), "byte 0",
				"byte-order mark");
		assertInvalid(() -> AdapterConfigs.parse("{\"a\":1}".getBytes(StandardCharsets.UTF_16LE)), "byte 1", "NUL");
		assertInvalid(() -> AdapterConfigs.parse("{\"a\":1}".getBytes(StandardCharsets.UTF_16)), "byte 0",
				"not valid UTF-8");
	}

	@Test
	void rejectsStringsThatCannotBeStored() {
		assertInvalid(() -> AdapterConfigs.parse(bytes("{\"a\":[\"ok\",\"x\\u0000\"]}")), "/a/1", "U+0000");
		assertInvalid(() -> AdapterConfigs.parse(bytes("{\"a/b\":[\"\\udc00\"]}")), "/a~1b/0",
				"unpaired UTF-16 surrogate");
		assertInvalid(() -> AdapterConfigs.parse(bytes("{\"a\":{\"\\udc00\":1}}")), "line 1", "surrogate");
		assertThat(AdapterConfigs.parse(bytes("{\"emoji\":\"\\ud83d\\ude00\"}")).get("emoji").stringValue())
			.isEqualTo("\ud83d\ude00");
	}

	@Test
	void rejectsEmptyAndOversizedDocuments() {
		assertInvalid(() -> AdapterConfigs.parse(new byte[0]), "document", "is empty");
		assertInvalid(() -> AdapterConfigs.parse(null), "document", "is empty");
		assertInvalid(() -> AdapterConfigs.parse(bytes("   \n")), "document", "is empty");
		byte[] big = bytes("{\"a\":\"" + "x".repeat(AdapterConfigs.MAX_BYTES) + "\"}");
		assertInvalid(() -> AdapterConfigs.parse(big), "document", "more than the limit");
	}

	@Test
	void rejectsHugeNumbers() {
		assertInvalid(() -> AdapterConfigs.parse(bytes("{\"a\":" + "9".repeat(5000) + "}")), "line 1",
				"is not valid JSON");
	}

	private static ObjectNode json(String text) {
		return AdapterConfigs.parse(bytes(text));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static void assertInvalid(ThrowingCallable parse, String subjectPrefix, String reason) {
		assertThatExceptionOfType(FormatException.class).isThrownBy(parse).satisfies((ex) -> {
			assertThat(ex.kind()).isEqualTo("invalid-adapter-config");
			assertThat(ex.violations()).anySatisfy((violation) -> {
				assertThat(violation.subject()).startsWith(subjectPrefix);
				assertThat(violation.reason()).contains(reason);
			});
		});
	}

}
