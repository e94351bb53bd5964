package dev.plugboard.runner.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchmarkSpecTests {

	static final String SST2_JSON = """
			{
			  "id": "glue/sst2",
			  "name": "GLUE SST-2",
			  "adapterhub_task": "sentiment",
			  "adapterhub_subtask": "sst-2",
			  "split": "dev",
			  "input_columns": [
			    "sentence"
			  ],
			  "label_column": "label",
			  "labels": [
			    "negative",
			    "positive"
			  ],
			  "metrics": [
			    "accuracy"
			  ],
			  "primary_metric": "accuracy",
			  "dataset_file": "dev.jsonl",
			  "examples": 872,
			  "license": "Research use; see the dataset's site.",
			  "source": "GLUE SST-2 dev split"
			}
			""";

	@Test
	void parsesEveryMember() {
		BenchmarkSpec spec = BenchmarkSpec.fromJson(SST2_JSON);
		assertThat(spec).isEqualTo(valid().build());
		assertThat(spec.classId("positive")).isEqualTo(1);
		assertThat(spec.classId("neutral")).isEqualTo(-1);
	}

	@Test
	void jsonRoundTripIsExact() {
		BenchmarkSpec spec = valid().build();
		assertThat(spec.toJson()).isEqualTo(SST2_JSON);
		assertThat(BenchmarkSpec.fromJson(spec.toJson())).isEqualTo(spec);
		BenchmarkSpec pair = valid().id("glue/mnli")
			.inputColumns(List.of("premise", "hypothesis"))
			.labels(List.of("entailment", "neutral", "contradiction"))
			.metrics(List.of(Metric.ACCURACY, Metric.MATTHEWS_CORRELATION, Metric.PEARSON, Metric.SPEARMAN))
			.primaryMetric(Metric.MATTHEWS_CORRELATION)
			.source("quotes \" and <html> & unicode \u00e9")
			.build();
		assertThat(BenchmarkSpec.fromJson(pair.toJson())).isEqualTo(pair);
		assertThat(pair.toJson()).contains("<html> & unicode \u00e9");
	}

	@Test
	void readsAFile(@TempDir Path directory) throws Exception {
		Path file = directory.resolve("benchmark.json");
		Files.writeString(file, SST2_JSON);
		assertThat(BenchmarkSpec.read(file)).isEqualTo(valid().build());
	}

	@Test
	void listsAreImmutableCopies() {
		List<String> labels = new ArrayList<>(List.of("a", "b"));
		BenchmarkSpec spec = valid().labels(labels).build();
		labels.add("c");
		assertThat(spec.labels()).containsExactly("a", "b");
	}

	// validation of each field

	@ParameterizedTest
	@ValueSource(strings = { "sst2", "GLUE/sst2", "glue/SST2", "glue/", "/sst2", "glue/sst 2", "glue/sst2/dev",
			"gl_ue/sst2", "glue/sst2!" })
	void refusesBadIds(String id) {
		assertThatIllegalArgumentException().isThrownBy(() -> valid().id(id).build())
			.withMessage("id '" + id + "' must be lowercase group/name: [a-z0-9-]+/[a-z0-9._-]+, e.g. glue/sst2");
	}

	@ParameterizedTest
	@ValueSource(strings = { "glue/sst2", "glue/mnli", "super-glue/cb", "glue/sst-2.v1_x", "x/y" })
	void acceptsGoodIds(String id) {
		assertThat(valid().id(id).build().id()).isEqualTo(id);
	}

	@Test
	void refusesMissingFields() {
		assertThatIllegalArgumentException().isThrownBy(() -> valid().id(null).build()).withMessage("id is required");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().name(" ").build())
			.withMessage("name must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().license("").build())
			.withMessage("license must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().source(null).build())
			.withMessage("source is required");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().labels(null).build())
			.withMessage("labels is required");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().primaryMetric(null).build())
			.withMessage("primary_metric is required");
	}

	@Test
	void refusesBadAdapterHubIdsAndSplit() {
		assertThatIllegalArgumentException().isThrownBy(() -> valid().adapterhubTask("Sentiment").build())
			.withMessage("adapterhub_task 'Sentiment' must match [a-z0-9][a-z0-9._-]*, e.g. sentiment");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().adapterhubSubtask("sst 2").build())
			.withMessage("adapterhub_subtask 'sst 2' must match [a-z0-9][a-z0-9._-]*, e.g. sst-2");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().split("dev.matched").build())
			.withMessage("split 'dev.matched' must match [a-z0-9][a-z0-9_-]*, e.g. dev");
	}

	@Test
	void refusesBadColumns() {
		assertThatIllegalArgumentException().isThrownBy(() -> valid().inputColumns(List.of()).build())
			.withMessage("input_columns must name 1 or 2 text fields, found 0");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().inputColumns(List.of("a", "b", "c")).build())
			.withMessage("input_columns must name 1 or 2 text fields, found 3");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().inputColumns(List.of("a", "a")).build())
			.withMessage("input_columns names 'a' twice");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().inputColumns(List.of("first text")).build())
			.withMessage("input_columns: column name 'first text' must match [A-Za-z_][A-Za-z0-9_]*");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().labelColumn("gold-label").build())
			.withMessage("label_column: column name 'gold-label' must match [A-Za-z_][A-Za-z0-9_]*");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().labelColumn("sentence").build())
			.withMessage("label_column 'sentence' is also an input column");
	}

	@Test
	void refusesBadLabels() {
		assertThatIllegalArgumentException().isThrownBy(() -> valid().labels(List.of("positive")).build())
			.withMessage("labels must list at least 2 values, found 1");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().labels(List.of("a", "b", "a")).build())
			.withMessage("labels lists 'a' twice");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().labels(List.of("a", " ")).build())
			.withMessage("labels must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().labels(List.of("a", "b ")).build())
			.withMessage("label 'b ' has leading or trailing white space");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().labels(Arrays.asList("a", null)).build())
			.withMessage("labels is required");
	}

	@Test
	void refusesBadMetrics() {
		assertThatIllegalArgumentException().isThrownBy(() -> valid().metrics(List.of()).build())
			.withMessage("metrics must list at least one metric");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> valid().metrics(List.of(Metric.ACCURACY, Metric.ACCURACY)).build())
			.withMessage("metrics lists 'accuracy' twice");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> valid().metrics(List.of(Metric.MATTHEWS_CORRELATION)).build())
			.withMessage("primary_metric 'accuracy' is not one of metrics [matthews_correlation]");
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> valid().labels(List.of("a", "b", "c")).metrics(List.of(Metric.ACCURACY, Metric.F1)).build())
			.withMessage("metric f1 is the positive-class F1 of a binary task; labels has 3 values");
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev.json", "data/dev.jsonl", "../dev.jsonl", ".jsonl", "dev..jsonl", "dev jsonl.jsonl",
			"dév.jsonl" })
	void refusesBadDatasetFiles(String file) {
		assertThatIllegalArgumentException().isThrownBy(() -> valid().datasetFile(file).build())
			.withMessage("dataset_file '" + file
					+ "' must be a plain .jsonl file name ([A-Za-z0-9._-], no directories), e.g. dev.jsonl");
	}

	@Test
	void refusesNoExamples() {
		assertThatIllegalArgumentException().isThrownBy(() -> valid().examples(0).build())
			.withMessage("examples must be at least 1, found 0");
	}

	// JSON errors

	@Test
	void refusesMalformedJson() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkSpec.fromJson("{\"id\": "))
			.withMessageStartingWith("malformed JSON");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkSpec.fromJson("{id: \"glue/sst2\"}"))
			.withMessageStartingWith("malformed JSON");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkSpec.fromJson("[]"))
			.withMessage("expected a JSON object, found an array");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkSpec.fromJson(SST2_JSON + "{}"))
			.withMessage("unexpected content after the JSON object");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchmarkSpec.fromJson(SST2_JSON.replace("\"split\": \"dev\"", "\"id\": \"glue/x\"")))
			.withMessage("duplicate member 'id'");
	}

	@Test
	void refusesMissingUnknownAndMistypedMembers() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkSpec.fromJson(edit((json) -> {
			json.remove("label_column");
			return json;
		}))).withMessage("missing member 'label_column'");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkSpec.fromJson(edit((json) -> {
			json.add("split", null);
			return json;
		}))).withMessage("missing member 'split'");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkSpec.fromJson(edit((json) -> {
			json.addProperty("primary_metrics", "accuracy");
			return json;
		}))).withMessageStartingWith("unknown member(s) [primary_metrics]; a benchmark spec has [id, name,");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkSpec.fromJson(edit((json) -> {
			json.addProperty("examples", "872");
			return json;
		}))).withMessage("member 'examples' must be an integer, found \"872\"");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkSpec.fromJson(edit((json) -> {
			json.addProperty("examples", 8.5);
			return json;
		}))).withMessage("member 'examples' must be an integer, found 8.5");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkSpec.fromJson(edit((json) -> {
			json.addProperty("labels", "negative,positive");
			return json;
		}))).withMessage("member 'labels' must be an array of strings, found \"negative,positive\"");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkSpec.fromJson(edit((json) -> {
			json.add("labels", JsonParser.parseString("[\"negative\", 1]"));
			return json;
		}))).withMessage("member 'labels' must be an array of strings, found element 1");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkSpec.fromJson(edit((json) -> {
			json.addProperty("id", 7);
			return json;
		}))).withMessage("member 'id' must be a string, found 7");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkSpec.fromJson(edit((json) -> {
			json.add("metrics", JsonParser.parseString("[\"accuracy\", \"auc\"]"));
			return json;
		}))).withMessage("unknown metric 'auc'; known: accuracy, f1, matthews_correlation, pearson, spearman");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkSpec.fromJson(edit((json) -> {
			json.addProperty("id", "GLUE/SST2");
			return json;
		}))).withMessageStartingWith("id 'GLUE/SST2' must be lowercase");
	}

	// adapter heads

	@Test
	void mapsNamedHeadLabelsByName() {
		BenchmarkSpec mnli = valid().labels(List.of("entailment", "neutral", "contradiction")).build();
		assertThat(mnli.classIdsOfHead(List.of("contradiction", "entailment", "neutral"))).containsExactly(2, 0, 1);
		assertThat(mnli.classIdsOfHead(List.of("ENTAILMENT", "Neutral", "contradiction"))).containsExactly(0, 1, 2);
		BenchmarkSpec rte = valid().labels(List.of("entailment", "not_entailment")).build();
		assertThat(rte.classIdsOfHead(List.of("not-entailment", "entailment"))).containsExactly(1, 0);
	}

	@Test
	void mapsGenericHeadLabelsByIndex() {
		BenchmarkSpec spec = valid().build();
		assertThat(spec.classIdsOfHead(List.of("0", "1"))).containsExactly(0, 1);
		assertThat(spec.classIdsOfHead(List.of("LABEL_0", "LABEL_1"))).containsExactly(0, 1);
	}

	@Test
	void refusesHeadsThatDoNotFit() {
		BenchmarkSpec spec = valid().build();
		assertThatIllegalArgumentException().isThrownBy(() -> spec.classIdsOfHead(List.of("0", "1", "2")))
			.withMessage("the head has 3 outputs [0, 1, 2], benchmark glue/sst2 has 2 labels [negative, positive]");
		assertThatIllegalArgumentException().isThrownBy(() -> spec.classIdsOfHead(List.of("neg", "pos")))
			.withMessage("the head's labels [neg, pos] do not match benchmark glue/sst2's labels [negative, positive]"
					+ " (by name) and are not generic index labels");
		assertThatIllegalArgumentException().isThrownBy(() -> spec.classIdsOfHead(List.of("1", "0")))
			.withMessageContaining("are not generic index labels");
		assertThatIllegalArgumentException().isThrownBy(() -> spec.classIdsOfHead(List.of("positive", "positive")))
			.withMessageContaining("do not match");
	}

	private static String edit(UnaryOperator<JsonObject> change) {
		return change.apply(JsonParser.parseString(SST2_JSON).getAsJsonObject()).toString();
	}

	static Builder valid() {
		return new Builder();
	}

	/** A valid SST-2 spec, changed one field at a time. */
	static final class Builder {

		private String id = "glue/sst2";

		private String name = "GLUE SST-2";

		private String adapterhubTask = "sentiment";

		private String adapterhubSubtask = "sst-2";

		private String split = "dev";

		private List<String> inputColumns = List.of("sentence");

		private String labelColumn = "label";

		private List<String> labels = List.of("negative", "positive");

		private List<Metric> metrics = List.of(Metric.ACCURACY);

		private Metric primaryMetric = Metric.ACCURACY;

		private String datasetFile = "dev.jsonl";

		private int examples = 872;

		private String license = "Research use; see the dataset's site.";

		private String source = "GLUE SST-2 dev split";

		Builder id(String id) {
			this.id = id;
			return this;
		}

		Builder name(String name) {
			this.name = name;
			return this;
		}

		Builder adapterhubTask(String adapterhubTask) {
			this.adapterhubTask = adapterhubTask;
			return this;
		}

		Builder adapterhubSubtask(String adapterhubSubtask) {
			this.adapterhubSubtask = adapterhubSubtask;
			return this;
		}

		Builder split(String split) {
			this.split = split;
			return this;
		}

		Builder inputColumns(List<String> inputColumns) {
			this.inputColumns = inputColumns;
			return this;
		}

		Builder labelColumn(String labelColumn) {
			this.labelColumn = labelColumn;
			return this;
		}

		Builder labels(List<String> labels) {
			this.labels = labels;
			return this;
		}

		Builder metrics(List<Metric> metrics) {
			this.metrics = metrics;
			return this;
		}

		Builder primaryMetric(Metric primaryMetric) {
			this.primaryMetric = primaryMetric;
			return this;
		}

		Builder datasetFile(String datasetFile) {
			this.datasetFile = datasetFile;
			return this;
		}

		Builder examples(int examples) {
			this.examples = examples;
			return this;
		}

		Builder license(String license) {
			this.license = license;
			return this;
		}

		Builder source(String source) {
			this.source = source;
			return this;
		}

		BenchmarkSpec build() {
			return new BenchmarkSpec(this.id, this.name, this.adapterhubTask, this.adapterhubSubtask, this.split,
					this.inputColumns, this.labelColumn, this.labels, this.metrics, this.primaryMetric,
					this.datasetFile, this.examples, this.license, this.source);
		}

	}

}
