package dev.plugboard.registry.adapterhub;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.plugboard.registry.adapter.Bundles;
import dev.plugboard.registry.system.InvalidRequestException;

/**
 * The files of an AdapterHub catalog (a checkout of its Hub repository) read from a
 * bundle into memory: the real catalog is 5.5 MB, the cap is well above that.
 */
final class CatalogFiles {

	static final long MAX_BYTES = 256L * 1024 * 1024;

	static final int MAX_ENTRIES = 50_000;

	private final Map<String, byte[]> files;

	private CatalogFiles(Map<String, byte[]> files) {
		this.files = files;
	}

	static CatalogFiles read(InputStream bundle) {
		Map<String, byte[]> files = new TreeMap<>();
		long[] total = { 0 };
		try {
			Bundles.read(bundle, MAX_ENTRIES).forEach((path, content) -> {
				byte[] bytes = content.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_BYTES - total[0] + 1));
				total[0] += bytes.length;
				if (total[0] > MAX_BYTES) {
					throw new InvalidRequestException("invalid-bundle",
							"The catalog is larger than " + MAX_BYTES + " bytes");
				}
				files.put(path, bytes);
			});
		}
		catch (IOException ex) {
			throw new InvalidRequestException("malformed-body", "The catalog could not be read: " + ex.getMessage());
		}
		return new CatalogFiles(stripTopFolder(files));
	}

	/**
	 * {@code tar czf - adapterhub-catalog} puts everything under one folder; look inside
	 * it.
	 */
	private static Map<String, byte[]> stripTopFolder(Map<String, byte[]> files) {
		if (files.keySet().stream().anyMatch((path) -> path.startsWith("adapters/")) || files.isEmpty()) {
			return files;
		}
		String first = files.keySet().iterator().next();
		int slash = first.indexOf('/');
		if (slash < 0) {
			return files;
		}
		String top = first.substring(0, slash + 1);
		if (!files.keySet().stream().allMatch((path) -> path.startsWith(top))) {
			return files;
		}
		Map<String, byte[]> stripped = new TreeMap<>();
		files.forEach((path, bytes) -> stripped.put(path.substring(top.length()), bytes));
		return stripped;
	}

	/** Paths under a folder with one of the endings, sorted. */
	List<String> list(String folder, String... endings) {
		return this.files.keySet()
			.stream()
			.filter((path) -> path.startsWith(folder))
			.filter((path) -> endings.length == 0 || List.of(endings).stream().anyMatch(path::endsWith))
			.toList();
	}

	byte[] get(String path) {
		byte[] bytes = this.files.get(path);
		if (bytes == null) {
			throw new UncheckedIOException(new IOException("No " + path + " in the catalog"));
		}
		return bytes;
	}

	boolean has(String path) {
		return this.files.containsKey(path);
	}

}
