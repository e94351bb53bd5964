package dev.plugboard.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * What one run measures, read from {@code plugboard.bench.*} system properties (the pom
 * passes its defaults, so a Maven {@code -D} overrides them).
 *
 * @param hubJar the registry-api fat jar to start
 * @param results where the Markdown report goes
 * @param largeBytes size of the large transfer (1 GiB by default)
 * @param smallBytes size of the small transfer, run to compare hub memory with the large
 * one
 * @param repeats runs per transfer direction and target; the median is reported
 * @param repositories repositories seeded before the resolve load
 * @param seedClients concurrent REST clients that seed the repositories
 * @param clients concurrent clients of the resolve load
 * @param warmup resolve load that is not measured
 * @param measure resolve load that is measured
 */
record BenchmarkSettings(Path hubJar, Path results, long largeBytes, long smallBytes, int repeats, int repositories,
		int seedClients, int clients, Duration warmup, Duration measure) {

	static final String HUB_HEAP = "256m";

	private static final long MIB = 1024 * 1024;

	static BenchmarkSettings fromSystemProperties() {
		return new BenchmarkSettings(findHubJar(), Path.of(property("results", "results/latest.md")).toAbsolutePath(),
				longProperty("large-mib", 1024) * MIB, longProperty("small-mib", 64) * MIB,
				(int) longProperty("repeats", 3), (int) longProperty("repositories", 10_000),
				(int) longProperty("seed-clients", 8), (int) longProperty("clients", 16),
				Duration.ofSeconds(longProperty("warmup-seconds", 5)),
				Duration.ofSeconds(longProperty("measure-seconds", 20)));
	}

	private static Path findHubJar() {
		String configured = System.getProperty("plugboard.bench.hub-jar");
		if (configured != null && Files.isRegularFile(Path.of(configured))) {
			return Path.of(configured).toAbsolutePath().normalize();
		}
		// Started from an IDE or by hand in benchmarks/: look where 'install' puts it.
		Path target = Path.of("..", "registry-api", "target");
		try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
			List<Path> jars = files.filter((file) -> {
				String name = file.getFileName().toString();
				return name.startsWith("plugboard-registry-api-") && name.endsWith(".jar");
			}).toList();
			if (jars.size() == 1) {
				return jars.get(0).toAbsolutePath().normalize();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		throw new IllegalStateException("No hub jar at " + configured + " nor in " + target.toAbsolutePath()
				+ "; build it first with './mvnw -B -q install -DskipTests'");
	}

	private static String property(String name, String fallback) {
		String value = System.getProperty("plugboard.bench." + name);
		return (value == null || value.isBlank()) ? fallback : value.strip();
	}

	private static long longProperty(String name, long fallback) {
		return Long.parseLong(property(name, Long.toString(fallback)));
	}

}
