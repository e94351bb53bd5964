package dev.plugboard.registry.hf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.plugboard.formats.Identifiers;
import dev.plugboard.registry.adapter.Bundles;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;

/**
 * A Hub commit as its NDJSON body states it: a {@code header} line (summary, optional
 * {@code parentCommit}), then {@code file} (inline, base64 or UTF-8), {@code lfsFile} (by
 * sha256, uploaded before), {@code deletedFile} and {@code deletedFolder} lines. Files
 * Plugboard never keeps ({@code .gitattributes}, {@code .gitignore}, {@code .DS_Store})
 * are dropped, as preupload told the client.
 */
record CommitRequest(String summary, String parentCommit, Map<String, CommitFile> added, List<String> deletedFiles,
		List<String> deletedFolders) {

	private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

	private static final Set<String> GIT_FILES = Set.of(".gitattributes", ".gitignore");

	static boolean ignored(String path) {
		return Bundles.isClutter(path) || GIT_FILES.contains(path.substring(path.lastIndexOf('/') + 1));
	}

	/**
	 * Reads the body.
	 * @param lfsObject the stored blob for an {@code lfsFile} sha256 and size, failing
	 * when it was never uploaded
	 * @param maxLine the longest line accepted (an inline file, base64 encoded)
	 */
	static CommitRequest read(InputStream body, JsonMapper json, long maxLine, Function<JsonNode, CommitFile> lfsObject)
			throws IOException {
		String summary = null;
		String parent = null;
		boolean header = false;
		Map<String, CommitFile> added = new LinkedHashMap<>();
		List<String> deletedFiles = new ArrayList<>();
		List<String> deletedFolders = new ArrayList<>();
		String line;
		int number = 0;
		while ((line = readLine(body, maxLine)) != null) {
			number++;
			if (line.isBlank()) {
				continue;
			}
			JsonNode node;
			try {
				node = json.readTree(line);
			}
			catch (JacksonException ex) {
				throw HfException
					.badRequest("Line " + number + " of the commit is not JSON: " + ex.getOriginalMessage());
			}
			String key = node.path("key").asString("");
			JsonNode value = node.path("value");
			if (!value.isObject()) {
				throw HfException.badRequest("Line " + number + " needs an object \"value\"");
			}
			switch (key) {
				case "header" -> {
					header = true;
					summary = text(value, "summary");
					parent = text(value, "parentCommit");
				}
				case "file" -> {
					String path = path(value, number);
					if (!ignored(path)) {
						put(added, path, CommitFile.Inline.of(content(value, number)));
					}
				}
				case "lfsFile" -> {
					String path = path(value, number);
					String oid = text(value, "oid");
					String algo = text(value, "algo");
					if (oid == null || !SHA256.matcher(oid).matches() || (algo != null && !algo.equals("sha256"))) {
						throw HfException.badRequest("lfsFile " + path + " needs \"oid\": its sha256 as 64 hex digits");
					}
					if (!ignored(path)) {
						put(added, path, lfsObject.apply(value));
					}
				}
				case "deletedFile" -> deletedFiles.add(path(value, number));
				case "deletedFolder" -> {
					String folder = text(value, "path");
					if (folder == null || folder.isBlank()) {
						throw HfException.badRequest("deletedFolder on line " + number + " needs a \"path\"");
					}
					deletedFolders.add(folder.endsWith("/") ? folder : folder + "/");
				}
				default -> throw HfException.badRequest("Line " + number + " has key '" + key
						+ "'; a commit holds header, file, lfsFile, deletedFile and deletedFolder lines");
			}
		}
		if (!header) {
			throw HfException
				.badRequest("The commit has no header line ({\"key\": \"header\", \"value\": {\"summary\": …}})");
		}
		return new CommitRequest(summary, parent, added, deletedFiles, deletedFolders);
	}

	private static void put(Map<String, CommitFile> added, String path, CommitFile file) {
		if (added.put(path, file) != null) {
			throw HfException.badRequest("The commit adds '" + path + "' twice");
		}
	}

	private static String path(JsonNode value, int number) {
		String path = text(value, "path");
		if (path == null) {
			throw HfException.badRequest("Line " + number + " needs a \"path\"");
		}
		if (!Identifiers.isFilePath(path)) {
			throw HfException
				.badRequest("'" + path + "' is not a file path Plugboard accepts: relative, '/'-separated, "
						+ "at most 255 characters, segments of A-Z a-z 0-9 . _ + -");
		}
		return path;
	}

	private static byte[] content(JsonNode value, int number) {
		String content = text(value, "content");
		if (content == null) {
			throw HfException.badRequest("file on line " + number + " needs \"content\"");
		}
		String encoding = text(value, "encoding");
		if (encoding == null || encoding.equals("base64")) {
			try {
				return Base64.getMimeDecoder().decode(content);
			}
			catch (IllegalArgumentException ex) {
				throw HfException.badRequest("The content on line " + number + " is not base64: " + ex.getMessage());
			}
		}
		if (encoding.equals("utf-8")) {
			return content.getBytes(StandardCharsets.UTF_8);
		}
		throw HfException.badRequest("Unknown encoding '" + encoding + "'; use base64 or utf-8");
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	/** One line, without holding more than {@code max} bytes of it. */
	private static String readLine(InputStream in, long max) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != -1) {
			if (b == '\n') {
				return line.toString(StandardCharsets.UTF_8);
			}
			if (line.size() >= max) {
				throw new HfException(HttpStatus.CONTENT_TOO_LARGE, "A commit line is longer than " + max
						+ " bytes: send files this large over LFS " + "(preupload answers \"lfs\" for them)");
			}
			line.write(b);
		}
		return (line.size() == 0) ? null : line.toString(StandardCharsets.UTF_8);
	}

}
