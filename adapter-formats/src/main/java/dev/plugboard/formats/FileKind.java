package dev.plugboard.formats;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a file in an adapter version is treated at upload, decided by its path alone.
 */
public enum FileKind {

	/** {@code adapter_config.json} at the root of the version: parsed and indexed. */
	ADAPTER_CONFIG,

	/** {@code *.safetensors}: the header is validated. */
	SAFETENSORS,

	/**
	 * Pickle-based weights ({@code *.bin}, {@code *.pt}, {@code *.pth}, {@code *.pkl},
	 * {@code *.pickle}, {@code *.ckpt}, {@code *.joblib}): refused, see
	 * {@link PickleWeights}.
	 */
	PICKLE,

	/** Any other {@code *.json}. */
	JSON,

	/** {@code *.md} and {@code *.txt}. */
	TEXT,

	/** Anything else. */
	OTHER;

	// joblib files are pickles too; they are listed so that renaming a pickle to .joblib
	// does not get it past the refusal.
	private static final List<String> PICKLE_SUFFIXES = List.of(".bin", ".pt", ".pth", ".pkl", ".pickle", ".ckpt",
			".joblib");

	/**
	 * Classifies a file path. Suffixes are compared ignoring case.
	 * @param path a file path inside a version, normally already checked with
	 * {@link Identifiers#requireFilePath(String)}
	 * @return the kind; never {@code null}
	 */
	public static FileKind of(String path) {
		Objects.requireNonNull(path, "path");
		if (path.equals("adapter_config.json")) {
			return ADAPTER_CONFIG;
		}
		String lower = path.toLowerCase(Locale.ROOT);
		if (lower.endsWith(".safetensors")) {
			return SAFETENSORS;
		}
		for (String suffix : PICKLE_SUFFIXES) {
			if (lower.endsWith(suffix)) {
				return PICKLE;
			}
		}
		if (lower.endsWith(".json")) {
			return JSON;
		}
		if (lower.endsWith(".md") || lower.endsWith(".txt")) {
			return TEXT;
		}
		return OTHER;
	}

}
