package dev.plugboard.client;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * What a reference resolved to: one immutable version and its files.
 *
 * @param repository {@code namespace/name}
 * @param version the concrete version
 * @param commit the version's 40-hex commit id (derived from its content)
 * @param resolvedVia how the hub found it ({@code latest}, {@code tag}, {@code version},
 * {@code commit}, {@code adapterhub}, {@code sha256})
 * @param yanked whether the version is yanked (still served by its exact name)
 * @param files the version's files
 */
public record ResolvedVersion(String repository, String version, String commit, String resolvedVia, boolean yanked,
		List<FileRef> files) {

	public ResolvedVersion {
		files = List.copyOf(files);
	}

	/** The total size of the files in bytes. */
	public long size() {
		return this.files.stream().mapToLong(FileRef::size).sum();
	}

	/**
	 * Reads the hub's resolve answer.
	 * @throws HubException when a file cannot be verified (an external file without a
	 * sha256, as AdapterHub catalog entries are)
	 */
	static ResolvedVersion fromJson(JsonObject json) {
		String repository = Json.string(json, "adapter");
		List<FileRef> files = new ArrayList<>();
		for (JsonElement element : json.getAsJsonArray("files")) {
			JsonObject file = element.getAsJsonObject();
			String sha256 = Json.string(file, "sha256");
			if (sha256 == null || file.get("size") == null || file.get("size").isJsonNull()) {
				throw new HubException(0, "unverifiable-file",
						repository + "@" + Json.string(json, "version") + " lists " + Json.string(file, "path")
								+ " without a sha256 and size (a file hosted outside the hub, at "
								+ Json.string(file, "external_url") + "); it cannot be pulled with verification",
						null);
			}
			files.add(FileRef.fromJson(file));
		}
		return new ResolvedVersion(repository, Json.string(json, "version"), Json.string(json, "commit"),
				Json.string(json, "resolved_via"), json.has("yanked") && json.get("yanked").getAsBoolean(), files);
	}

	JsonObject toJson() {
		JsonObject json = new JsonObject();
		json.addProperty("adapter", this.repository);
		json.addProperty("version", this.version);
		json.addProperty("commit", this.commit);
		json.addProperty("resolved_via", this.resolvedVia);
		json.addProperty("yanked", this.yanked);
		JsonArray files = new JsonArray();
		for (FileRef file : this.files) {
			JsonObject entry = new JsonObject();
			entry.addProperty("path", file.path());
			entry.addProperty("sha256", file.sha256());
			entry.addProperty("size", file.size());
			entry.addProperty("download_url", file.downloadUrl());
			files.add(entry);
		}
		json.add("files", files);
		return json;
	}

}
