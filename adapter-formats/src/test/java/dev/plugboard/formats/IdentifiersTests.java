package dev.plugboard.formats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IdentifiersTests {

	@ParameterizedTest
	@ValueSource(strings = { "ukp", "a", "Org-1", "bert-base-uncased_sentiment_sst-2_pfeiffer", "x.y", "under_score",
			"0numeric", "a-b.c_d" })
	void acceptsValidNames(String name) {
		assertThat(Identifiers.requireName(name)).isEqualTo(name);
		assertThat(Identifiers.requireNamespace(name)).isEqualTo(name);
		assertThat(Identifiers.isName(name)).isTrue();
		assertThat(Identifiers.isNamespace(name)).isTrue();
	}

	@Test
	void acceptsNameOf96Characters() {
		assertThat(Identifiers.isName("a".repeat(96))).isTrue();
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "../x", "..", ".", "müller", "a--b", "x.git", "x.GIT", "/abs", "a\\b", "a/b", "a b",
			"-leading", "_leading", ".hidden", "trailing.", "a..b", "a+b", "tab\t", "semi;colon", "%2e%2e" })
	void rejectsInvalidNames(String name) {
		assertThat(Identifiers.isName(name)).isFalse();
		assertThat(Identifiers.isNamespace(name)).isFalse();
		assertThatExceptionOfType(FormatException.class).isThrownBy(() -> Identifiers.requireName(name))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo("invalid-name");
				assertThat(ex.violations()).hasSize(1);
			});
		assertThatExceptionOfType(FormatException.class).isThrownBy(() -> Identifiers.requireNamespace(name))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo("invalid-name"));
	}

	@Test
	void rejectsNameOf97Characters() {
		assertThatExceptionOfType(FormatException.class).isThrownBy(() -> Identifiers.requireName("a".repeat(97)))
			.satisfies((ex) -> assertThat(ex.violations().get(0).reason()).contains("96"));
	}

	@Test
	void explainsWhyANameIsRejected() {
		assertThatExceptionOfType(FormatException.class).isThrownBy(() -> Identifiers.requireName("a--b"))
			.satisfies((ex) -> {
				assertThat(ex.violations()).containsExactly(new Violation("a--b", "must not contain '--'"));
				assertThat(ex.getMessage()).contains("a--b").contains("--");
			});
	}

	@Test
	void escapesControlCharactersInRejectedValues() {
		assertThatExceptionOfType(FormatException.class).isThrownBy(() -> Identifiers.requireName("a\nb"))
			.satisfies((ex) -> {
				assertThat(ex.violations().get(0).subject()).isEqualTo("a\\u000ab");
				assertThat(ex.getMessage()).doesNotContain("\n");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "1", "2", "nd", "wd_150k", "madx", "AdapterFusion", "1.0.0", "1.0.0-rc.1+build.5", "v2",
			"3dprinting_stackexchange_com", "mainline", "latest2", "0123456789abcdef0123456789abcdef0123456" })
	void acceptsValidVersionsAndTags(String version) {
		assertThat(Identifiers.requireVersion(version)).isEqualTo(version);
		assertThat(Identifiers.requireTag(version)).isEqualTo(version);
		assertThat(Identifiers.isVersion(version)).isTrue();
		assertThat(Identifiers.isTag(version)).isTrue();
	}

	@Test
	void acceptsVersionOf64Characters() {
		assertThat(Identifiers.isVersion("v".repeat(64))).isTrue();
		assertThat(Identifiers.isVersion("v".repeat(65))).isFalse();
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "latest", "main", "HEAD", "Latest", "head", "0123456789abcdef0123456789abcdef01234567",
			"0123456789ABCDEF0123456789ABCDEF01234567", "1..2", "-1", ".1", "+1", "1/2", "1 2", "ü", "1:2", "../1" })
	void rejectsInvalidVersionsAndTags(String version) {
		assertThat(Identifiers.isVersion(version)).isFalse();
		assertThat(Identifiers.isTag(version)).isFalse();
		assertThatExceptionOfType(FormatException.class).isThrownBy(() -> Identifiers.requireVersion(version))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo("invalid-version"));
		assertThatExceptionOfType(FormatException.class).isThrownBy(() -> Identifiers.requireTag(version))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo("invalid-tag"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "adapter_config.json", "adapter_model.safetensors", "1_Pooling/config.json",
			".gitattributes", "a/b/c/README.md", "weights+v2.bin", "x" })
	void acceptsValidFilePaths(String path) {
		assertThat(Identifiers.requireFilePath(path)).isEqualTo(path);
		assertThat(Identifiers.isFilePath(path)).isTrue();
	}

	@Test
	void acceptsFilePathsUpToTheLengthLimits() {
		String segment = "s".repeat(128);
		assertThat(Identifiers.isFilePath(segment)).isTrue();
		assertThat(Identifiers.isFilePath(segment + "x")).isFalse();
		String longPath = segment + "/" + segment.substring(0, 126);
		assertThat(longPath).hasSize(255);
		assertThat(Identifiers.isFilePath(longPath)).isTrue();
		assertThat(Identifiers.isFilePath(longPath + "x")).isFalse();
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "/etc/passwd", "../x", "a/../b", "./a", "a/./b", "a\\b", "a//b", "a/", "C:/x", "a:b",
			"a b", "müller.txt", "a\u0000b", "a\nb", "..", "." })
	void rejectsInvalidFilePaths(String path) {
		assertThat(Identifiers.isFilePath(path)).isFalse();
		assertThatExceptionOfType(FormatException.class).isThrownBy(() -> Identifiers.requireFilePath(path))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo("invalid-path"));
	}

	@Test
	void acceptsEveryAdapterHubCatalogOrganisationAndAdapterName() throws IOException {
		List<Path> cards = catalogCards();
		List<String> rejected = new ArrayList<>();
		for (Path card : cards) {
			String namespace = card.getParent().getFileName().toString();
			String file = card.getFileName().toString();
			String name = file.substring(0, file.lastIndexOf('.'));
			if (!Identifiers.isNamespace(namespace)) {
				rejected.add("namespace " + namespace);
			}
			if (!Identifiers.isName(name)) {
				rejected.add("name " + namespace + "/" + name);
			}
		}
		assertThat(cards).hasSizeGreaterThan(200);
		assertThat(rejected).isEmpty();
	}

	@Test
	void acceptsEveryVersionListedInAdapterHubCatalogCards() throws IOException {
		List<String> rejected = new ArrayList<>();
		List<String> cardsWithoutVersions = new ArrayList<>();
		int versions = 0;
		for (Path card : catalogCards()) {
			List<String> found = fileVersions(Files.readAllLines(card));
			if (found.isEmpty()) {
				cardsWithoutVersions.add(card.toString());
			}
			for (String version : found) {
				versions++;
				if (!Identifiers.isVersion(version)) {
					rejected.add(card.getFileName() + ": " + version);
				}
			}
		}
		assertThat(cardsWithoutVersions).isEmpty();
		assertThat(versions).isGreaterThan(200);
		assertThat(rejected).isEmpty();
	}

	private static List<Path> catalogCards() throws IOException {
		Path adapters = SharedData.require("adapterhub-catalog/adapters");
		try (Stream<Path> files = Files.walk(adapters, 2)) {
			return files.filter(Files::isRegularFile)
				.filter((path) -> path.toString().endsWith(".yaml") || path.toString().endsWith(".yml"))
				.sorted()
				.toList();
		}
	}

	private static final Pattern TOP_LEVEL_KEY = Pattern.compile("^[A-Za-z_][\\w-]*:.*");

	private static final Pattern VERSION_LINE = Pattern
		.compile("^\\s*(?:-\\s+)?version:\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s#]+))\\s*(?:#.*)?$");

	/** The {@code version:} values inside the top-level {@code files:} list of a card. */
	private static List<String> fileVersions(List<String> lines) {
		List<String> versions = new ArrayList<>();
		boolean inFiles = false;
		for (String line : lines) {
			if (TOP_LEVEL_KEY.matcher(line).matches()) {
				inFiles = line.startsWith("files:");
				continue;
			}
			Matcher matcher = VERSION_LINE.matcher(line);
			if (inFiles && matcher.matches()) {
				String value = (matcher.group(1) != null) ? matcher.group(1)
						: (matcher.group(2) != null) ? matcher.group(2) : matcher.group(3);
				versions.add(value);
			}
		}
		return versions;
	}

}
