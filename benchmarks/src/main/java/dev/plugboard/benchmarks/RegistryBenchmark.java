package dev.plugboard.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs the whole benchmark once against a real hub process: transfer throughput hub vs
 * direct S3 (small and large file), the hub's memory and CPU meanwhile, then resolve
 * latency over a registry of many repositories. Everything it starts or writes is removed
 * at the end, also when it fails or is interrupted. See benchmarks/README.md for the
 * command.
 */
public final class RegistryBenchmark {

	private static final long STARTED = System.nanoTime();

	private RegistryBenchmark() {
	}

	public static void main(String[] args) {
		BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
		boolean failed = false;
		try (Cleanup cleanup = new Cleanup()) {
			run(settings, cleanup);
		}
		catch (Exception ex) {
			failed = true;
			System.err.println("Benchmark failed:");
			ex.printStackTrace();
		}
		// Exit explicitly: HTTP client and S3 SDK threads must not keep the JVM alive.
		System.exit(failed ? 1 : 0);
	}

	private static void run(BenchmarkSettings settings, Cleanup cleanup) throws Exception {
		Path directory = Files.createTempDirectory("plugboard-bench-");
		cleanup.add("delete " + directory, () -> deleteRecursively(directory));
		progress("hub jar " + settings.hubJar() + ", temp data in " + directory);

		progress("starting PostgreSQL and the S3 server");
		BackingServices services = BackingServices.start(directory, cleanup);
		// Registered before the hub so it runs after the hub has stopped and flushed its
		// log.
		Path resultsFolder = settings.results().getParent();
		cleanup.add("keep the hub's logs in " + resultsFolder, () -> {
			keepLog(directory.resolve("hub.log"), resultsFolder.resolve("hub-latest.log"));
			keepLog(directory.resolve("hub-gc.log"), resultsFolder.resolve("hub-gc-latest.log"));
		});
		progress("starting the hub (-Xmx" + BenchmarkSettings.HUB_HEAP + ")");
		HubProcess hub = HubProcess.start(settings.hubJar(), directory, services, cleanup);
		progress("hub pid " + hub.pid() + " healthy at " + hub.baseUri());

		HubResources resources = new HubResources(hub, new CpuAccounting(hub.pid(), services.postgres().getPort()));
		List<HubResources.Usage> usages = new ArrayList<>();
		usages.add(resources.close("idle after start", resources.open()));
		HubApi api = new HubApi(HubApi.newClient(), hub.baseUri(), hub.adminToken());
		DirectS3 s3 = new DirectS3(services.s3());
		cleanup.add("close the S3 client", s3::close);

		TransferBenchmark transfers = new TransferBenchmark(api, s3, resources, settings.repeats());
		List<TransferBenchmark.Result> results = new ArrayList<>();
		for (long size : List.of(settings.smallBytes(), settings.largeBytes())) {
			progress("transfers of " + TransferBenchmark.mib(size) + " (" + settings.repeats() + " uploads and "
					+ settings.repeats() + " downloads per side)");
			TransferBenchmark.Result result = transfers.run(size);
			results.add(result);
			usages.add(result.uploadUsage());
			usages.add(result.downloadUsage());
		}

		progress("seeding " + settings.repositories() + " repositories");
		HubResources.Window seedingWindow = resources.open();
		RepositorySeeder.Report seeding = new RepositorySeeder(api, services.postgres().getPostgresDatabase(),
				settings.seedClients())
			.seed(settings.repositories());
		usages.add(resources.close("seeding (" + seeding.viaRest() + " via REST, " + seeding.viaSql() + " via SQL)",
				seedingWindow));
		progress("seeded in " + Math.round(seeding.seconds()) + " s (" + seeding.viaRest() + " via REST, "
				+ seeding.viaSql() + " via SQL)");
		checkResolves(api, settings.repositories());

		// Settled first: the seeding's counters must not be counted as the load's.
		DatabaseActivity activity = new DatabaseActivity(services.postgres().getPostgresDatabase());
		DatabaseActivity.Snapshot before = activity.settledSnapshot();
		progress("resolve load: " + settings.clients() + " clients, " + settings.warmup().toSeconds() + " s warm-up, "
				+ settings.measure().toSeconds() + " s measured");
		HubResources.Window window = resources.open();
		ResolveLoad.Result load = new ResolveLoad(api, settings.repositories()).run(settings.clients(),
				settings.warmup(), settings.measure());
		HubResources.Usage resolveUsage = resources.close("resolve load", window);
		usages.add(resolveUsage);
		progress("reading database statistics");
		DatabaseActivity.Snapshot after = activity.settledSnapshot();

		new ResultsReport().machine(settings, settings.hubJar())
			.transfers(results)
			.resources(usages)
			.heapVersusFileSize(results)
			.cpu(usages)
			.resolve(seeding, load, resolveUsage)
			.database(before, after, load.sent())
			.hubLog(hub.problemLines(), (System.nanoTime() - STARTED) / 1e9)
			.publish(settings.results());
	}

	/**
	 * The first, a middle and the last seeded repository resolve to their version:
	 * seeding worked.
	 */
	private static void checkResolves(HubApi api, int repositories) throws Exception {
		for (int i : new int[] { 0, repositories / 2, repositories - 1 }) {
			String ref = TransferBenchmark.NAMESPACE + "/" + RepositorySeeder.PREFIX + i;
			String version = api.resolvedVersion(ref);
			if (!RepositorySeeder.VERSION.equals(version)) {
				throw new IllegalStateException(ref + " resolved to " + version);
			}
		}
	}

	private static void keepLog(Path log, Path kept) throws IOException {
		if (Files.exists(log)) {
			Files.createDirectories(kept.getParent());
			Files.copy(log, kept, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	static void progress(String message) {
		long seconds = (System.nanoTime() - STARTED) / 1_000_000_000L;
		System.out.printf("[bench %02d:%02d] %s%n", seconds / 60, seconds % 60, message);
	}

}
