package dev.plugboard.runner.benchmark;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * A benchmark task as a registry resource: what the dataset file holds, how its labels
 * map to class ids, which metrics are reported, and which AdapterHub task/subtask it
 * serves. Serialized as a JSON object with snake_case members (see
 * {@code docs/evaluation.md}).
 * <p>
 * Class ids: the index of a label in {@link #labels()} is its class id. Gold labels are
 * stored in the dataset as the label strings; predictions are class ids. An adapter head
 * is mapped onto the class ids with {@link #classIdsOfHead(List)}.
 *
 * @param id the benchmark id, {@code group/name}, e.g. {@code glue/sst2}
 * @param name the display name, e.g. {@code GLUE SST-2}
 * @param adapterhubTask the AdapterHub task id the benchmark serves, e.g.
 * {@code sentiment}
 * @param adapterhubSubtask the AdapterHub subtask id, e.g. {@code sst-2}
 * @param split the dataset split, e.g. {@code dev}
 * @param inputColumns the text fields fed to the model, one or two, in order
 * @param labelColumn the field holding the gold label
 * @param labels the label values in class-id order
 * @param metrics the metrics reported, in reporting order
 * @param primaryMetric the metric leaderboards sort by; one of {@code metrics}
 * @param datasetFile the normalized dataset's file name, e.g. {@code dev.jsonl}
 * @param examples the number of examples in the dataset file
 * @param license the dataset's license terms, as free text
 * @param source where the data comes from, as free text
 */
public record BenchmarkSpec(String id, String name, String adapterhubTask, String adapterhubSubtask, String split,
		List<String> inputColumns, String labelColumn, List<String> labels, List<Metric> metrics, Metric primaryMetric,
		String datasetFile, int examples, String license, String source) {

	private static final Pattern ID = Pattern.compile("[a-z0-9-]+/[a-z0-9._-]+");

	private static final Pattern ADAPTERHUB_ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");

	private static final Pattern SPLIT = Pattern.compile("[a-z0-9][a-z0-9_-]*");

	private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.jsonl");

	private static final Pattern GENERIC_HEAD_LABEL = Pattern.compile("(?:label_)?([0-9]+)");

	private static final List<String> MEMBERS = List.of("id", "name", "adapterhub_task", "adapterhub_subtask", "split",
			"input_columns", "label_column", "labels", "metrics", "primary_metric", "dataset_file", "examples",
			"license", "source");

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

	/**
	 * Validates every field and takes immutable copies of the lists.
	 * @throws IllegalArgumentException naming the first invalid field
	 */
	public BenchmarkSpec {
		require("id", id);
		if (!ID.matcher(id).matches()) {
			throw new IllegalArgumentException(
					"id '" + id + "' must be lowercase group/name: [a-z0-9-]+/[a-z0-9._-]+, e.g. glue/sst2");
		}
		requireText("name", name);
		require("adapterhub_task", adapterhubTask);
		requirePattern("adapterhub_task", adapterhubTask, ADAPTERHUB_ID, "[a-z0-9][a-z0-9._-]*, e.g. sentiment");
		require("adapterhub_subtask", adapterhubSubtask);
		requirePattern("adapterhub_subtask", adapterhubSubtask, ADAPTERHUB_ID, "[a-z0-9][a-z0-9._-]*, e.g. sst-2");
		require("split", split);
		requirePattern("split", split, SPLIT, "[a-z0-9][a-z0-9_-]*, e.g. dev");
		require("input_columns", inputColumns);
		if (inputColumns.size() < 1 || inputColumns.size() > 2) {
			throw new IllegalArgumentException(
					"input_columns must name 1 or 2 text fields, found " + inputColumns.size());
		}
		for (String column : inputColumns) {
			requireColumn("input_columns", column);
		}
		if (inputColumns.size() == 2 && inputColumns.get(0).equals(inputColumns.get(1))) {
			throw new IllegalArgumentException("input_columns names '" + inputColumns.get(0) + "' twice");
		}
		requireColumn("label_column", labelColumn);
		if (inputColumns.contains(labelColumn)) {
			throw new IllegalArgumentException("label_column '" + labelColumn + "' is also an input column");
		}
		require("labels", labels);
		if (labels.size() < 2) {
			throw new IllegalArgumentException("labels must list at least 2 values, found " + labels.size());
		}
		Set<String> seenLabels = new HashSet<>();
		for (String label : labels) {
			requireText("labels", label);
			if (!label.equals(label.strip())) {
				throw new IllegalArgumentException("label '" + label + "' has leading or trailing white space");
			}
			if (!seenLabels.add(label)) {
				throw new IllegalArgumentException("labels lists '" + label + "' twice");
			}
		}
		require("metrics", metrics);
		if (metrics.isEmpty()) {
			throw new IllegalArgumentException("metrics must list at least one metric");
		}
		Set<Metric> seenMetrics = new HashSet<>();
		for (Metric metric : metrics) {
			require("metrics", metric);
			if (!seenMetrics.add(metric)) {
				throw new IllegalArgumentException("metrics lists '" + metric + "' twice");
			}
		}
		if (metrics.contains(Metric.F1) && labels.size() != 2) {
			throw new IllegalArgumentException(
					"metric f1 is the positive-class F1 of a binary task; labels has " + labels.size() + " values");
		}
		require("primary_metric", primaryMetric);
		if (!metrics.contains(primaryMetric)) {
			throw new IllegalArgumentException(
					"primary_metric '" + primaryMetric + "' is not one of metrics " + metrics);
		}
		require("dataset_file", datasetFile);
		if (!FILE.matcher(datasetFile).matches() || datasetFile.contains("..")) {
			throw new IllegalArgumentException("dataset_file '" + datasetFile
					+ "' must be a plain .jsonl file name ([A-Za-z0-9._-], no directories), e.g. dev.jsonl");
		}
		if (examples < 1) {
			throw new IllegalArgumentException("examples must be at least 1, found " + examples);
		}
		requireText("license", license);
		requireText("source", source);
		inputColumns = List.copyOf(inputColumns);
		labels = List.copyOf(labels);
		metrics = List.copyOf(metrics);
	}

	/**
	 * The class id of a label value.
	 * @param label a value of {@link #labels()}
	 * @return its index, or -1 when it is not a label of this benchmark
	 */
	public int classId(String label) {
		return this.labels.indexOf(label);
	}

	/**
	 * Maps the output indexes of an adapter's prediction head onto this benchmark's class
	 * ids. The head's labels are its {@code id2label} (inverted {@code label2id}) in
	 * output order. Rules, in order:
	 * <ol>
	 * <li>named head labels that are a permutation of {@link #labels()} map by name,
	 * compared case-insensitively with {@code -} and space read as {@code _};</li>
	 * <li>generic head labels ({@code 0}, {@code 1}, … or {@code LABEL_0},
	 * {@code LABEL_1}, …, each equal to its own index, as written when a head has no
	 * {@code label2id}) map by index when the head has exactly as many outputs as the
	 * benchmark has labels;</li>
	 * <li>anything else is refused.</li>
	 * </ol>
	 * @param headLabels the label of each head output, in output order
	 * @return for each head output index, the benchmark class id
	 * @throws IllegalArgumentException when the head does not fit the benchmark
	 */
	public int[] classIdsOfHead(List<String> headLabels) {
		if (headLabels.size() != this.labels.size()) {
			throw new IllegalArgumentException("the head has " + headLabels.size() + " outputs " + headLabels
					+ ", benchmark " + this.id + " has " + this.labels.size() + " labels " + this.labels);
		}
		Map<String, Integer> byName = new HashMap<>();
		for (int i = 0; i < this.labels.size(); i++) {
			byName.put(normalizeLabel(this.labels.get(i)), i);
		}
		int[] classIds = new int[headLabels.size()];
		Set<Integer> used = new HashSet<>();
		boolean named = true;
		for (int i = 0; i < headLabels.size() && named; i++) {
			Integer classId = byName.get(normalizeLabel(headLabels.get(i)));
			named = classId != null && used.add(classId);
			classIds[i] = (classId != null) ? classId : -1;
		}
		if (named) {
			return classIds;
		}
		boolean generic = true;
		for (int i = 0; i < headLabels.size() && generic; i++) {
			var matcher = GENERIC_HEAD_LABEL.matcher(normalizeLabel(headLabels.get(i)));
			generic = matcher.matches() && matcher.group(1).equals(Integer.toString(i));
		}
		if (generic) {
			for (int i = 0; i < classIds.length; i++) {
				classIds[i] = i;
			}
			return classIds;
		}
		throw new IllegalArgumentException("the head's labels " + headLabels + " do not match benchmark " + this.id
				+ "'s labels " + this.labels + " (by name) and are not generic index labels");
	}

	private static String normalizeLabel(String label) {
		return label.strip().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
	}

	/**
	 * The spec as pretty-printed JSON with snake_case members in a fixed order.
	 * @return the JSON text
	 */
	public String toJson() {
		JsonObject json = new JsonObject();
		json.addProperty("id", this.id);
		json.addProperty("name", this.name);
		json.addProperty("adapterhub_task", this.adapterhubTask);
		json.addProperty("adapterhub_subtask", this.adapterhubSubtask);
		json.addProperty("split", this.split);
		json.add("input_columns", strings(this.inputColumns));
		json.addProperty("label_column", this.labelColumn);
		json.add("labels", strings(this.labels));
		json.add("metrics", strings(this.metrics.stream().map(Metric::id).toList()));
		json.addProperty("primary_metric", this.primaryMetric.id());
		json.addProperty("dataset_file", this.datasetFile);
		json.addProperty("examples", this.examples);
		json.addProperty("license", this.license);
		json.addProperty("source", this.source);
		return GSON.toJson(json) + "\n";
	}

	/**
	 * Parses and validates a spec. Every member is required; unknown members are refused.
	 * @param json the JSON text
	 * @return the spec
	 * @throws IllegalArgumentException naming the malformed, missing, mistyped or invalid
	 * member
	 */
	public static BenchmarkSpec fromJson(String json) {
		return fromJson(new StringReader(json));
	}

	/**
	 * Reads a spec from a file (UTF-8).
	 * @param file the JSON file
	 * @return the spec
	 * @throws IllegalArgumentException when the spec is invalid
	 * @throws UncheckedIOException when the file cannot be read
	 */
	public static BenchmarkSpec read(Path file) {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return fromJson(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read benchmark spec " + file, ex);
		}
	}

	private static BenchmarkSpec fromJson(Reader json) {
		Map<String, JsonElement> members = StrictJson.object(json);
		Set<String> unknown = new LinkedHashSet<>(members.keySet());
		MEMBERS.forEach(unknown::remove);
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("unknown member(s) " + unknown + "; a benchmark spec has " + MEMBERS);
		}
		List<Metric> metrics = new ArrayList<>();
		for (String metric : stringList(members, "metrics")) {
			metrics.add(Metric.of(metric));
		}
		return new BenchmarkSpec(string(members, "id"), string(members, "name"), string(members, "adapterhub_task"),
				string(members, "adapterhub_subtask"), string(members, "split"), stringList(members, "input_columns"),
				string(members, "label_column"), stringList(members, "labels"), metrics,
				Metric.of(string(members, "primary_metric")), string(members, "dataset_file"),
				integer(members, "examples"), string(members, "license"), string(members, "source"));
	}

	private static JsonElement member(Map<String, JsonElement> members, String name) {
		JsonElement value = members.get(name);
		if (value == null || value.isJsonNull()) {
			throw new IllegalArgumentException("missing member '" + name + "'");
		}
		return value;
	}

	private static String string(Map<String, JsonElement> members, String name) {
		JsonElement value = member(members, name);
		if (!(value instanceof JsonPrimitive primitive) || !primitive.isString()) {
			throw new IllegalArgumentException("member '" + name + "' must be a string, found " + value);
		}
		return primitive.getAsString();
	}

	private static int integer(Map<String, JsonElement> members, String name) {
		JsonElement value = member(members, name);
		if (value instanceof JsonPrimitive primitive && primitive.isNumber()) {
			try {
				return primitive.getAsBigDecimal().intValueExact();
			}
			catch (ArithmeticException ex) {
				// falls through to the error below
			}
		}
		throw new IllegalArgumentException("member '" + name + "' must be an integer, found " + value);
	}

	private static List<String> stringList(Map<String, JsonElement> members, String name) {
		JsonElement value = member(members, name);
		if (!(value instanceof JsonArray array)) {
			throw new IllegalArgumentException("member '" + name + "' must be an array of strings, found " + value);
		}
		List<String> strings = new ArrayList<>();
		for (JsonElement element : array) {
			if (!(element instanceof JsonPrimitive primitive) || !primitive.isString()) {
				throw new IllegalArgumentException(
						"member '" + name + "' must be an array of strings, found element " + element);
			}
			strings.add(primitive.getAsString());
		}
		return strings;
	}

	private static JsonArray strings(List<String> values) {
		JsonArray array = new JsonArray();
		values.forEach(array::add);
		return array;
	}

	private static void require(String field, Object value) {
		if (value == null) {
			throw new IllegalArgumentException(field + " is required");
		}
	}

	private static void requireText(String field, String value) {
		require(field, value);
		if (value.isBlank()) {
			throw new IllegalArgumentException(field + " must not be blank");
		}
	}

	private static void requirePattern(String field, String value, Pattern pattern, String expected) {
		if (!pattern.matcher(value).matches()) {
			throw new IllegalArgumentException(field + " '" + value + "' must match " + expected);
		}
	}

	private static void requireColumn(String field, String column) {
		require(field, column);
		if (!COLUMN.matcher(column).matches()) {
			throw new IllegalArgumentException(
					field + ": column name '" + column + "' must match [A-Za-z_][A-Za-z0-9_]*");
		}
	}

}
