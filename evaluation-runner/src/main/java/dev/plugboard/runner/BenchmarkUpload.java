package dev.plugboard.runner;

import java.nio.file.Path;
import java.util.List;

import com.google.gson.JsonParser;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.plugboard.client.PlugboardClient;
import dev.plugboard.runner.benchmark.GlueImport;

/**
 * Imports GLUE tasks from a directory laid out like {@code ../shared/data/glue} into a
 * hub as benchmarks: the spec, then the normalized dataset file. Safe to run again.
 *
 * <pre>
 * BenchmarkUpload --hub URL --token ADMIN_TOKEN --glue DIR
 * </pre>
 */
public final class BenchmarkUpload {

	private static final Logger logger = LoggerFactory.getLogger(BenchmarkUpload.class);

	private BenchmarkUpload() {
	}

	/** Uploads every GLUE task found under {@code glue}; returns the benchmark ids. */
	public static List<String> upload(PlugboardClient client, Path glue) {
		List<GlueImport.Imported> tasks = GlueImport.importAll(glue);
		for (GlueImport.Imported task : tasks) {
			String path = "api/v1/benchmarks/" + task.spec().id();
			client.putJson(path, JsonParser.parseString(task.spec().toJson()));
			client.putBytes(path + "/dataset", task.dataset(), "application/x-ndjson");
			logger.info("Benchmark {}: {} examples, dataset sha256 {}", task.spec().id(), task.spec().examples(),
					task.datasetSha256());
		}
		return tasks.stream().map((task) -> task.spec().id()).toList();
	}

	public static void main(String[] args) {
		String hub = null;
		String token = System.getenv("PLUGBOARD_TOKEN");
		Path glue = null;
		for (int i = 0; i + 1 < args.length; i += 2) {
			switch (args[i]) {
				case "--hub" -> hub = args[i + 1];
				case "--token" -> token = args[i + 1];
				case "--glue" -> glue = Path.of(args[i + 1]);
				default -> {
					System.err.println("Unknown argument " + args[i]);
					System.exit(2);
				}
			}
		}
		if (hub == null || token == null || glue == null) {
			System.err.println("usage: BenchmarkUpload --hub URL --token ADMIN_TOKEN --glue DIR");
			System.exit(2);
		}
		List<String> ids = upload(PlugboardClient.builder(hub).token(token).build(), glue);
		System.out.println("Imported " + ids.size() + " benchmarks: " + ids);
	}

}
