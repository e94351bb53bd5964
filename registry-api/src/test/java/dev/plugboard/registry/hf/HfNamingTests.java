package dev.plugboard.registry.hf;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HfNamingTests {

	private static final String DIGEST = "5bcdf9420e1c" + "0".repeat(52);

	@Test
	void aSummaryThatReadsAsAVersionNamesTheVersion() {
		assertThat(HfCommits.versionName("1.0.0", DIGEST)).isEqualTo("1.0.0");
		assertThat(HfCommits.versionName(" v2 ", DIGEST)).isEqualTo("v2");
		assertThat(HfCommits.versionName("2024.06.01", DIGEST)).isEqualTo("2024.06.01");
	}

	@Test
	void otherSummariesGetANameFromTheCommit() {
		assertThat(HfCommits.versionName("Upload folder using huggingface_hub", DIGEST)).isEqualTo("hf-5bcdf9420e1c");
		assertThat(HfCommits.versionName("fix", DIGEST)).isEqualTo("hf-5bcdf9420e1c");
		assertThat(HfCommits.versionName(null, DIGEST)).isEqualTo("hf-5bcdf9420e1c");
		assertThat(HfCommits.versionName("1..0", DIGEST)).as("not a valid version").isEqualTo("hf-5bcdf9420e1c");
		assertThat(HfCommits.versionName("0".repeat(40), DIGEST)).as("commit ids are reserved")
			.isEqualTo("hf-5bcdf9420e1c");
	}

	@Test
	void gitBlobIdsAreGits() {
		// `git hash-object` of an empty file and of "hello\n".
		assertThat(TreeEntries.gitBlobId(new byte[0])).isEqualTo("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
		assertThat(TreeEntries.gitBlobId("hello\n".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo("ce013625030ba8dba906f756967f9e9ca394464a");
	}

	@Test
	void frontMatterMustBeAMapping() {
		assertThat(HfAccountController.frontMatterError("# no front matter")).isNull();
		assertThat(HfAccountController.frontMatterError("---\nlicense: mit\ntags: [a, b]\n---\n# card")).isNull();
		assertThat(HfAccountController.frontMatterError("---\r\nlicense: mit\r\n---\r\n")).isNull();
		assertThat(HfAccountController.frontMatterError("---\n- a\n- b\n---\n")).contains("mapping");
		assertThat(HfAccountController.frontMatterError("---\nlicense: [mit\n---\n")).contains("not valid YAML");
		assertThat(HfAccountController.frontMatterError("---\nlicense: mit\n")).contains("never closed");
	}

}
