package dev.plugboard.runner.benchmark;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * The normalized benchmark dataset format: UTF-8 JSON lines, one object per example,
 * holding the spec's input columns and its label column as strings; the label is one of
 * the spec's label values. Members beyond those are ignored on reading and never written.
 * Every line ends with {@code \n} (a final line without it and {@code \r\n} are accepted
 * on reading); blank lines are refused.
 *
 * <pre>
 * {"sentence":"it 's a charming and often affecting journey . ","label":"positive"}
 * </pre>
 */
public final class BenchmarkDataset {

	private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

	private BenchmarkDataset() {
	}

	/**
	 * Reads a dataset file.
	 * @param spec the benchmark it belongs to
	 * @param file the JSONL file
	 * @return the examples in file order
	 * @throws IllegalArgumentException naming the line of the first invalid example, or
	 * when the count differs from the spec's {@code examples}
	 * @throws UncheckedIOException when the file cannot be read
	 */
	public static List<Example> read(BenchmarkSpec spec, Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return read(spec, in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read dataset " + file, ex);
		}
	}

	/**
	 * Reads a dataset from a stream (not closed).
	 * @param spec the benchmark it belongs to
	 * @param in the JSONL bytes
	 * @return the examples in stream order
	 * @throws IllegalArgumentException naming the line of the first invalid example, or
	 * when the count differs from the spec's {@code examples}
	 * @throws UncheckedIOException when the stream cannot be read
	 */
	public static List<Example> read(BenchmarkSpec spec, InputStream in) {
		CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		InputStream buffered = new BufferedInputStream(in);
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		List<Example> examples = new ArrayList<>();
		int lineNumber = 0;
		try {
			boolean more = true;
			while (more) {
				line.reset();
				int b;
				while ((b = buffered.read()) != -1 && b != '\n') {
					line.write(b);
				}
				more = b != -1;
				if (!more && line.size() == 0) {
					break;
				}
				lineNumber++;
				String text;
				try {
					text = utf8.decode(ByteBuffer.wrap(line.toByteArray())).toString();
				}
				catch (CharacterCodingException ex) {
					throw new IllegalArgumentException("line " + lineNumber + ": not valid UTF-8", ex);
				}
				if (text.endsWith("\r")) {
					text = text.substring(0, text.length() - 1);
				}
				examples.add(parse(spec, text, lineNumber));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read dataset of " + spec.id(), ex);
		}
		if (examples.size() != spec.examples()) {
			throw new IllegalArgumentException("dataset of " + spec.id() + " has " + examples.size()
					+ " examples, the spec says " + spec.examples());
		}
		return examples;
	}

	private static Example parse(BenchmarkSpec spec, String line, int lineNumber) {
		if (lineNumber == 1 && line.startsWith("\uFEFF")) {
			throw new IllegalArgumentException("line 1: starts with a byte order mark; write UTF-8 without BOM");
		}
		if (line.isBlank()) {
			throw new IllegalArgumentException("line " + lineNumber + ": blank line");
		}
		Map<String, JsonElement> members;
		try {
			members = StrictJson.object(new StringReader(line));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("line " + lineNumber + ": " + ex.getMessage(), ex);
		}
		List<String> texts = new ArrayList<>(spec.inputColumns().size());
		for (String column : spec.inputColumns()) {
			texts.add(string(members, column, lineNumber));
		}
		String label = string(members, spec.labelColumn(), lineNumber);
		int classId = spec.classId(label);
		if (classId < 0) {
			throw new IllegalArgumentException("line " + lineNumber + ": unknown label '" + label + "' in column '"
					+ spec.labelColumn() + "'; labels are " + spec.labels());
		}
		return new Example(texts, classId);
	}

	private static String string(Map<String, JsonElement> members, String column, int lineNumber) {
		JsonElement value = members.get(column);
		if (value == null) {
			throw new IllegalArgumentException("line " + lineNumber + ": missing column '" + column + "'");
		}
		if (!(value instanceof JsonPrimitive primitive) || !primitive.isString()) {
			throw new IllegalArgumentException(
					"line " + lineNumber + ": column '" + column + "' must be a string, found " + value);
		}
		return primitive.getAsString();
	}

	/**
	 * Writes examples in the normalized format: per line, the input columns then the
	 * label column, labels as the spec's label strings.
	 * @param spec the benchmark the examples belong to
	 * @param examples the examples; their count need not equal the spec's yet
	 * @return the UTF-8 JSONL bytes
	 * @throws IllegalArgumentException when an example does not fit the spec
	 */
	public static byte[] write(BenchmarkSpec spec, List<Example> examples) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int i = 0; i < examples.size(); i++) {
			Example example = examples.get(i);
			if (example.texts().size() != spec.inputColumns().size()) {
				throw new IllegalArgumentException("example " + (i + 1) + " has " + example.texts().size() + " texts, "
						+ spec.id() + " has input columns " + spec.inputColumns());
			}
			if (example.label() >= spec.labels().size()) {
				throw new IllegalArgumentException("example " + (i + 1) + " has class id " + example.label() + ", "
						+ spec.id() + " has " + spec.labels().size() + " labels");
			}
			JsonObject json = new JsonObject();
			for (int c = 0; c < example.texts().size(); c++) {
				json.addProperty(spec.inputColumns().get(c), example.texts().get(c));
			}
			json.addProperty(spec.labelColumn(), spec.labels().get(example.label()));
			out.writeBytes(GSON.toJson(json).getBytes(StandardCharsets.UTF_8));
			out.write('\n');
		}
		return out.toByteArray();
	}

}
