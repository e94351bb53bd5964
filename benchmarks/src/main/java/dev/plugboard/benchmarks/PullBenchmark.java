package dev.plugboard.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ai.djl.Device;
import com.google.gson.JsonParser;

import dev.plugboard.client.FileRef;
import dev.plugboard.client.PlugboardClient;
import dev.plugboard.client.ResolvedVersion;
import dev.plugboard.client.TransferListener;
import dev.plugboard.runtime.AdaptedModel;
import dev.plugboard.runtime.adapters.AdapterFormat;
import dev.plugboard.runtime.adapters.AdapterWriter;
import dev.plugboard.runtime.encoder.LayerModule;
import dev.plugboard.runtime.encoder.ModelDirectory;
import dev.plugboard.runtime.training.AdapterInit;

/**
 * What a user of the SDK waits for: time to the first prediction with a cold cache (pull
 * the base model and the adapter, verify, load, stitch, predict) and with a warm one (the
 * same from the cache), and how fast a pull moves bytes compared with plain HTTP GETs of
 * the same files written to disk without any checking. The hub runs as its own process on
 * external PostgreSQL and S3, like the other benchmarks.
 */
public final class PullBenchmark {

	private static final String BASE_MODEL = "sentence-transformers/all-MiniLM-L6-v2";

	private static final String ADAPTER = "bench/sst2-lora";

	private static final List<String> SENTENCE = List.of("A gripping, beautifully acted film.");

	private PullBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path hubJar = Path.of(System.getProperty("plugboard.bench.hub-jar"));
		Path results = Path.of(System.getProperty("plugboard.pull-bench.results", "results/pull-latest.md"));
		int rounds = Integer.getInteger("plugboard.pull-bench.rounds", 5);
		Path directory = Files.createTempDirectory("plugboard-pull-bench");
		try (Cleanup cleanup = new Cleanup()) {
			BackingServices services = BackingServices.start(directory, cleanup);
			HubProcess hub = HubProcess.start(hubJar, directory, services, cleanup, "1g",
					List.of("--plugboard.runner.embedded=false", "--plugboard.base-models.import-bundled=false"));
			String base = hub.baseUri().toString();
			PlugboardClient admin = PlugboardClient.builder(base)
				.token(hub.adminToken())
				.cacheDirectory(directory.resolve("admin-cache"))
				.build();
			admin.postJson("api/v1/base-models/import", JsonParser.parseString("{\"model\":\"" + BASE_MODEL + "\"}"));
			ModelDirectory baseModel = ModelDirectory.open(admin.pull(BASE_MODEL).directory());
			Path adapter = directory.resolve("adapter/sst2-lora");
			AdapterWriter.write(
					AdapterInit.lora("sst2-lora", baseModel.config(), List.of(LayerModule.QUERY, LayerModule.VALUE), 8,
							16, List.of("negative", "positive"), 7),
					AdapterFormat.PEFT, adapter, BASE_MODEL, baseModel.config());
			admin.push(ADAPTER, "1.0.0", adapter, Map.of("task", "sentiment", "subtask", "sst-2"),
					TransferListener.NONE);

			// Loads DJL's native engine once, so no measured round pays for it.
			firstPrediction(base, directory.resolve("warm-up-cache"));

			List<Double> cold = new ArrayList<>();
			List<Double> warm = new ArrayList<>();
			List<Double> pullRates = new ArrayList<>();
			List<Double> plainRates = new ArrayList<>();
			ResolvedVersion files = admin.resolve(BASE_MODEL);
			HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
			for (int round = 0; round < rounds; round++) {
				Path cache = directory.resolve("cache-" + round);
				cold.add(firstPrediction(base, cache));
				warm.add(firstPrediction(base, cache));
				// Alternating, so drift on a busy machine hits both alike.
				pullRates.add(pullRate(base, directory.resolve("pull-" + round), files.size()));
				plainRates.add(plainRate(http, files, directory.resolve("plain-" + round)));
			}
			String report = report(files, rounds, cold, warm, pullRates, plainRates);
			System.out.println(report);
			Files.createDirectories(results.toAbsolutePath().getParent());
			Files.writeString(results, report);
		}
	}

	/**
	 * Seconds from nothing to the first prediction of a freshly built client and model.
	 */
	private static double firstPrediction(String hub, Path cache) {
		long start = System.nanoTime();
		PlugboardClient client = PlugboardClient.builder(hub).cacheDirectory(cache).build();
		try (AdaptedModel model = AdaptedModel.pull(client, BASE_MODEL, Device.cpu())) {
			model.activate(model.loadAdapter("sentiment/sst-2@bench").name());
			float[][] probabilities = model.classify(SENTENCE);
			if (probabilities[0].length != 2) {
				throw new IllegalStateException("Unexpected prediction " + java.util.Arrays.toString(probabilities[0]));
			}
		}
		return (System.nanoTime() - start) / 1e9;
	}

	/** MB/s of a cold pull of the base model: resolve, download, verify, lay out. */
	private static double pullRate(String hub, Path cache, long bytes) {
		long start = System.nanoTime();
		PlugboardClient.builder(hub).cacheDirectory(cache).build().pull(BASE_MODEL);
		return bytes / 1e6 / ((System.nanoTime() - start) / 1e9);
	}

	/** MB/s of plain GETs of the same files into files, nothing checked. */
	private static double plainRate(HttpClient http, ResolvedVersion version, Path directory) throws Exception {
		Files.createDirectories(directory);
		long start = System.nanoTime();
		int i = 0;
		for (FileRef file : version.files()) {
			HttpResponse<Path> response = http.send(HttpRequest.newBuilder(URI.create(file.downloadUrl())).build(),
					HttpResponse.BodyHandlers.ofFile(directory.resolve("file-" + i++)));
			if (response.statusCode() != 200) {
				throw new IllegalStateException("GET " + file.downloadUrl() + " answered " + response.statusCode());
			}
		}
		return version.size() / 1e6 / ((System.nanoTime() - start) / 1e9);
	}

	private static String report(ResolvedVersion files, int rounds, List<Double> cold, List<Double> warm,
			List<Double> pullRates, List<Double> plainRates) {
		StringBuilder out = new StringBuilder("# Pull benchmark\n\n");
		out.append("| Fact | Value |\n|---|---|\n");
		out.append("| Date | ").append(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)).append(" |\n");
		out.append("| CPUs (nproc) | ").append(Runtime.getRuntime().availableProcessors()).append(" |\n");
		out.append("| Load average at the end | ")
			.append(String.format(Locale.ROOT, "%.2f",
					java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
			.append(" |\n");
		out.append("| Base model | ")
			.append(BASE_MODEL)
			.append(", ")
			.append(files.files().size())
			.append(" files, ")
			.append(String.format(Locale.ROOT, "%.1f MB", files.size() / 1e6))
			.append(" |\n");
		out.append(
				"| Adapter | LoRA r=8 on query/value with a 2-class head, PEFT format, resolved as sentiment/sst-2@bench |\n");
		out.append("| Rounds | ").append(rounds).append(" (medians; cold and warm, pull and plain alternate) |\n\n");
		out.append("| figure | median | min | max |\n|---|---|---|---|\n");
		row(out, "time to first prediction, cold cache (s)", cold);
		row(out, "time to first prediction, warm cache (s)", warm);
		row(out, "pull throughput, SDK (MB/s)", pullRates);
		row(out, "plain HTTP GET of the same files (MB/s)", plainRates);
		out.append(String.format(Locale.ROOT, "%n**SDK pull / plain GET: %.2f** (median of per-round ratios %.2f)%n",
				median(pullRates) / median(plainRates), median(ratios(pullRates, plainRates))));
		out.append(String.format(Locale.ROOT, "**cold / warm time to first prediction: %.2f**%n",
				median(cold) / median(warm)));
		return out.toString();
	}

	private static List<Double> ratios(List<Double> a, List<Double> b) {
		List<Double> ratios = new ArrayList<>();
		for (int i = 0; i < a.size(); i++) {
			ratios.add(a.get(i) / b.get(i));
		}
		return ratios;
	}

	private static void row(StringBuilder out, String name, List<Double> values) {
		out.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f |%n", name, median(values),
				Collections.min(values), Collections.max(values)));
	}

	private static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

}
