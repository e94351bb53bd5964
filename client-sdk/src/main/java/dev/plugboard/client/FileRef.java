package dev.plugboard.client;

/**
 * A file the hub holds, as listings and job descriptions name it.
 *
 * @param path the file's path within its version
 * @param sha256 the hex sha256 of its content
 * @param size its size in bytes
 * @param downloadUrl where to GET it: absolute, or a path on the hub
 */
public record FileRef(String path, String sha256, long size, String downloadUrl) {

	public FileRef {
		if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
			throw new IllegalArgumentException("File " + path + " has no valid sha256: " + sha256);
		}
	}

	/**
	 * Reads a file as the hub's answers list it ({@code path}, {@code sha256},
	 * {@code size}, {@code download_url}).
	 */
	public static FileRef fromJson(com.google.gson.JsonObject file) {
		return new FileRef(Json.string(file, "path"), Json.string(file, "sha256"), file.get("size").getAsLong(),
				Json.string(file, "download_url"));
	}

}
