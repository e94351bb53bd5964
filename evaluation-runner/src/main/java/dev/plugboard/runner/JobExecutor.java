package dev.plugboard.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.Device;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.plugboard.client.FileRef;
import dev.plugboard.client.HubException;
import dev.plugboard.client.PlugboardClient;
import dev.plugboard.client.ResolvedVersion;
import dev.plugboard.client.TransferListener;
import dev.plugboard.formats.FormatException;
import dev.plugboard.runner.benchmark.BenchmarkDataset;
import dev.plugboard.runner.benchmark.BenchmarkSpec;
import dev.plugboard.runner.benchmark.Example;
import dev.plugboard.runner.benchmark.Metric;
import dev.plugboard.runner.benchmark.Metrics;
import dev.plugboard.runtime.AdaptedModel;
import dev.plugboard.runtime.adapters.AdapterMismatchException;
import dev.plugboard.runtime.adapters.StitchedAdapter;
import dev.plugboard.runtime.encoder.ModelDirectory;

/**
 * Scores one adapter version on one benchmark: fetches the files through the client's
 * verified cache, stitches the adapter into its base model (kept loaded across jobs) and
 * predicts every example of the benchmark's dataset.
 */
public final class JobExecutor implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(JobExecutor.class);

	private static final int BATCH = 32;

	private final PlugboardClient client;

	private final Device device;

	private String loadedBaseModel;

	private AdaptedModel model;

	public JobExecutor(PlugboardClient client, Device device) {
		this.client = client;
		this.device = device;
	}

	/** The base models this runner holds loaded, {@code repo@version}. */
	public List<String> loadedBaseModels() {
		return (this.loadedBaseModel == null) ? List.of() : List.of(this.loadedBaseModel);
	}

	public Device device() {
		return this.device;
	}

	/**
	 * Scores a job.
	 * @throws JobFailure when it cannot be scored
	 */
	public Outcome run(Job job) {
		BenchmarkSpec spec;
		try {
			spec = BenchmarkSpec.fromJson(job.spec().toString());
		}
		catch (IllegalArgumentException ex) {
			throw new JobFailure("Benchmark " + job.benchmarkId() + " has an invalid spec: " + ex.getMessage(), false,
					ex);
		}
		long started = System.nanoTime();
		Path baseDirectory;
		Path adapterDirectory;
		Path dataset;
		try {
			baseDirectory = this.client.fetch(job.baseModel(), TransferListener.NONE).directory();
			adapterDirectory = this.client.fetch(job.adapter(), TransferListener.NONE).directory();
			dataset = this.client.download(job.dataset());
		}
		catch (HubException ex) {
			throw new JobFailure("Fetching failed: " + ex.getMessage(), ex.retryable(), ex);
		}
		long fetched = System.nanoTime();
		StitchedAdapter adapter;
		try {
			AdaptedModel base = baseModel(job.baseModel(), baseDirectory);
			adapter = base.add(adapterDirectory);
		}
		catch (AdapterMismatchException | FormatException ex) {
			throw new JobFailure("The adapter does not fit " + job.baseModel().repository() + ": " + ex.getMessage(),
					false, ex);
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			throw new JobFailure("The adapter cannot be loaded: " + ex.getMessage(), false, ex);
		}
		long loaded = System.nanoTime();
		try {
			this.model.activate(adapter.name());
			List<Example> examples;
			try {
				examples = BenchmarkDataset.read(spec, dataset);
			}
			catch (IllegalArgumentException ex) {
				// The file matched its sha256, so reading it again gives the same error.
				throw new JobFailure("The dataset of " + job.benchmarkId() + " cannot be read: " + ex.getMessage(),
						false, ex);
			}
			Map<String, Double> metrics = score(spec, adapter, examples);
			long computed = System.nanoTime();
			return new Outcome(metrics, spec.primaryMetric().id(), deviceName(this.device), spec.examples(),
					millis(fetched - started), millis(loaded - fetched), millis(computed - loaded));
		}
		finally {
			this.model.remove(adapter.name());
		}
	}

	private Map<String, Double> score(BenchmarkSpec spec, StitchedAdapter adapter, List<Example> examples) {
		if (!adapter.hasHead()) {
			throw new JobFailure(
					"Adapter " + adapter.name() + " has no prediction head to score " + spec.id() + " with", false,
					null);
		}
		int[] classOfOutput;
		try {
			classOfOutput = spec.classIdsOfHead(adapter.weights().head().labels());
		}
		catch (IllegalArgumentException ex) {
			throw new JobFailure("The adapter's head does not fit " + spec.id() + ": " + ex.getMessage(), false, ex);
		}
		int[] gold = new int[examples.size()];
		int[] predicted = new int[examples.size()];
		for (int start = 0; start < examples.size(); start += BATCH) {
			List<Example> batch = examples.subList(start, Math.min(examples.size(), start + BATCH));
			float[][] probabilities = (spec.inputColumns().size() == 1)
					? this.model.classify(batch.stream().map((e) -> e.texts().get(0)).toList())
					: this.model.classifyPairs(batch.stream().map((e) -> e.texts().get(0)).toList(),
							batch.stream().map((e) -> e.texts().get(1)).toList());
			for (int i = 0; i < batch.size(); i++) {
				gold[start + i] = batch.get(i).label();
				predicted[start + i] = classOfOutput[argmax(probabilities[i])];
			}
		}
		Map<String, Double> metrics = new LinkedHashMap<>();
		for (Map.Entry<Metric, Double> entry : Metrics.score(spec, gold, predicted).entrySet()) {
			metrics.put(entry.getKey().id(), entry.getValue());
		}
		return metrics;
	}

	private AdaptedModel baseModel(ResolvedVersion version, Path directory) {
		String key = version.repository() + "@" + version.version();
		if (!key.equals(this.loadedBaseModel)) {
			if (this.model != null) {
				this.model.close();
				this.model = null;
				this.loadedBaseModel = null;
			}
			logger.info("Loading base model {}", key);
			this.model = AdaptedModel.load(ModelDirectory.open(directory), this.device);
			this.loadedBaseModel = key;
		}
		return this.model;
	}

	/** {@code cpu} or {@code cuda:0}, as runners report devices. */
	static String deviceName(Device device) {
		return device.isGpu() ? "cuda:" + device.getDeviceId() : "cpu";
	}

	private static int argmax(float[] values) {
		int best = 0;
		for (int i = 1; i < values.length; i++) {
			if (values[i] > values[best]) {
				best = i;
			}
		}
		return best;
	}

	private static long millis(long nanos) {
		return nanos / 1_000_000;
	}

	@Override
	public void close() {
		if (this.model != null) {
			this.model.close();
		}
	}

}
