package dev.plugboard.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SnapshotStoreTests {

	private static final String HUB = "http://127.0.0.1:8080/";

	private static final ResolvedVersion V1 = new ResolvedVersion("ukp/sst2-lora", "1.0.0", "a".repeat(40), "latest",
			false, List.of(new FileRef("adapter_config.json", "0".repeat(64), 12, HUB + "x")));

	@Test
	void answersAReferenceWithWhatItLastResolvedToOnThatHub(@TempDir Path root) {
		SnapshotStore store = new SnapshotStore(root);
		store.record(HUB, "sentiment/sst-2@ukp", "bert-base-uncased", V1);
		assertThat(store.lookup(HUB, "sentiment/sst-2@ukp", "bert-base-uncased")).contains(V1);
		assertThat(store.lookup(HUB, "sentiment/sst-2@ukp", "roberta-base")).as("another base model").isEmpty();
		assertThat(store.lookup("http://other:8080/", "sentiment/sst-2@ukp", "bert-base-uncased")).as("another hub")
			.isEmpty();
	}

	@Test
	void findsAnExactVersionOrCommitPulledUnderAnotherReference(@TempDir Path root) {
		SnapshotStore store = new SnapshotStore(root);
		store.record(HUB, "ukp/sst2-lora", null, V1);
		assertThat(store.lookup(HUB, "ukp/sst2-lora@1.0.0", null)).contains(V1);
		assertThat(store.lookup(HUB, "ukp/sst2-lora@" + "a".repeat(40), null)).contains(V1);
		assertThat(store.lookup(HUB, "ukp/sst2-lora@2.0.0", null)).isEmpty();
		assertThat(store.lookup(HUB, "ukp/other@1.0.0", null)).isEmpty();
	}

	@Test
	void ignoresDamagedRecords(@TempDir Path root) throws Exception {
		SnapshotStore store = new SnapshotStore(root);
		store.record(HUB, "ukp/sst2-lora", null, V1);
		try (var files = Files.walk(root.resolve("refs"))) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				Files.writeString(file, "{not json");
			}
		}
		assertThat(store.lookup(HUB, "ukp/sst2-lora", null)).isEmpty();
	}

	@Test
	void refusesRepositoryIdsThatWouldLeaveTheCache(@TempDir Path root) {
		SnapshotStore store = new SnapshotStore(root);
		ResolvedVersion evil = new ResolvedVersion("../x", "1", "b".repeat(40), "latest", false, List.of());
		assertThatIllegalArgumentException().isThrownBy(() -> store.directory(evil));
	}

}
