package dev.plugboard.formats;

import java.util.Locale;
import java.util.Set;

/**
 * The identifier grammar of the registry: namespaces, repository names, versions, tags
 * and file paths inside a version.
 *
 * <p>
 * Namespaces and names follow the Hugging Face repo-id rules: 1 to 96 ASCII letters,
 * digits, {@code .}, {@code _} or {@code -}, starting with a letter or digit, containing
 * neither {@code --} nor {@code ..}, and ending neither with {@code .} nor {@code .git}.
 * Every organisation and adapter name of the AdapterHub catalog satisfies it.
 *
 * <p>
 * Versions and tags are 1 to 64 ASCII letters, digits, {@code .}, {@code _}, {@code +} or
 * {@code -}, starting with a letter or digit and without {@code ..}. The ref names
 * {@code latest}, {@code main} and {@code HEAD} (in any case) and anything that looks
 * like a commit id (40 hex digits) are reserved, so that a ref in a URL is never
 * ambiguous.
 *
 * <p>
 * File paths are relative, {@code /}-separated, at most 255 characters, with segments of
 * 1 to 128 ASCII letters, digits, {@code .}, {@code _}, {@code +} or {@code -} that are
 * neither {@code .} nor {@code ..}.
 *
 * <p>
 * The {@code require*} methods return their argument when it is valid and otherwise throw
 * {@link FormatException}, whose single violation has the rejected value as subject. They
 * accept {@code null} as an invalid value rather than failing with a
 * {@link NullPointerException}.
 */
public final class Identifiers {

	static final int MAX_NAME_LENGTH = 96;

	static final int MAX_VERSION_LENGTH = 64;

	static final int MAX_PATH_LENGTH = 255;

	static final int MAX_SEGMENT_LENGTH = 128;

	/** Ref names that URLs resolve specially, compared in lower case. */
	private static final Set<String> RESERVED_REFS = Set.of("latest", "main", "head");

	private Identifiers() {
	}

	/**
	 * Checks a namespace (user or organisation).
	 * @param s the candidate
	 * @return {@code s}
	 * @throws FormatException of kind {@code invalid-name} if {@code s} is not a valid
	 * namespace
	 */
	public static String requireNamespace(String s) {
		return require(s, nameProblem(s), "invalid-name", "namespace");
	}

	/**
	 * Checks a repository name.
	 * @param s the candidate
	 * @return {@code s}
	 * @throws FormatException of kind {@code invalid-name} if {@code s} is not a valid
	 * name
	 */
	public static String requireName(String s) {
		return require(s, nameProblem(s), "invalid-name", "name");
	}

	/**
	 * Checks a version label.
	 * @param s the candidate
	 * @return {@code s}
	 * @throws FormatException of kind {@code invalid-version} if {@code s} is not a valid
	 * version
	 */
	public static String requireVersion(String s) {
		return require(s, versionProblem(s), "invalid-version", "version");
	}

	/**
	 * Checks a tag.
	 * @param s the candidate
	 * @return {@code s}
	 * @throws FormatException of kind {@code invalid-tag} if {@code s} is not a valid tag
	 */
	public static String requireTag(String s) {
		return require(s, versionProblem(s), "invalid-tag", "tag");
	}

	/**
	 * Checks a file path inside an adapter version.
	 * @param s the candidate
	 * @return {@code s}
	 * @throws FormatException of kind {@code invalid-path} if {@code s} is not a valid
	 * path
	 */
	public static String requireFilePath(String s) {
		return require(s, pathProblem(s), "invalid-path", "file path");
	}

	/**
	 * Tells whether {@link #requireNamespace(String)} would accept {@code s}.
	 * @param s the candidate, may be {@code null}
	 * @return whether it is a valid namespace
	 */
	public static boolean isNamespace(String s) {
		return nameProblem(s) == null;
	}

	/**
	 * Tells whether {@link #requireName(String)} would accept {@code s}.
	 * @param s the candidate, may be {@code null}
	 * @return whether it is a valid repository name
	 */
	public static boolean isName(String s) {
		return nameProblem(s) == null;
	}

	/**
	 * Tells whether {@link #requireVersion(String)} would accept {@code s}.
	 * @param s the candidate, may be {@code null}
	 * @return whether it is a valid version
	 */
	public static boolean isVersion(String s) {
		return versionProblem(s) == null;
	}

	/**
	 * Tells whether {@link #requireTag(String)} would accept {@code s}.
	 * @param s the candidate, may be {@code null}
	 * @return whether it is a valid tag
	 */
	public static boolean isTag(String s) {
		return versionProblem(s) == null;
	}

	/**
	 * Tells whether {@link #requireFilePath(String)} would accept {@code s}.
	 * @param s the candidate, may be {@code null}
	 * @return whether it is a valid file path
	 */
	public static boolean isFilePath(String s) {
		return pathProblem(s) == null;
	}

	private static String require(String s, String problem, String kind, String what) {
		if (problem == null) {
			return s;
		}
		String shown = Violations.shown(s);
		throw Violations.single(kind, "Invalid " + what + " '" + shown + "': " + problem, shown, problem);
	}

	static String nameProblem(String s) {
		if (s == null || s.isEmpty()) {
			return "must not be empty";
		}
		if (s.length() > MAX_NAME_LENGTH) {
			return "must be at most " + MAX_NAME_LENGTH + " characters";
		}
		if (!isAsciiAlphanumeric(s.charAt(0))) {
			return "must start with an ASCII letter or digit";
		}
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (!isAsciiAlphanumeric(c) && c != '.' && c != '_' && c != '-') {
				return "may contain only ASCII letters, digits, '.', '_' and '-'";
			}
		}
		if (s.contains("--")) {
			return "must not contain '--'";
		}
		if (s.contains("..")) {
			return "must not contain '..'";
		}
		if (s.endsWith(".")) {
			return "must not end with '.'";
		}
		// Case-insensitive because repositories may be mirrored to case-insensitive file
		// systems, where "x.GIT" and "x.git" are the same directory.
		if (s.toLowerCase(Locale.ROOT).endsWith(".git")) {
			return "must not end with '.git'";
		}
		return null;
	}

	static String versionProblem(String s) {
		if (s == null || s.isEmpty()) {
			return "must not be empty";
		}
		if (s.length() > MAX_VERSION_LENGTH) {
			return "must be at most " + MAX_VERSION_LENGTH + " characters";
		}
		if (!isAsciiAlphanumeric(s.charAt(0))) {
			return "must start with an ASCII letter or digit";
		}
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (!isAsciiAlphanumeric(c) && c != '.' && c != '_' && c != '+' && c != '-') {
				return "may contain only ASCII letters, digits, '.', '_', '+' and '-'";
			}
		}
		if (s.contains("..")) {
			return "must not contain '..'";
		}
		if (RESERVED_REFS.contains(s.toLowerCase(Locale.ROOT))) {
			return "is a reserved ref name";
		}
		if (looksLikeCommitId(s)) {
			return "must not be 40 hex digits, which are reserved for commit ids";
		}
		return null;
	}

	static String pathProblem(String s) {
		if (s == null || s.isEmpty()) {
			return "must not be empty";
		}
		if (s.length() > MAX_PATH_LENGTH) {
			return "must be at most " + MAX_PATH_LENGTH + " characters";
		}
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c < 0x20 || c >= 0x7f) {
				return "must be printable ASCII";
			}
		}
		if (s.startsWith("/")) {
			return "must be relative (no leading '/')";
		}
		if (s.indexOf('\\') >= 0) {
			return "must use '/' as separator, not '\\'";
		}
		for (String segment : s.split("/", -1)) {
			String problem = segmentProblem(segment);
			if (problem != null) {
				return problem;
			}
		}
		return null;
	}

	private static String segmentProblem(String segment) {
		if (segment.isEmpty()) {
			return "must not contain empty segments ('//' or a trailing '/')";
		}
		if (segment.equals(".") || segment.equals("..")) {
			return "must not contain '.' or '..' segments";
		}
		if (segment.length() > MAX_SEGMENT_LENGTH) {
			return "must not have segments longer than " + MAX_SEGMENT_LENGTH + " characters";
		}
		for (int i = 0; i < segment.length(); i++) {
			char c = segment.charAt(i);
			if (!isAsciiAlphanumeric(c) && c != '.' && c != '_' && c != '+' && c != '-') {
				return "may contain only ASCII letters, digits, '.', '_', '+', '-' and '/'";
			}
		}
		return null;
	}

	private static boolean looksLikeCommitId(String s) {
		if (s.length() != 40) {
			return false;
		}
		for (int i = 0; i < s.length(); i++) {
			if (Character.digit(s.charAt(i), 16) < 0) {
				return false;
			}
		}
		return true;
	}

	private static boolean isAsciiAlphanumeric(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	}

}
