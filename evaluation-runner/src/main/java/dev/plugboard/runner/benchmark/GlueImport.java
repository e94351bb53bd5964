package dev.plugboard.runner.benchmark;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;

/**
 * Imports the GLUE dev sets from a directory laid out like {@code shared/data/glue} (one
 * folder per task, each described by its {@code SOURCE.txt}) into benchmark specs plus
 * normalized JSONL datasets. The formats differ per folder and are read exactly as
 * described: TSV is split on tabs with quoting disabled (MRPC strings hold raw double
 * quotes), a UTF-8 byte order mark is dropped, texts are kept verbatim (including SST-2's
 * trailing spaces, as GLUE and Hugging Face {@code datasets} keep them). Labels follow
 * GLUE / Hugging Face {@code datasets} class-id order. A row count other than the known
 * one fails the import: a different count means a different dataset.
 *
 * <pre>
 * java -cp … dev.plugboard.runner.benchmark.GlueImport &lt;glue-dir&gt; &lt;output-dir&gt;
 * </pre>
 *
 * writes {@code <output-dir>/<group>/<name>/benchmark.json} and the dataset file beside
 * it for every task.
 */
public final class GlueImport {

	/** A GLUE task as laid out in the source directory. */
	public enum Task {

		/** SST-2: {@code dev.tsv}, header {@code sentence, label}, 0/1 labels. */
		SST2("SST-2", "dev.tsv", 872),

		/** MRPC: {@code dev.tsv}, BOM, header, raw quotes, Quality 1 = paraphrase. */
		MRPC("MRPC", "dev.tsv", 408),

		/**
		 * RTE: {@code dev.tsv}, HF export, header
		 * {@code sentence1, sentence2, label, idx}.
		 */
		RTE("RTE", "dev.tsv", 277),

		/** QNLI: {@code dev.tsv}, GLUE format, string labels. */
		QNLI("QNLI", "dev.tsv", 5463),

		/** MNLI: {@code dev_matched.jsonl}, string labels. */
		MNLI("MNLI", "dev_matched.jsonl", 9815),

		/** CoLA: {@code dev_out_of_domain.tsv}, no header, {@code sentence, label}. */
		COLA("CoLA", "dev_out_of_domain.tsv", 516);

		private final String folder;

		private final String file;

		private final int rows;

		Task(String folder, String file, int rows) {
			this.folder = folder;
			this.file = file;
			this.rows = rows;
		}

		/**
		 * The task's folder in the GLUE directory, e.g. {@code SST-2}.
		 * @return the folder name
		 */
		public String folder() {
			return this.folder;
		}

		/**
		 * The dev file read, relative to {@link #folder()}.
		 * @return the file name
		 */
		public String file() {
			return this.file;
		}

		/**
		 * The number of examples the dev file must hold.
		 * @return the row count
		 */
		public int rows() {
			return this.rows;
		}

	}

	/**
	 * One imported benchmark.
	 *
	 * @param task the GLUE task
	 * @param spec the benchmark spec
	 * @param dataset the normalized JSONL bytes, named {@code spec.datasetFile()}
	 */
	public record Imported(Task task, BenchmarkSpec spec, byte[] dataset) {

		/**
		 * The dataset's sha256, as the hub stores blobs.
		 * @return lowercase hex
		 */
		public String datasetSha256() {
			try {
				return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(this.dataset));
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/**
		 * The examples, read back through {@link BenchmarkDataset}.
		 * @return the examples
		 */
		public List<Example> examples() {
			return BenchmarkDataset.read(this.spec, new ByteArrayInputStream(this.dataset));
		}

	}

	private static final String GLUE = "GLUE (Wang et al., 2018), https://gluebenchmark.com/; ";

	private GlueImport() {
	}

	/**
	 * Imports every task, in {@link Task} order.
	 * @param glue the GLUE directory
	 * @return the imported benchmarks
	 * @throws IllegalArgumentException when a file does not have its expected layout
	 * @throws UncheckedIOException when a file cannot be read
	 */
	public static List<Imported> importAll(Path glue) {
		return Arrays.stream(Task.values()).map((task) -> importTask(glue, task)).toList();
	}

	/**
	 * Imports one task.
	 * @param glue the GLUE directory
	 * @param task the task
	 * @return the imported benchmark
	 * @throws IllegalArgumentException naming the file and line that does not have the
	 * expected layout, or when the row count is not the task's
	 * @throws UncheckedIOException when the file cannot be read
	 */
	public static Imported importTask(Path glue, Task task) {
		Path file = glue.resolve(task.folder()).resolve(task.file());
		List<String> lines = lines(file);
		List<Example> examples = new ArrayList<>();
		BenchmarkSpec spec = switch (task) {
			case SST2 -> {
				tsv(file, lines, "sentence\tlabel", 2, (n, f) -> examples.add(example(file, n, f[1], f[0])));
				yield spec(task, "glue/sst2", "GLUE SST-2", "sentiment", "sst-2", "dev", List.of("sentence"),
						List.of("negative", "positive"), List.of(Metric.ACCURACY), Metric.ACCURACY, "dev.jsonl",
						examples.size(),
						"No explicit license published for the Stanford Sentiment Treebank (Hugging Face lists"
								+ " \"unknown\"); GLUE refers to the original dataset's license. Research use.",
						GLUE + "Stanford Sentiment Treebank (Socher et al., EMNLP 2013), GLUE dev split "
								+ "(872 sentences, lowercased and PTB-tokenized as in GLUE).");
			}
			case MRPC -> {
				tsv(file, lines, "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String", 5,
						(n, f) -> examples.add(example(file, n, f[0], f[3], f[4])));
				yield spec(task, "glue/mrpc", "GLUE MRPC", "sts", "mrpc", "dev", List.of("sentence1", "sentence2"),
						List.of("not_equivalent", "equivalent"), List.of(Metric.F1, Metric.ACCURACY), Metric.F1,
						"dev.jsonl", examples.size(),
						"Microsoft Research Shared Source License Agreement (MSR-SSLA): non-commercial use,"
								+ " copying and distribution only.",
						GLUE + "Microsoft Research Paraphrase Corpus (Dolan & Brockett, 2005), GLUE dev split "
								+ "(408 pairs); Quality 1 = equivalent.");
			}
			case RTE -> {
				tsv(file, lines, "sentence1\tsentence2\tlabel\tidx", 4,
						(n, f) -> examples.add(example(file, n, f[2], f[0], f[1])));
				yield spec(task, "glue/rte", "GLUE RTE", "nli", "rte", "dev", List.of("sentence1", "sentence2"),
						List.of("entailment", "not_entailment"), List.of(Metric.ACCURACY), Metric.ACCURACY, "dev.jsonl",
						examples.size(),
						"No explicit license published by the RTE organisers; GLUE refers to the original"
								+ " licenses. Research use.",
						GLUE + "PASCAL RTE 1, 2, 3 and 5 (Dagan et al. 2006; Bar Haim et al. 2006; Giampiccolo et al."
								+ " 2007; Bentivogli et al. 2009), GLUE dev split (277 pairs) from the Hugging Face"
								+ " glue/rte export; a few texts lack stray double quotes of the original.");
			}
			case QNLI -> {
				tsv(file, lines, "index\tquestion\tsentence\tlabel", 4, (n, f) -> examples
					.add(named(file, n, f[3], List.of("entailment", "not_entailment"), f[1], f[2])));
				yield spec(task, "glue/qnli", "GLUE QNLI", "nli", "qnli", "dev", List.of("question", "sentence"),
						List.of("entailment", "not_entailment"), List.of(Metric.ACCURACY), Metric.ACCURACY, "dev.jsonl",
						examples.size(),
						"CC BY-SA 4.0 (derived from SQuAD v1.1, which is released under CC BY-SA 4.0).",
						GLUE + "QNLI (current v2) derived from SQuAD v1.1 (Rajpurkar et al., 2016), GLUE dev split"
								+ " (5,463 pairs).");
			}
			case MNLI -> {
				List<String> labels = List.of("entailment", "neutral", "contradiction");
				for (int i = 0; i < lines.size(); i++) {
					examples.add(mnli(file, i + 1, lines.get(i), labels));
				}
				yield spec(task, "glue/mnli", "GLUE MNLI (matched)", "nli", "multinli", "dev_matched",
						List.of("premise", "hypothesis"), labels, List.of(Metric.ACCURACY), Metric.ACCURACY,
						"dev_matched.jsonl", examples.size(),
						"Mostly the Open American National Corpus license (free use, modification and sharing);"
								+ " fiction parts CC BY-SA 3.0 (Seven Swords), CC BY 3.0 (Living History, Password"
								+ " Incorrect), the rest public domain in the US.",
						GLUE + "MultiNLI 1.0 (Williams, Nangia & Bowman, NAACL 2018), dev matched (9,815 pairs;"
								+ " gold label '-' dropped).");
			}
			case COLA -> {
				tsv(file, lines, null, 2, (n, f) -> examples.add(example(file, n, f[1], f[0])));
				yield spec(task, "glue/cola", "GLUE CoLA (out-of-domain dev)", "lingaccept", "cola",
						"dev_out_of_domain", List.of("sentence"), List.of("unacceptable", "acceptable"),
						List.of(Metric.MATTHEWS_CORRELATION), Metric.MATTHEWS_CORRELATION, "dev_out_of_domain.jsonl",
						examples.size(), "Not confirmed; check https://nyu-mll.github.io/CoLA/ before redistribution.",
						GLUE + "Corpus of Linguistic Acceptability (Warstadt, Singh & Bowman, TACL 2019),"
								+ " out_of_domain_dev only (516 sentences; GLUE's dev adds the 527 in-domain ones),"
								+ " lowercased and tokenized, not GLUE's raw text.");
			}
		};
		return new Imported(task, spec, BenchmarkDataset.write(spec, examples));
	}

	/**
	 * Imports every task and writes {@code benchmark.json} and the dataset file per task.
	 * @param args the GLUE directory and the output directory
	 * @throws IOException when writing fails
	 */
	public static void main(String[] args) throws IOException {
		if (args.length != 2) {
			System.err.println("usage: GlueImport <glue-dir> <output-dir>");
			System.exit(2);
		}
		Path output = Path.of(args[1]);
		for (Imported imported : importAll(Path.of(args[0]))) {
			Path directory = output.resolve(imported.spec().id());
			Files.createDirectories(directory);
			Files.writeString(directory.resolve("benchmark.json"), imported.spec().toJson());
			Files.write(directory.resolve(imported.spec().datasetFile()), imported.dataset());
			System.out.printf("%-10s %6d examples  %s  sha256:%s%n", imported.spec().id(), imported.spec().examples(),
					directory.resolve(imported.spec().datasetFile()), imported.datasetSha256());
		}
	}

	private static BenchmarkSpec spec(Task task, String id, String name, String adapterhubTask,
			String adapterhubSubtask, String split, List<String> inputColumns, List<String> labels,
			List<Metric> metrics, Metric primary, String datasetFile, int examples, String license, String source) {
		if (examples != task.rows()) {
			throw new IllegalArgumentException(task.folder() + "/" + task.file() + " has " + examples
					+ " examples, GLUE's " + split + " split of " + task.folder() + " has " + task.rows());
		}
		return new BenchmarkSpec(id, name, adapterhubTask, adapterhubSubtask, split, inputColumns, "label", labels,
				metrics, primary, datasetFile, examples, license, source);
	}

	/** Lines of a UTF-8 file without the byte order mark, CR or the final empty line. */
	private static List<String> lines(Path file) {
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(java.nio.ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new IllegalArgumentException(file + " is not valid UTF-8", ex);
		}
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		List<String> lines = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(new java.io.StringReader(text))) {
			String line;
			while ((line = reader.readLine()) != null) {
				lines.add(line);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).isEmpty()) {
				throw new IllegalArgumentException(file + " line " + (i + 1) + ": empty line");
			}
		}
		return lines;
	}

	@FunctionalInterface
	private interface Row {

		void accept(int lineNumber, String[] fields);

	}

	/**
	 * Splits TSV lines on tabs, no quoting, after checking the header when there is one.
	 */
	private static void tsv(Path file, List<String> lines, String header, int columns, Row row) {
		int first = 0;
		if (header != null) {
			if (lines.isEmpty() || !lines.get(0).equals(header)) {
				throw new IllegalArgumentException(file + " line 1: expected header '" + header.replace("\t", "<TAB>")
						+ "', found '" + (lines.isEmpty() ? "" : lines.get(0).replace("\t", "<TAB>")) + "'");
			}
			first = 1;
		}
		for (int i = first; i < lines.size(); i++) {
			String[] fields = lines.get(i).split("\t", -1);
			if (fields.length != columns) {
				throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + fields.length
						+ " tab-separated fields, expected " + columns);
			}
			row.accept(i + 1, fields);
		}
	}

	/** An example whose label is a 0/1 class id already in GLUE order. */
	private static Example example(Path file, int lineNumber, String label, String... texts) {
		int classId = switch (label) {
			case "0" -> 0;
			case "1" -> 1;
			default -> throw new IllegalArgumentException(
					file + " line " + lineNumber + ": label '" + label + "' is not 0 or 1");
		};
		return new Example(List.of(texts), classId);
	}

	/** An example whose label is one of the given label strings. */
	private static Example named(Path file, int lineNumber, String label, List<String> labels, String... texts) {
		int classId = labels.indexOf(label);
		if (classId < 0) {
			throw new IllegalArgumentException(
					file + " line " + lineNumber + ": label '" + label + "' is not one of " + labels);
		}
		return new Example(List.of(texts), classId);
	}

	private static Example mnli(Path file, int lineNumber, String line, List<String> labels) {
		Map<String, JsonElement> members;
		try {
			members = StrictJson.object(new java.io.StringReader(line));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(file + " line " + lineNumber + ": " + ex.getMessage(), ex);
		}
		String premise = text(file, lineNumber, members, "premise");
		String hypothesis = text(file, lineNumber, members, "hypothesis");
		return named(file, lineNumber, text(file, lineNumber, members, "label"), labels, premise, hypothesis);
	}

	private static String text(Path file, int lineNumber, Map<String, JsonElement> members, String name) {
		JsonElement value = members.get(name);
		if (!(value instanceof JsonPrimitive primitive) || !primitive.isString()) {
			throw new IllegalArgumentException(
					file + " line " + lineNumber + ": '" + name + "' must be a string, found " + value);
		}
		return primitive.getAsString();
	}

}
