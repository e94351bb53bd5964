package dev.plugboard.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Printing for people (aligned columns) and for scripts (JSON). */
final class Output {

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting()
		.disableHtmlEscaping()
		.serializeNulls()
		.create();

	private Output() {
	}

	static void json(PrintWriter out, JsonElement json) {
		out.println(GSON.toJson(json));
		out.flush();
	}

	static String string(JsonObject json, String field) {
		JsonElement value = (json != null) ? json.get(field) : null;
		if (value == null || value.isJsonNull()) {
			return "";
		}
		return value.isJsonPrimitive() ? value.getAsString() : value.toString();
	}

	static String score(double value) {
		return String.format(Locale.ROOT, "%.4f", value);
	}

	static String size(long bytes) {
		if (bytes < 1024) {
			return bytes + " B";
		}
		double value = bytes;
		String[] units = { "KiB", "MiB", "GiB", "TiB" };
		int unit = -1;
		while (value >= 1024 && unit < units.length - 1) {
			value /= 1024;
			unit++;
		}
		return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
	}

	/**
	 * Prints rows as columns padded to their widest cell; the first row is the header.
	 */
	static void table(PrintWriter out, List<List<String>> rows) {
		if (rows.size() <= 1) {
			out.println("(nothing)");
			out.flush();
			return;
		}
		List<Integer> widths = new ArrayList<>();
		for (List<String> row : rows) {
			for (int i = 0; i < row.size(); i++) {
				int width = row.get(i).length();
				if (i >= widths.size()) {
					widths.add(width);
				}
				else {
					widths.set(i, Math.max(widths.get(i), width));
				}
			}
		}
		for (List<String> row : rows) {
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < row.size(); i++) {
				String cell = row.get(i);
				line.append(cell);
				if (i < row.size() - 1) {
					line.append(" ".repeat(widths.get(i) - cell.length() + 2));
				}
			}
			out.println(line.toString().stripTrailing());
		}
		out.flush();
	}

}
