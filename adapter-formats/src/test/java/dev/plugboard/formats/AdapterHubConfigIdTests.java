package dev.plugboard.formats;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AdapterHubConfigIdTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String CATALOG = "adapterhub-catalog";

	@ParameterizedTest
	@CsvSource({ "pfeiffer, 9076f36a74755ac4", "houlsby, b1017368d7a97b11", "pfeiffer+inv, 9ed5b5a29de19b71",
			"houlsby+inv, bcdbfdc759d7abf1", "lohfink-rossi-leaveout, e36ab9a116654f61" })
	void reproducesTheArchitectureHashes(String architecture, String expected) {
		assertThat(AdapterHubConfigId.of(architectureConfig(architecture, "config"))).isEqualTo(expected);
	}

	@Test
	void reproducesTheHashOfPfeifferWithGeluAndReductionFactorTwo() {
		Map<String, Object> card = Map.of("using", "pfeiffer", "non_linearity", "gelu", "reduction_factor", 2);
		Map<String, Object> full = AdapterHubConfigId.fullConfig(architectureConfig("pfeiffer", "config"), card);
		assertThat(AdapterHubConfigId.of(full)).isEqualTo("d345095bcb01e325");
	}

	@Test
	void reproducesTheLegacyV1HashOfPfeiffer() {
		assertThat(AdapterHubConfigId.of(architectureConfig("pfeiffer", "config_v1"))).isEqualTo("bb1c8efb82510bed");
	}

	@Test
	void reproducesTheArchitectureHashesWithoutTheCatalogCopy() {
		Map<String, Object> pfeiffer = new LinkedHashMap<>();
		pfeiffer.put("ln_after", false);
		pfeiffer.put("ln_before", false);
		pfeiffer.put("mh_adapter", false);
		pfeiffer.put("output_adapter", true);
		pfeiffer.put("adapter_residual_before_ln", false);
		pfeiffer.put("non_linearity", "relu");
		pfeiffer.put("original_ln_after", true);
		pfeiffer.put("original_ln_before", true);
		pfeiffer.put("reduction_factor", 16);
		pfeiffer.put("residual_before_ln", true);
		assertThat(AdapterHubConfigId.of(pfeiffer)).isEqualTo("9076f36a74755ac4");
		Map<String, Object> houlsby = new LinkedHashMap<>(pfeiffer);
		houlsby.put("mh_adapter", true);
		houlsby.put("non_linearity", "swish");
		houlsby.put("original_ln_before", false);
		assertThat(AdapterHubConfigId.of(houlsby)).isEqualTo("b1017368d7a97b11");
		Map<String, Object> gelu = AdapterHubConfigId.fullConfig(pfeiffer,
				Map.of("using", "pfeiffer", "non_linearity", "gelu", "reduction_factor", 2));
		assertThat(AdapterHubConfigId.of(gelu)).isEqualTo("d345095bcb01e325");
	}

	@Test
	void distinguishesAnIntegerFromAFloatAsPythonDoes() {
		Map<String, Object> card = Map.of("reduction_factor", 2);
		Map<String, Object> floating = Map.of("reduction_factor", 2.0);
		assertThat(AdapterHubConfigId.of(card)).isNotEqualTo(AdapterHubConfigId.of(floating));
		assertThat(PythonJson.dumps(floating)).isEqualTo("{\"reduction_factor\": 2.0}");
	}

	@Test
	void matchesEveryCardOfTheCatalogWithTheV2Index() throws IOException {
		Path catalog = SharedData.require(CATALOG);
		List<String> mismatches = new ArrayList<>();
		int matched = 0;
		List<Path> cards = cards(catalog);
		for (Path card : cards) {
			Map<String, Object> yaml = yaml(card);
			@SuppressWarnings("unchecked")
			Map<String, Object> cardConfig = (Map<String, Object>) yaml.get("config");
			Map<String, Object> architecture = architectureConfig((String) cardConfig.get("using"), "config");
			String computed = AdapterHubConfigId.of(AdapterHubConfigId.fullConfig(architecture, cardConfig));
			String expected = built(catalog, card, "dist/v2/adapters").get("config_id").stringValue();
			if (computed.equals(expected)) {
				matched++;
			}
			else {
				mismatches.add(card + ": computed " + computed + ", index has " + expected);
			}
		}
		System.out.println("AdapterHub catalog: " + matched + " of " + cards.size() + " config_ids match dist/v2");
		assertThat(mismatches).isEmpty();
		assertThat(cards).hasSize(291);
		assertThat(matched).isEqualTo(291);
	}

	@Test
	void matchesEveryCardOfTheCatalogWithTheLegacyV1Index() throws IOException {
		// v1 used config_v1 where an architecture has one (only pfeiffer does).
		Path catalog = SharedData.require(CATALOG);
		List<Path> cards = cards(catalog);
		for (Path card : cards) {
			@SuppressWarnings("unchecked")
			Map<String, Object> cardConfig = (Map<String, Object>) yaml(card).get("config");
			String using = (String) cardConfig.get("using");
			Map<String, Object> architecture = architectureConfig(using, "config_v1");
			if (architecture == null) {
				architecture = architectureConfig(using, "config");
			}
			String computed = AdapterHubConfigId.of(AdapterHubConfigId.fullConfig(architecture, cardConfig));
			assertThat(computed).as(card.toString())
				.isEqualTo(built(catalog, card, "dist/adapters").get("config_id").stringValue());
		}
	}

	@Test
	void hashesTheJsonConfigOfEveryV2IndexEntryToItsId() throws IOException {
		Path catalog = SharedData.require(CATALOG);
		int checked = 0;
		for (Path card : cards(catalog)) {
			JsonNode built = built(catalog, card, "dist/v2/adapters");
			assertThat(AdapterHubConfigId.of(built.get("info").get("adapter_config"))).as(card.toString())
				.isEqualTo(built.get("config_id").stringValue());
			checked++;
		}
		assertThat(checked).isEqualTo(291);
	}

	@Test
	void hashesAJsonTreeLikeTheEqualPlainMap() {
		JsonNode tree = JSON.readTree("{\"reduction_factor\": 2.0, \"leave_out\": [0, 11], \"ln_after\": false, "
				+ "\"non_linearity\": \"relu\", \"nested\": {\"a\": 0, \"b\": 1e-05}}");
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("reduction_factor", 2.0);
		map.put("leave_out", List.of(0, 11));
		map.put("ln_after", false);
		map.put("non_linearity", "relu");
		map.put("nested", Map.of("a", 0, "b", 1e-05));
		assertThat(AdapterHubConfigId.of(tree)).isEqualTo(AdapterHubConfigId.of(map));
	}

	@Test
	void dropsFalsyValuesOnlyFromDictsAsPythonDoes() {
		// Expected text and hash computed with CPython 3:
		// json.dumps(_minimize_dict(config), sort_keys=True).
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("z\u00e9", "na\u00efve \u2603 \ud83d\ude00 \u007f \u0000 \t\"\\");
		List<Object> list = new ArrayList<>();
		list.add(0);
		list.add(false);
		list.add(null);
		list.add("");
		list.add(Map.of());
		list.add(Map.of("x", 0));
		config.put("Z", list);
		Map<String, Object> inner = new LinkedHashMap<>();
		inner.put("b", Map.of("c", 0, "d", false));
		inner.put("e", List.of());
		config.put("a", inner);
		Map<String, Object> none = new LinkedHashMap<>();
		none.put("k", null);
		config.put("\u00e9", none);
		config.put("zero", 0.0);
		config.put("negative zero", -0.0);
		config.put("big zero", BigInteger.ZERO);
		config.put("empty", "");
		assertThat(PythonJson.dumps(AdapterHubConfigId.minimize(config)))
			.isEqualTo("{\"Z\": [0, false, null, \"\", {}, {\"x\": 0}], \"a\": {\"b\": {}}, "
					+ "\"z\\u00e9\": \"na\\u00efve \\u2603 \\ud83d\\ude00 \\u007f \\u0000 \\t\\\"\\\\\", "
					+ "\"\\u00e9\": {}}");
		assertThat(AdapterHubConfigId.of(config)).isEqualTo("841ab82f3523240e");
	}

	@Test
	void writesFloatsAsPythonsRepr() {
		// Expected hash computed with CPython 3 from the same dict.
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("a", 1e-05);
		config.put("b", 0.0001);
		config.put("c", 1e16);
		config.put("d", 1234567890123456.0);
		config.put("e", 2.0);
		config.put("f", 0.1);
		config.put("g", -1.5e-7);
		config.put("h", 1e22);
		config.put("i", 123456789012345678L);
		config.put("j", Double.NaN);
		config.put("k", Double.POSITIVE_INFINITY);
		config.put("l", -0.0);
		config.put("m", Double.MIN_VALUE);
		config.put("n", Double.MAX_VALUE);
		config.put("o", 0.1 + 0.2);
		config.put("p", 100.0);
		config.put("q", 1e15);
		assertThat(PythonJson.dumps(AdapterHubConfigId.minimize(config))).isEqualTo("{\"a\": 1e-05, \"b\": 0.0001, "
				+ "\"c\": 1e+16, \"d\": 1234567890123456.0, \"e\": 2.0, \"f\": 0.1, \"g\": -1.5e-07, \"h\": 1e+22, "
				+ "\"i\": 123456789012345678, \"j\": NaN, \"k\": Infinity, \"m\": 5e-324, "
				+ "\"n\": 1.7976931348623157e+308, \"o\": 0.30000000000000004, \"p\": 100.0, "
				+ "\"q\": 1000000000000000.0}");
		assertThat(AdapterHubConfigId.of(config)).isEqualTo("c0a88fc9afe38f60");
	}

	@ParameterizedTest
	@CsvSource({ "0.5, 0.5", "1.0, 1.0", "-2.5, -2.5", "123.456, 123.456", "1e-4, 0.0001", "9.999e-5, 9.999e-05",
			"1e100, 1e+100", "1.5e-300, 1.5e-300", "12345678901234567890, 1.2345678901234567e+19",
			"9999999999999998, 9999999999999998.0", "0.001, 0.001", "1e7, 10000000.0", "-0.0, -0.0" })
	void formatsSingleFloats(double value, String python) {
		assertThat(PythonJson.floatRepr(value)).isEqualTo(python);
	}

	@Test
	void writesFloatAndBigDecimalAsPythonFloats() {
		assertThat(PythonJson.dumps(List.of(0.5f, new BigDecimal("2.50"), BigInteger.TEN.pow(30))))
			.isEqualTo("[0.5, 2.5, 1000000000000000000000000000000]");
	}

	@Test
	void sortsKeysByCodePointLikePython() {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("\ud83d\ude00", 2);
		config.put("\ue000", 1);
		config.put("a", true);
		assertThat(PythonJson.dumps(config)).isEqualTo("{\"a\": true, \"\\ue000\": 1, \"\\ud83d\\ude00\": 2}");
		assertThat(AdapterHubConfigId.of(config)).isEqualTo("bafcff942c63193a");
	}

	@Test
	void sortsNumericKeysNumericallyThenWritesThemAsStrings() {
		Map<Object, Object> map = new LinkedHashMap<>();
		map.put(2, 1);
		map.put(10, 2);
		map.put(1.5, 3);
		map.put(true, 4);
		assertThat(PythonJson.dumps(map)).isEqualTo("{\"true\": 4, \"1.5\": 3, \"2\": 1, \"10\": 2}");
	}

	@Test
	void refusesWhatPythonRefuses() {
		Map<Object, Object> mixed = new LinkedHashMap<>();
		mixed.put("a", 1);
		mixed.put(1, 2);
		assertThatIllegalArgumentException().isThrownBy(() -> PythonJson.dumps(mixed));
		assertThatIllegalArgumentException().isThrownBy(() -> AdapterHubConfigId.of(Map.of("when", new Object())));
	}

	@Test
	void fullConfigKeepsTheArchitectureOrderAndIgnoresUsing() {
		Map<String, Object> architecture = new LinkedHashMap<>();
		architecture.put("reduction_factor", 16);
		architecture.put("non_linearity", "relu");
		Map<String, Object> card = new LinkedHashMap<>();
		card.put("using", "pfeiffer");
		card.put("non_linearity", "gelu");
		card.put("extra", List.of(1));
		assertThat(AdapterHubConfigId.fullConfig(architecture, card)).containsExactly(Map.entry("reduction_factor", 16),
				Map.entry("non_linearity", "gelu"), Map.entry("extra", List.of(1)));
	}

	private static List<Path> cards(Path catalog) throws IOException {
		try (Stream<Path> files = Files.walk(catalog.resolve("adapters"))) {
			return files.filter(Files::isRegularFile)
				.filter((path) -> path.toString().endsWith(".yaml") || path.toString().endsWith(".yml"))
				.sorted()
				.toList();
		}
	}

	private static JsonNode built(Path catalog, Path card, String dist) throws IOException {
		String org = card.getParent().getFileName().toString();
		String file = card.getFileName().toString().replaceFirst("\\.ya?ml$", "");
		return JSON.readTree(Files.readAllBytes(catalog.resolve(dist).resolve(org).resolve(file + ".json")));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> architectureConfig(String name, String key) {
		Path file = SharedData.require(CATALOG + "/architectures/" + name + ".yaml");
		return (Map<String, Object>) yaml(file).get(key);
	}

	private static Map<String, Object> yaml(Path file) {
		try (Reader reader = Files.newBufferedReader(file)) {
			return new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
