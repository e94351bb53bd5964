package dev.plugboard.runner.benchmark;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchmarkDatasetTests {

	private static final BenchmarkSpec PAIRS = BenchmarkSpecTests.valid()
		.id("glue/mnli")
		.inputColumns(List.of("premise", "hypothesis"))
		.labels(List.of("entailment", "neutral", "contradiction"))
		.examples(2)
		.build();

	private static final String TWO = """
			{"premise":"A man sleeps.","hypothesis":"A man rests.","label":"entailment"}
			{"label":"contradiction","hypothesis":"Nobody \\"sleeps\\".","premise":"A man sleeps.","idx":7}
			""";

	@Test
	void readsExamplesInOrderIgnoringExtraMembers() {
		assertThat(read(PAIRS, TWO)).containsExactly(new Example(List.of("A man sleeps.", "A man rests."), 0),
				new Example(List.of("A man sleeps.", "Nobody \"sleeps\"."), 2));
	}

	@Test
	void readsAFile(@TempDir Path directory) throws Exception {
		Path file = directory.resolve("dev.jsonl");
		Files.writeString(file, TWO);
		assertThat(BenchmarkDataset.read(PAIRS, file)).hasSize(2);
	}

	@Test
	void writeAndReadRoundTrip() {
		List<Example> examples = List.of(new Example(List.of("it 's a charming journey . ", "tab\there"), 1),
				new Example(List.of("caf\u00e9 <b>&</b> 'quotes' \"double\"", "line\nbreak"), 2));
		byte[] bytes = BenchmarkDataset.write(PAIRS, examples);
		String text = new String(bytes, StandardCharsets.UTF_8);
		assertThat(text).startsWith(
				"{\"premise\":\"it 's a charming journey . \",\"hypothesis\":\"tab\\there\",\"label\":\"neutral\"}\n");
		assertThat(text).contains("caf\u00e9 <b>&</b> 'quotes' \\\"double\\\"").endsWith("}\n");
		assertThat(text.lines()).hasSize(2);
		assertThat(BenchmarkDataset.read(PAIRS, new ByteArrayInputStream(bytes))).isEqualTo(examples);
	}

	@Test
	void writeRefusesExamplesThatDoNotFit() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchmarkDataset.write(PAIRS, List.of(new Example(List.of("only one"), 0))))
			.withMessage("example 1 has 1 texts, glue/mnli has input columns [premise, hypothesis]");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchmarkDataset.write(PAIRS, List.of(new Example(List.of("a", "b"), 3))))
			.withMessage("example 1 has class id 3, glue/mnli has 3 labels");
	}

	@Test
	void refusesAMissingColumn() {
		String text = """
				{"premise":"p","hypothesis":"h","label":"neutral"}
				{"premise":"p","label":"neutral"}
				""";
		assertThatIllegalArgumentException().isThrownBy(() -> read(PAIRS, text))
			.withMessage("line 2: missing column 'hypothesis'");
		assertThatIllegalArgumentException().isThrownBy(() -> read(PAIRS, "{\"premise\":\"p\",\"hypothesis\":\"h\"}\n"))
			.withMessage("line 1: missing column 'label'");
	}

	@Test
	void refusesAnUnknownLabel() {
		String text = """
				{"premise":"p","hypothesis":"h","label":"neutral"}
				{"premise":"p","hypothesis":"h","label":"Neutral"}
				""";
		assertThatIllegalArgumentException().isThrownBy(() -> read(PAIRS, text))
			.withMessage("line 2: unknown label 'Neutral' in column 'label'; labels are "
					+ "[entailment, neutral, contradiction]");
	}

	@Test
	void refusesLabelsAndTextsThatAreNotStrings() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> read(PAIRS, "{\"premise\":\"p\",\"hypothesis\":\"h\",\"label\":1}\n"))
			.withMessage("line 1: column 'label' must be a string, found 1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> read(PAIRS, "{\"premise\":null,\"hypothesis\":\"h\",\"label\":\"neutral\"}\n"))
			.withMessage("line 1: column 'premise' must be a string, found null");
	}

	@Test
	void refusesMalformedLines() {
		String good = "{\"premise\":\"p\",\"hypothesis\":\"h\",\"label\":\"neutral\"}\n";
		assertThatIllegalArgumentException()
			.isThrownBy(() -> read(PAIRS, good + "{\"premise\":\"p\",\"hypothesis\":\"h\",\"label\":\"neutral\"\n"))
			.withMessageStartingWith("line 2: malformed JSON");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> read(PAIRS, good + "{premise:\"p\",hypothesis:\"h\",label:\"neutral\"}\n"))
			.withMessageStartingWith("line 2: malformed JSON")
			.withMessageNotContaining("LENIENT")
			.withMessageNotContaining("\n");
		assertThatIllegalArgumentException().isThrownBy(() -> read(PAIRS, good + "[\"p\",\"h\",\"neutral\"]\n"))
			.withMessage("line 2: expected a JSON object, found an array");
		assertThatIllegalArgumentException().isThrownBy(() -> read(PAIRS, good + good.strip() + " {}\n"))
			.withMessage("line 2: unexpected content after the JSON object");
		assertThatIllegalArgumentException().isThrownBy(() -> read(PAIRS, good + "\n" + good))
			.withMessage("line 2: blank line");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> read(PAIRS, good + "{\"premise\":\"p\",\"premise\":\"q\",\"hypothesis\":\"h\"}\n"))
			.withMessage("line 2: duplicate member 'premise'");
		assertThatIllegalArgumentException().isThrownBy(() -> read(PAIRS, "\uFEFF" + good + good))
			.withMessage("line 1: starts with a byte order mark; write UTF-8 without BOM");
	}

	@Test
	void refusesInvalidUtf8() {
		byte[] good = "{\"premise\":\"p\",\"hypothesis\":\"h\",\"label\":\"neutral\"}\n"
			.getBytes(StandardCharsets.UTF_8);
		byte[] bytes = new byte[good.length * 2];
		System.arraycopy(good, 0, bytes, 0, good.length);
		System.arraycopy(good, 0, bytes, good.length, good.length);
		bytes[good.length + 13] = (byte) 0xC3;
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchmarkDataset.read(PAIRS, new ByteArrayInputStream(bytes)))
			.withMessage("line 2: not valid UTF-8");
	}

	@Test
	void refusesACountOtherThanTheSpecs() {
		String one = "{\"premise\":\"p\",\"hypothesis\":\"h\",\"label\":\"neutral\"}\n";
		assertThatIllegalArgumentException().isThrownBy(() -> read(PAIRS, one))
			.withMessage("dataset of glue/mnli has 1 examples, the spec says 2");
		assertThatIllegalArgumentException().isThrownBy(() -> read(PAIRS, ""))
			.withMessage("dataset of glue/mnli has 0 examples, the spec says 2");
	}

	@Test
	void exampleChecksItsShape() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Example(List.of(), 0))
			.withMessage("an example has 1 or 2 texts, found []");
		assertThatIllegalArgumentException().isThrownBy(() -> new Example(List.of("a"), -1))
			.withMessage("label must be a class id >= 0, found -1");
	}

	private static List<Example> read(BenchmarkSpec spec, String text) {
		return BenchmarkDataset.read(spec, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
	}

}
