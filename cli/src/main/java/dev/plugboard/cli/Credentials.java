package dev.plugboard.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * What {@code plugboard login} remembers: the hub and its token, in
 * {@code $PLUGBOARD_HOME/credentials.json} ({@code ~/.plugboard} by default; the system
 * property {@code plugboard.home} overrides both), readable by the user only.
 */
final class Credentials {

	private final Path file;

	Credentials(Path home) {
		this.file = home.resolve("credentials.json");
	}

	static Credentials standard() {
		String home = System.getProperty("plugboard.home", System.getenv("PLUGBOARD_HOME"));
		return new Credentials((home != null && !home.isBlank()) ? Path.of(home)
				: Path.of(System.getProperty("user.home"), ".plugboard"));
	}

	Path file() {
		return this.file;
	}

	Optional<JsonObject> read() {
		if (!Files.isRegularFile(this.file)) {
			return Optional.empty();
		}
		try {
			return Optional.of(JsonParser.parseString(Files.readString(this.file)).getAsJsonObject());
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException(
					"Cannot read " + this.file + " (" + ex.getMessage() + "); log in again or delete it", ex);
		}
	}

	void save(String hub, String token) {
		JsonObject json = new JsonObject();
		json.addProperty("hub", hub);
		json.addProperty("token", token);
		try {
			Files.createDirectories(this.file.getParent());
			Path temporary = this.file.resolveSibling(".credentials.tmp");
			Files.deleteIfExists(temporary);
			try {
				Files.createFile(temporary,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			catch (UnsupportedOperationException ex) {
				Files.createFile(temporary);
			}
			Files.writeString(temporary, json.toString());
			try {
				Files.move(temporary, this.file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temporary, this.file, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + this.file, ex);
		}
	}

	boolean delete() {
		try {
			return Files.deleteIfExists(this.file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete " + this.file, ex);
		}
	}

}
