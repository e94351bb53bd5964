package dev.plugboard.runner.benchmark;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.plugboard.runner.benchmark.GlueImport.Imported;
import dev.plugboard.runner.benchmark.GlueImport.Task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Imports the real GLUE files of {@code shared/data/glue} (never copied into the repo);
 * the expected counts are those stated in each folder's SOURCE.txt.
 */
class GlueImportTests {

	static final Path SHARED = Path.of(System.getProperty("plugboard.shared-data", "../shared/data"));

	static final Path GLUE = SHARED.resolve("glue");

	private static final Map<Task, Imported> imported = new EnumMap<>(Task.class);

	private static final Map<Task, List<Example>> examples = new EnumMap<>(Task.class);

	@BeforeAll
	static void importAll() {
		assertThat(GLUE).as("shared GLUE data (system property plugboard.shared-data)").isDirectory();
		for (Imported one : GlueImport.importAll(GLUE)) {
			imported.put(one.task(), one);
			examples.put(one.task(), one.examples());
		}
	}

	@Test
	void importsEveryTaskWithItsSourceRowCount() {
		assertThat(imported).containsOnlyKeys(Task.values());
		// SOURCE.txt: SST-2 dev 872, MRPC dev 408, RTE dev 277, QNLI dev 5,463, MNLI
		// dev_matched 9,815,
		// CoLA out_of_domain_dev 516
		Map<Task, Integer> rows = Map.of(Task.SST2, 872, Task.MRPC, 408, Task.RTE, 277, Task.QNLI, 5463, Task.MNLI,
				9815, Task.COLA, 516);
		rows.forEach((task, count) -> {
			assertThat(imported.get(task).spec().examples()).as(task.name()).isEqualTo(count);
			assertThat(examples.get(task)).as(task.name()).hasSize(count);
			assertThat(new String(imported.get(task).dataset(), StandardCharsets.UTF_8).lines()).hasSize(count);
		});
	}

	@Test
	void labelDistributionsAreThoseOfSourceTxt() {
		// SST-2: 444 pos / 428 neg; labels [negative, positive]
		assertThat(distribution(Task.SST2)).containsExactly(428, 444);
		// MRPC: 279 paraphrase / 129 not; labels [not_equivalent, equivalent]
		assertThat(distribution(Task.MRPC)).containsExactly(129, 279);
		// RTE: label 0: 146, 1: 131; labels [entailment, not_entailment]
		assertThat(distribution(Task.RTE)).containsExactly(146, 131);
		// QNLI: entailment 2,702 / not_entailment 2,761
		assertThat(distribution(Task.QNLI)).containsExactly(2702, 2761);
		// MNLI: entailment 3,479 / contradiction 3,213 / neutral 3,123; labels
		// [entailment, neutral,
		// contradiction]
		assertThat(distribution(Task.MNLI)).containsExactly(3479, 3123, 3213);
		// CoLA out_of_domain_dev: 1: 354 / 0: 162; labels [unacceptable, acceptable]
		assertThat(distribution(Task.COLA)).containsExactly(162, 354);
	}

	@Test
	void firstExamplesAreVerbatim() {
		// SST-2 keeps GLUE's trailing space
		assertThat(examples.get(Task.SST2).get(0))
			.isEqualTo(new Example(List.of("it 's a charming and often affecting journey . "), 1));
		// MRPC: BOM and header dropped, raw double quote kept (no CSV quoting)
		assertThat(examples.get(Task.MRPC).get(0)).isEqualTo(new Example(
				List.of("He said the foodservice pie business doesn't fit the company's long-term growth strategy.",
						"\"The foodservice pie business does not fit our long-term growth strategy."),
				1));
		assertThat(examples.get(Task.RTE).get(0)).isEqualTo(new Example(List
			.of("Dana Reeve, the widow of the actor Christopher Reeve, has died of lung cancer at age 44, according to"
					+ " the Christopher Reeve Foundation.", "Christopher Reeve had an accident."),
				1));
		assertThat(examples.get(Task.QNLI).get(0)).isEqualTo(
				new Example(
						List.of("What came into force after the new constitution was herald?",
								"As of that day, the new constitution heralding the Second Republic came into force."),
						0));
		assertThat(examples.get(Task.MNLI).get(0)).isEqualTo(new Example(
				List.of("The new rights are nice enough", "Everyone really likes the newest benefits "), 1));
		assertThat(examples.get(Task.COLA).get(0)).isEqualTo(new Example(List.of("somebody just left guess who"), 1));
	}

	@Test
	void normalizedLinesCarryColumnsAndLabelStrings() {
		assertThat(firstLine(Task.SST2))
			.isEqualTo("{\"sentence\":\"it 's a charming and often affecting journey . \",\"label\":\"positive\"}");
		assertThat(firstLine(Task.MNLI)).isEqualTo("{\"premise\":\"The new rights are nice enough\","
				+ "\"hypothesis\":\"Everyone really likes the newest benefits \",\"label\":\"neutral\"}");
		assertThat(firstLine(Task.MRPC)).startsWith("{\"sentence1\":\"He said").endsWith(",\"label\":\"equivalent\"}");
	}

	@Test
	void specsFollowGlueConventions() {
		assertSpec(Task.SST2, "glue/sst2", "sentiment", "sst-2", "dev", List.of("sentence"),
				List.of("negative", "positive"), List.of(Metric.ACCURACY), Metric.ACCURACY, "dev.jsonl");
		assertSpec(Task.MRPC, "glue/mrpc", "sts", "mrpc", "dev", List.of("sentence1", "sentence2"),
				List.of("not_equivalent", "equivalent"), List.of(Metric.F1, Metric.ACCURACY), Metric.F1, "dev.jsonl");
		assertSpec(Task.RTE, "glue/rte", "nli", "rte", "dev", List.of("sentence1", "sentence2"),
				List.of("entailment", "not_entailment"), List.of(Metric.ACCURACY), Metric.ACCURACY, "dev.jsonl");
		assertSpec(Task.QNLI, "glue/qnli", "nli", "qnli", "dev", List.of("question", "sentence"),
				List.of("entailment", "not_entailment"), List.of(Metric.ACCURACY), Metric.ACCURACY, "dev.jsonl");
		assertSpec(Task.MNLI, "glue/mnli", "nli", "multinli", "dev_matched", List.of("premise", "hypothesis"),
				List.of("entailment", "neutral", "contradiction"), List.of(Metric.ACCURACY), Metric.ACCURACY,
				"dev_matched.jsonl");
		assertSpec(Task.COLA, "glue/cola", "lingaccept", "cola", "dev_out_of_domain", List.of("sentence"),
				List.of("unacceptable", "acceptable"), List.of(Metric.MATTHEWS_CORRELATION),
				Metric.MATTHEWS_CORRELATION, "dev_out_of_domain.jsonl");
	}

	@Test
	void adapterHubIdsExistInTheCatalog() throws Exception {
		Path subtasks = SHARED.resolve("adapterhub-catalog/subtasks/text_task");
		Pattern task = Pattern.compile("(?m)^task:\\s*(\\S+)\\s*$");
		Pattern subtask = Pattern.compile("(?m)^subtask:\\s*(\\S+)\\s*$");
		for (Imported one : imported.values()) {
			BenchmarkSpec spec = one.spec();
			boolean found = false;
			try (var files = Files.list(subtasks)) {
				for (Path file : files.toList()) {
					String yaml = Files.readString(file);
					Matcher t = task.matcher(yaml);
					Matcher s = subtask.matcher(yaml);
					if (t.find() && s.find() && t.group(1).equals(spec.adapterhubTask())
							&& s.group(1).equals(spec.adapterhubSubtask())) {
						found = true;
					}
				}
			}
			assertThat(found).as(spec.adapterhubTask() + "/" + spec.adapterhubSubtask() + " in the catalog").isTrue();
		}
	}

	@Test
	void specsRoundTripAndDatasetsAreReproducible() {
		for (Task task : Task.values()) {
			Imported first = imported.get(task);
			assertThat(BenchmarkSpec.fromJson(first.spec().toJson())).isEqualTo(first.spec());
			Imported again = GlueImport.importTask(GLUE, task);
			assertThat(again.dataset()).isEqualTo(first.dataset());
			assertThat(again.datasetSha256()).isEqualTo(first.datasetSha256()).hasSize(64);
		}
	}

	@Test
	void mainWritesSpecAndDatasetPerTask(@TempDir Path output) throws Exception {
		GlueImport.main(new String[] { GLUE.toString(), output.toString() });
		Path sst2 = output.resolve("glue/sst2");
		BenchmarkSpec spec = BenchmarkSpec.read(sst2.resolve("benchmark.json"));
		assertThat(spec).isEqualTo(imported.get(Task.SST2).spec());
		assertThat(BenchmarkDataset.read(spec, sst2.resolve("dev.jsonl"))).isEqualTo(examples.get(Task.SST2));
		assertThat(output.resolve("glue/mnli/dev_matched.jsonl")).isRegularFile();
		assertThat(output.resolve("glue/cola/dev_out_of_domain.jsonl")).isRegularFile();
	}

	// layouts that do not fit (small synthetic files, not GLUE data)

	@Test
	void refusesAWrongHeader(@TempDir Path glue) throws Exception {
		write(glue.resolve("SST-2/dev.tsv"), "text\tlabel\nfine .\t1\n");
		assertThatIllegalArgumentException().isThrownBy(() -> GlueImport.importTask(glue, Task.SST2))
			.withMessageEndingWith("dev.tsv line 1: expected header 'sentence<TAB>label', found 'text<TAB>label'");
	}

	@Test
	void refusesAWrongFieldCountOrLabel(@TempDir Path glue) throws Exception {
		write(glue.resolve("SST-2/dev.tsv"), "sentence\tlabel\nfine .\t1\nno label\n");
		assertThatIllegalArgumentException().isThrownBy(() -> GlueImport.importTask(glue, Task.SST2))
			.withMessageEndingWith("dev.tsv line 3: 1 tab-separated fields, expected 2");
		write(glue.resolve("SST-2/dev.tsv"), "sentence\tlabel\nfine .\tpositive\n");
		assertThatIllegalArgumentException().isThrownBy(() -> GlueImport.importTask(glue, Task.SST2))
			.withMessageEndingWith("dev.tsv line 2: label 'positive' is not 0 or 1");
		write(glue.resolve("QNLI/dev.tsv"), "index\tquestion\tsentence\tlabel\n0\tq?\ts.\tentails\n");
		assertThatIllegalArgumentException().isThrownBy(() -> GlueImport.importTask(glue, Task.QNLI))
			.withMessageEndingWith("dev.tsv line 2: label 'entails' is not one of [entailment, not_entailment]");
		write(glue.resolve("MNLI/dev_matched.jsonl"), "{\"premise\":\"p\",\"hypothesis\":\"h\",\"label\":\"-\"}\n");
		assertThatIllegalArgumentException().isThrownBy(() -> GlueImport.importTask(glue, Task.MNLI))
			.withMessageEndingWith(
					"dev_matched.jsonl line 1: label '-' is not one of [entailment, neutral, contradiction]");
	}

	@Test
	void refusesARowCountOtherThanGlues(@TempDir Path glue) throws Exception {
		write(glue.resolve("CoLA/dev_out_of_domain.tsv"), "\uFEFFa sentence .\t1\r\nanother .\t0\r\n");
		assertThatIllegalArgumentException().isThrownBy(() -> GlueImport.importTask(glue, Task.COLA))
			.withMessage("CoLA/dev_out_of_domain.tsv has 2 examples, GLUE's dev_out_of_domain split of CoLA has 516");
	}

	private static void write(Path file, String text) throws Exception {
		Files.createDirectories(file.getParent());
		Files.writeString(file, text);
	}

	private static void assertSpec(Task task, String id, String adapterhubTask, String adapterhubSubtask, String split,
			List<String> inputs, List<String> labels, List<Metric> metrics, Metric primary, String file) {
		BenchmarkSpec spec = imported.get(task).spec();
		assertThat(spec.id()).isEqualTo(id);
		assertThat(spec.adapterhubTask()).isEqualTo(adapterhubTask);
		assertThat(spec.adapterhubSubtask()).isEqualTo(adapterhubSubtask);
		assertThat(spec.split()).isEqualTo(split);
		assertThat(spec.inputColumns()).isEqualTo(inputs);
		assertThat(spec.labelColumn()).isEqualTo("label");
		assertThat(spec.labels()).isEqualTo(labels);
		assertThat(spec.metrics()).isEqualTo(metrics);
		assertThat(spec.primaryMetric()).isEqualTo(primary);
		assertThat(spec.datasetFile()).isEqualTo(file);
		assertThat(spec.license()).isNotBlank();
		assertThat(spec.source()).isNotBlank();
	}

	private static int[] distribution(Task task) {
		int[] counts = new int[imported.get(task).spec().labels().size()];
		examples.get(task).forEach((example) -> counts[example.label()]++);
		return counts;
	}

	private static String firstLine(Task task) {
		return new String(imported.get(task).dataset(), StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
	}

}
