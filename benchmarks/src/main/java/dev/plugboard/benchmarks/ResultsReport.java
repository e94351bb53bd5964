package dev.plugboard.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The run's numbers as Markdown, printed and written to {@code results/latest.md} (git
 * ignored: numbers belong to a machine, not to the source).
 */
final class ResultsReport {

	private static final double DOWNLOAD_TARGET = 0.8;

	private static final double UPLOAD_TARGET = 0.7;

	private final StringBuilder out = new StringBuilder();

	ResultsReport machine(BenchmarkSettings settings, Path hubJar) throws IOException {
		line("# Plugboard hub benchmark");
		line("");
		line("| Fact | Value |");
		line("|---|---|");
		line("| Date | " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME) + " |");
		line("| CPUs (nproc) | " + Runtime.getRuntime().availableProcessors() + " |");
		line("| Memory | " + memTotal() + " |");
		line("| OS | " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
				+ System.getProperty("os.arch") + ") |");
		line("| Java (benchmark and hub) | " + System.getProperty("java.vm.vendor") + " "
				+ System.getProperty("java.runtime.version") + " |");
		line("| Hub | `" + hubJar.getFileName() + "`, -Xmx" + BenchmarkSettings.HUB_HEAP
				+ ", proxy downloads, external PostgreSQL and S3 (S3Proxy, filesystem) on 127.0.0.1 |");
		line("| Runs | median of " + settings.repeats() + " per side, alternating which side goes first |");
		line("");
		return this;
	}

	ResultsReport transfers(List<TransferBenchmark.Result> results) {
		line("## Transfers: hub vs direct S3");
		line("");
		line("MB = 10^6 bytes. Download: GET through the hub (proxy mode) vs a presigned GET of the same object, "
				+ "same JDK HTTP client, body discarded. Upload: multipart PUT of adapter_config.json + the file "
				+ "(streamed, new version each run) vs MinIO SDK putObject of the same bytes with known size and "
				+ "the hub's 16 MiB part size.");
		line("");
		line("| Size | Direction | Hub MB/s | Direct MB/s | Hub/direct | Target | Hub runs (s) | Direct runs (s) |");
		line("|---|---|---:|---:|---:|---|---|---|");
		for (TransferBenchmark.Result result : results) {
			row(result.size(), "download", result.download(), DOWNLOAD_TARGET);
			row(result.size(), "upload", result.upload(), UPLOAD_TARGET);
		}
		line("");
		for (TransferBenchmark.Result result : results) {
			line("- " + TransferBenchmark.mib(result.size()) + ": one S3 server-side copy of the object (the hub's "
					+ "publish copies each staged upload to its content address) took "
					+ fmt2(result.serverSideCopySeconds()) + " s, against a median hub upload of "
					+ fmt2(result.upload().hubMedian()) + " s and direct upload of "
					+ fmt2(result.upload().directMedian()) + " s.");
		}
		line("");
		return this;
	}

	ResultsReport resources(List<HubResources.Usage> usages) {
		line("## Hub memory (-Xmx" + BenchmarkSettings.HUB_HEAP + ")");
		line("");
		line("Peak RSS is VmHWM, reset at the start of each phase. Heap peak / after GC: largest heap occupancy just "
				+ "before / just after a collection in the phase (GC log; \"-\" = no collection). Live heap: "
				+ "`jcmd GC.heap_info` after a forced full GC (`jcmd GC.run`) at the end of the phase.");
		line("");
		line("| Phase | Peak RSS MiB | RSS at end MiB | Heap peak MiB | Heap after GC, max MiB | GCs (full) "
				+ "| Longest GC pause ms | Live heap at end MiB |");
		line("|---|---:|---:|---:|---:|---|---:|---:|");
		for (HubResources.Usage usage : usages) {
			line("| " + usage.phase() + " | " + mib(usage.peakRssKib())
					+ (usage.peakIsPhaseOnly() ? "" : " (since start)") + " | " + mib(usage.rssKib()) + " | "
					+ gcMib(usage.peakHeapKib()) + " | " + gcMib(usage.maxAfterGcKib()) + " | " + usage.collections()
					+ " (" + usage.fullCollections() + ") | "
					+ ((usage.collections() == 0) ? "-" : fmt(usage.longestPauseMillis())) + " | "
					+ mib(usage.liveHeapKib()) + " |");
		}
		line("");
		return this;
	}

	ResultsReport cpu(List<HubResources.Usage> usages) {
		line("## CPU during each phase");
		line("");
		line("CPU seconds per process over the phase. The benchmark JVM runs the S3 server and all clients. "
				+ "\"Other\" is everything else on the machine (e.g. a build running meanwhile): if it is large, "
				+ "the phase's numbers were disturbed.");
		line("");
		line("| Phase | Wall s | Hub | Benchmark JVM | PostgreSQL | Other | Machine busy % | Largest other |");
		line("|---|---:|---:|---:|---:|---:|---:|---|");
		for (HubResources.Usage usage : usages.subList(1, usages.size())) {
			CpuAccounting.Spent cpu = usage.cpu();
			line("| " + usage.phase() + " | " + fmt(cpu.wallSeconds()) + " | " + fmt(cpu.hub()) + " | "
					+ fmt(cpu.bench()) + " | " + fmt(cpu.postgres()) + " | " + fmt(cpu.other()) + " | "
					+ fmt(cpu.machineBusyPercent()) + (disturbed(cpu) ? " **disturbed**" : "") + " | "
					+ String.join(", ", cpu.topOthers()) + " |");
		}
		line("");
		return this;
	}

	/**
	 * The comparison the memory table is for: heap after moving a small file against heap
	 * after moving a large one, with the same 256 MiB ceiling.
	 */
	ResultsReport heapVersusFileSize(List<TransferBenchmark.Result> results) {
		TransferBenchmark.Result small = results.get(0);
		TransferBenchmark.Result large = results.get(results.size() - 1);
		long smallLive = Math.max(small.uploadUsage().liveHeapKib(), small.downloadUsage().liveHeapKib());
		long largeLive = Math.max(large.uploadUsage().liveHeapKib(), large.downloadUsage().liveHeapKib());
		long smallAfterGc = Math.max(small.uploadUsage().maxAfterGcKib(), small.downloadUsage().maxAfterGcKib());
		long largeAfterGc = Math.max(large.uploadUsage().maxAfterGcKib(), large.downloadUsage().maxAfterGcKib());
		// Within 8 MiB or 20 %: noise of class loading and caches, not file content.
		boolean grows = largeLive > smallLive * 1.2 + 8 * 1024;
		line("Heap vs file size: live heap after the " + TransferBenchmark.mib(small.size()) + " transfers "
				+ mib(smallLive) + " MiB, after the " + TransferBenchmark.mib(large.size()) + " transfers "
				+ mib(largeLive) + " MiB; largest heap after a young/full GC " + gcMib(smallAfterGc) + " vs "
				+ gcMib(largeAfterGc) + " MiB. "
				+ (grows ? "**The live heap grew with the file size.**"
						: "The " + TransferBenchmark.mib(large.size()) + " file moved through a "
								+ BenchmarkSettings.HUB_HEAP
								+ " heap without the live heap growing: the hub streams."));
		line("");
		return this;
	}

	ResultsReport resolve(RepositorySeeder.Report seeding, ResolveLoad.Result load, HubResources.Usage usage) {
		line("## Resolve latency");
		line("");
		String how = (seeding.viaSql() == 0)
				? "all through the REST API (" + seeding.clients() + " clients: create + publish)"
				: seeding.viaRest() + " through the REST API (" + seeding.clients() + " clients), then "
						+ seeding.viaSql() + " by SQL copies of a hub-made repository, because REST ran at "
						+ fmt(seeding.restRate()) + " repositories/s (" + fmt(seeding.restEstimateSeconds())
						+ " s estimated for all > 240 s)";
		line("Seeded " + seeding.repositories() + " repositories with one published version each: " + how + "; took "
				+ fmt(seeding.seconds()) + " s. Load: closed loop, " + load.clients() + " virtual-thread clients, "
				+ "`GET /api/v1/resolve?ref=bench/r-<random>`, warm-up " + load.warmup().toSeconds() + " s, measured "
				+ load.measure().toSeconds() + " s.");
		line("");
		line("| Repositories | Clients | Requests | Requests/s | p50 ms | p99 ms | max ms | Errors | Hub CPU ms/request |");
		line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
		line("| " + seeding.repositories() + " | " + load.clients() + " | " + load.requests() + " | "
				+ fmt(load.requestsPerSecond()) + " | " + fmt2(load.p50Millis()) + " | " + fmt2(load.p99Millis())
				+ " | " + fmt2(load.maxMillis()) + " | " + load.errors() + " (warm-up: " + load.warmupErrors() + ") | "
				+ fmt2(1000 * usage.cpu().hub() / Math.max(1, load.sent())) + " |");
		for (String sample : load.errorSamples()) {
			line("");
			line("- error sample: `" + sample.replace('\n', ' ') + "`");
		}
		line("");
		return this;
	}

	ResultsReport database(DatabaseActivity.Snapshot before, DatabaseActivity.Snapshot after, long requests) {
		line("Database work per resolve request (PostgreSQL statistics over the whole load, warm-up included): "
				+ fmt2(after.transactionsPerRequestSince(before, requests)) + " transactions.");
		line("");
		line("| Table | Seq scans | Rows read by seq scans | Index scans | Rows written |");
		line("|---|---:|---:|---:|---:|");
		after.perRequestSince(before, requests)
			.forEach((table, perRequest) -> line("| " + table + " | " + fmt2(perRequest[0]) + " | "
					+ fmt2(perRequest[1]) + " | " + fmt2(perRequest[2]) + " | " + fmt2(perRequest[3]) + " |"));
		line("");
		return this;
	}

	ResultsReport hubLog(List<String> problems, double totalSeconds) {
		line("## Hub log");
		line("");
		if (problems.isEmpty()) {
			line("No WARN or ERROR lines.");
		}
		else {
			line(problems.size() + " WARN/ERROR lines; first ones:");
			line("");
			line("```");
			problems.stream().limit(10).forEach((problem) -> line(abbreviate(problem)));
			line("```");
		}
		line("");
		line("Total run time: " + fmt(totalSeconds) + " s.");
		return this;
	}

	void publish(Path file) throws IOException {
		System.out.println();
		System.out.println(this.out);
		Files.createDirectories(file.getParent());
		Files.writeString(file, this.out);
		System.out.println("Written to " + file);
	}

	private void row(long size, String direction, TransferBenchmark.Comparison comparison, double target) {
		double ratio = comparison.ratio();
		line("| " + TransferBenchmark.mib(size) + " | " + direction + " | "
				+ fmt(mbPerSecond(size, comparison.hubMedian())) + " | "
				+ fmt(mbPerSecond(size, comparison.directMedian())) + " | " + fmt2(ratio) + " | ≥ " + fmt2(target)
				+ ((ratio >= target) ? " met" : " **missed**") + " | " + runs(comparison.hubSeconds()) + " | "
				+ runs(comparison.directSeconds()) + " |");
	}

	/**
	 * Other processes took more than a tenth of the machine: the phase competed with work
	 * that is not part of the benchmark.
	 */
	private static boolean disturbed(CpuAccounting.Spent cpu) {
		return cpu.other() > 0.1 * cpu.wallSeconds() * Runtime.getRuntime().availableProcessors();
	}

	private static String gcMib(long kib) {
		return (kib < 0) ? "-" : mib(kib);
	}

	private static double mbPerSecond(long bytes, double seconds) {
		return bytes / 1e6 / seconds;
	}

	private static String runs(List<Double> seconds) {
		return seconds.stream().map(ResultsReport::fmt2).collect(Collectors.joining(", "));
	}

	private static String memTotal() throws IOException {
		Path meminfo = Path.of("/proc/meminfo");
		if (!Files.exists(meminfo)) {
			return "unknown";
		}
		return Files.readAllLines(meminfo)
			.stream()
			.filter((line) -> line.startsWith("MemTotal:"))
			.map((line) -> fmt(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0) + " GiB")
			.findFirst()
			.orElse("unknown");
	}

	private static String mib(long kib) {
		return (kib < 0) ? "n/a" : fmt(kib / 1024.0);
	}

	private static String abbreviate(String line) {
		return (line.length() > 400) ? line.substring(0, 400) + " …" : line;
	}

	private static String fmt(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

	private static String fmt2(double value) {
		return String.format(Locale.ROOT, "%.2f", value);
	}

	private void line(String text) {
		this.out.append(text).append('\n');
	}

}
