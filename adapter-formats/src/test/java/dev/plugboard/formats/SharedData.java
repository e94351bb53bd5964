package dev.plugboard.formats;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shared data directory Surefire names in {@code plugboard.shared-data}; tests that
 * need it are skipped when it is absent.
 */
final class SharedData {

	private SharedData() {
	}

	static Path require(String relative) {
		String dir = System.getProperty("plugboard.shared-data");
		assumeTrue(dir != null, "plugboard.shared-data is not set");
		Path path = Path.of(dir).resolve(relative);
		assumeTrue(Files.exists(path), () -> path + " is missing");
		return path;
	}

}
