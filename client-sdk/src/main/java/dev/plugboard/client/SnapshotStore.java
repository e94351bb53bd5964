package dev.plugboard.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * What the cache knows about versions, so offline mode can answer without the hub:
 * {@code snapshots/<ns>/<name>/<commit>.json} describes each pulled version (its files
 * and sha256s), and {@code refs/<key>.json} remembers what a reference (with its base
 * model filter, on one hub) last resolved to. Both are written atomically.
 */
final class SnapshotStore {

	private final Path root;

	SnapshotStore(Path root) {
		this.root = root;
	}

	Path directory(ResolvedVersion version) {
		return repositoryDirectory(version.repository()).resolve(version.commit());
	}

	/** Records a pulled version and what the reference resolved to. */
	void record(String endpoint, String reference, String baseModel, ResolvedVersion version) {
		writeAtomically(repositoryDirectory(version.repository()).resolve(version.commit() + ".json"),
				version.toJson());
		JsonObject ref = new JsonObject();
		ref.addProperty("endpoint", endpoint);
		ref.addProperty("reference", reference);
		ref.addProperty("base_model", baseModel);
		ref.addProperty("adapter", version.repository());
		ref.addProperty("commit", version.commit());
		writeAtomically(refPath(endpoint, reference, baseModel), ref);
	}

	/**
	 * What a reference resolved to when it was last pulled from this hub; failing that,
	 * for {@code ns/name@version} or {@code ns/name@commit}, any pulled version of that
	 * repository with that version or commit.
	 */
	Optional<ResolvedVersion> lookup(String endpoint, String reference, String baseModel) {
		Optional<JsonObject> ref = read(refPath(endpoint, reference, baseModel));
		if (ref.isPresent()) {
			Optional<ResolvedVersion> pulled = manifest(Json.string(ref.get(), "adapter"),
					Json.string(ref.get(), "commit"));
			if (pulled.isPresent()) {
				return pulled;
			}
		}
		int at = reference.indexOf('@');
		if (at < 0 || reference.indexOf('/') < 0 || reference.indexOf('/') > at) {
			return Optional.empty();
		}
		String repository = reference.substring(0, at);
		String revision = reference.substring(at + 1);
		Path directory = repositoryDirectory(repository);
		if (!Files.isDirectory(directory)) {
			return Optional.empty();
		}
		try (Stream<Path> manifests = Files.list(directory)) {
			return manifests.filter((path) -> path.getFileName().toString().endsWith(".json"))
				.map(this::read)
				.flatMap(Optional::stream)
				.map(ResolvedVersion::fromJson)
				.filter((version) -> revision.equals(version.version()) || revision.equals(version.commit()))
				.findFirst();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	private Optional<ResolvedVersion> manifest(String repository, String commit) {
		if (repository == null || commit == null) {
			return Optional.empty();
		}
		return read(repositoryDirectory(repository).resolve(commit + ".json")).map(ResolvedVersion::fromJson);
	}

	private Path repositoryDirectory(String repository) {
		String[] parts = repository.split("/", -1);
		if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank() || parts[0].startsWith(".")
				|| parts[1].startsWith(".")) {
			throw new IllegalArgumentException("Not a repository id: " + repository);
		}
		return this.root.resolve("snapshots").resolve(parts[0]).resolve(parts[1]);
	}

	private Path refPath(String endpoint, String reference, String baseModel) {
		String key = endpoint + "\n" + reference + "\n" + ((baseModel != null) ? baseModel : "");
		byte[] digest = ContentCache.newDigest().digest(key.getBytes(StandardCharsets.UTF_8));
		return this.root.resolve("refs").resolve(HexFormat.of().formatHex(digest, 0, 16) + ".json");
	}

	private Optional<JsonObject> read(Path path) {
		try {
			return Optional.of(JsonParser.parseString(Files.readString(path)).getAsJsonObject());
		}
		catch (IOException | JsonParseException | IllegalStateException ex) {
			return Optional.empty();
		}
	}

	private static void writeAtomically(Path path, JsonObject json) {
		try {
			Files.createDirectories(path.getParent());
			Path temporary = Files.createTempFile(path.getParent(), ".write-", ".tmp");
			try {
				Files.writeString(temporary, json.toString());
				try {
					Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
				}
				catch (AtomicMoveNotSupportedException ex) {
					Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
				}
			}
			finally {
				Files.deleteIfExists(temporary);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + path, ex);
		}
	}

}
