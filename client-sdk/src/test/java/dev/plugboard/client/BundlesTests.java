package dev.plugboard.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BundlesTests {

	@Test
	void zipsRegularFilesWithRelativePathsAndLeavesHiddenOnesBehind(@TempDir Path temp) throws Exception {
		Path adapter = temp.resolve("adapter");
		Files.createDirectories(adapter.resolve("1_Pooling"));
		Files.createDirectories(adapter.resolve(".git/objects"));
		Files.writeString(adapter.resolve("adapter_config.json"), "{}");
		Files.writeString(adapter.resolve("1_Pooling/config.json"), "{}");
		Files.writeString(adapter.resolve(".DS_Store"), "x");
		Files.writeString(adapter.resolve(".git/objects/ab"), "x");
		Path zip = Bundles.zip(adapter);
		List<String> entries = new ArrayList<>();
		try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
			ZipEntry entry;
			while ((entry = in.getNextEntry()) != null) {
				entries.add(entry.getName());
			}
		}
		Files.delete(zip);
		assertThat(entries).containsExactly("1_Pooling/config.json", "adapter_config.json");
	}

	@Test
	void refusesADirectoryWithNothingToPush(@TempDir Path temp) throws Exception {
		Files.writeString(temp.resolve(".hidden"), "x");
		assertThatIllegalArgumentException().isThrownBy(() -> Bundles.zip(temp)).withMessageContaining("no files");
	}

}
