package dev.plugboard.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.plugboard.registry.system.ProblemResponses;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** API users read docs/problems.md; it must list every kind the hub can answer with. */
class ProblemTypesDocumentedTests {

	@Test
	void everyProblemKindIsDocumentedWithItsStatus() throws IOException {
		String doc = Files.readString(Path.of("..", "docs", "problems.md"));
		ProblemResponses.kinds()
			.values()
			.forEach((kind) -> assertThat(doc).as(kind.id())
				.contains("| `" + kind.id() + "` | " + kind.status().value() + " |"));
	}

}
