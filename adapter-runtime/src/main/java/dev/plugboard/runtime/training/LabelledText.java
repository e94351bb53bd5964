package dev.plugboard.runtime.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One labelled example of a single-sentence classification task.
 *
 * @param text the sentence
 * @param label the class index
 */
public record LabelledText(String text, int label) {

	/**
	 * Reads a GLUE-style TSV file with a header row, such as SST-2's
	 * {@code sentence	label}.
	 * @param textColumn the header of the text column
	 * @param labelColumn the header of the label column
	 */
	public static List<LabelledText> readTsv(Path file, String textColumn, String labelColumn) {
		try {
			List<String> lines = Files.readAllLines(file);
			if (lines.isEmpty()) {
				throw new IllegalArgumentException(file + " is empty");
			}
			List<String> header = List.of(lines.get(0).split("\t", -1));
			int text = header.indexOf(textColumn);
			int label = header.indexOf(labelColumn);
			if (text < 0 || label < 0) {
				throw new IllegalArgumentException(
						file + " has columns " + header + ", not " + textColumn + " and " + labelColumn);
			}
			List<LabelledText> examples = new ArrayList<>();
			for (int i = 1; i < lines.size(); i++) {
				if (lines.get(i).isBlank()) {
					continue;
				}
				String[] fields = lines.get(i).split("\t", -1);
				examples.add(new LabelledText(fields[text].strip(), Integer.parseInt(fields[label].strip())));
			}
			return examples;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
	}

}
