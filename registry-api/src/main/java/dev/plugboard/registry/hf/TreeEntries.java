package dev.plugboard.registry.hf;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.plugboard.registry.adapter.AdapterVersion;
import dev.plugboard.registry.adapter.VersionFile;

/**
 * Files as the Hub's tree and paths-info list them. Every stored file is content
 * addressed by sha256, which is what Git LFS does, so each is described as an LFS file:
 * {@code lfs.oid} is its sha256 and {@code oid} the Git blob id of its LFS pointer, both
 * computable without reading the bytes.
 */
final class TreeEntries {

	static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private TreeEntries() {
	}

	static String date(Instant instant) {
		return (instant != null) ? DATE.format(instant) : null;
	}

	/**
	 * The entries under a folder ({@code ""} for the root): its files and sub-folders, or
	 * with {@code recursive} every file below it and every folder on the way.
	 */
	static List<Map<String, Object>> list(List<VersionFile> files, String folder, boolean recursive,
			AdapterVersion version, boolean expand) {
		String prefix = folder.isEmpty() ? "" : folder + "/";
		TreeSet<String> directories = new TreeSet<>();
		List<Map<String, Object>> entries = new ArrayList<>();
		for (VersionFile file : files) {
			if (!file.getPath().startsWith(prefix)) {
				continue;
			}
			String rest = file.getPath().substring(prefix.length());
			String[] segments = rest.split("/");
			String dir = prefix.isEmpty() ? "" : folder;
			for (int i = 0; i < segments.length - 1; i++) {
				dir = dir.isEmpty() ? segments[i] : dir + "/" + segments[i];
				directories.add(dir);
				if (!recursive) {
					break;
				}
			}
			if (recursive || segments.length == 1) {
				entries.add(file(file, version, expand));
			}
		}
		List<Map<String, Object>> all = new ArrayList<>();
		directories.forEach((dir) -> all.add(directory(dir, files, version, expand)));
		all.addAll(entries);
		return all;
	}

	/** The entries for exact paths (files or folders); unknown paths are left out. */
	static List<Map<String, Object>> paths(List<VersionFile> files, List<String> paths, AdapterVersion version,
			boolean expand) {
		List<Map<String, Object>> entries = new ArrayList<>();
		for (String path : paths) {
			String clean = strip(path);
			files.stream()
				.filter((file) -> file.getPath().equals(clean))
				.findFirst()
				.ifPresentOrElse((file) -> entries.add(file(file, version, expand)), () -> {
					if (!clean.isEmpty() && files.stream().anyMatch((file) -> file.getPath().startsWith(clean + "/"))) {
						entries.add(directory(clean, files, version, expand));
					}
				});
		}
		return entries;
	}

	static boolean isDirectory(List<VersionFile> files, String folder) {
		return folder.isEmpty() || files.stream().anyMatch((file) -> file.getPath().startsWith(folder + "/"));
	}

	static String strip(String path) {
		String clean = path;
		while (clean.startsWith("/")) {
			clean = clean.substring(1);
		}
		while (clean.endsWith("/")) {
			clean = clean.substring(0, clean.length() - 1);
		}
		return clean;
	}

	static Map<String, Object> file(VersionFile file, AdapterVersion version, boolean expand) {
		Map<String, Object> entry = new LinkedHashMap<>();
		long size = (file.getSize() != null) ? file.getSize() : 0;
		entry.put("type", "file");
		entry.put("path", file.getPath());
		entry.put("size", size);
		if (file.getSha256() != null) {
			String pointer = pointer(file.getSha256(), size);
			entry.put("oid", gitBlobId(pointer.getBytes(StandardCharsets.UTF_8)));
			entry.put("lfs", Map.of("oid", file.getSha256(), "size", size, "pointerSize",
					pointer.getBytes(StandardCharsets.UTF_8).length));
		}
		else {
			entry.put("oid", (file.getSha1() != null) ? file.getSha1() : gitBlobId(new byte[0]));
		}
		if (expand) {
			entry.put("lastCommit", lastCommit(version));
		}
		return entry;
	}

	private static Map<String, Object> directory(String path, List<VersionFile> files, AdapterVersion version,
			boolean expand) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("type", "directory");
		entry.put("path", path);
		entry.put("size", 0);
		// A stable id for the folder's content at this version, as a Git tree id would
		// be.
		StringBuilder content = new StringBuilder("tree\n");
		files.stream()
			.filter((file) -> file.getPath().startsWith(path + "/"))
			.forEach((file) -> content.append(file.getPath()).append(' ').append(file.getSha256()).append('\n'));
		entry.put("oid", gitBlobId(content.toString().getBytes(StandardCharsets.UTF_8)));
		if (expand) {
			entry.put("lastCommit", lastCommit(version));
		}
		return entry;
	}

	private static Map<String, Object> lastCommit(AdapterVersion version) {
		Map<String, Object> commit = new LinkedHashMap<>();
		commit.put("id", version.commitId());
		commit.put("title", "Version " + version.getVersion());
		commit.put("date", date(version.getCreatedAt()));
		return commit;
	}

	/** Git LFS's pointer file for a blob. */
	static String pointer(String sha256, long size) {
		return "version https://git-lfs.github.com/spec/v1\noid sha256:" + sha256 + "\nsize " + size + "\n";
	}

	/** Git's blob id: sha1 over {@code "blob <size>\0"} and the content. */
	static String gitBlobId(byte[] content) {
		try {
			MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
			sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(sha1.digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is part of every JDK", ex);
		}
	}

}
