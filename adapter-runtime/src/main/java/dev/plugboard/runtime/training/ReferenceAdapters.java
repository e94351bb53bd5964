package dev.plugboard.runtime.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import ai.djl.Device;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

import dev.plugboard.runtime.AdaptedModel;
import dev.plugboard.runtime.adapters.AdapterFormat;
import dev.plugboard.runtime.adapters.AdapterWeights;
import dev.plugboard.runtime.adapters.AdapterWriter;
import dev.plugboard.runtime.adapters.BottleneckConfig;
import dev.plugboard.runtime.baseimport.BaseModelImport;
import dev.plugboard.runtime.baseimport.BundledBaseModel;
import dev.plugboard.runtime.encoder.LayerModule;
import dev.plugboard.runtime.encoder.ModelDirectory;

/**
 * Trains Plugboard's reference adapters for SST-2 on all-MiniLM-L6-v2: a LoRA (saved in
 * PEFT format) and a Pfeiffer bottleneck adapter (saved in AdapterHub format), each with
 * a classification head, and reports their dev accuracy.
 *
 * <pre>
 * java ... dev.plugboard.runtime.training.ReferenceAdapters &lt;shared-data&gt; &lt;output&gt; [lora|seq_bn|all]
 * </pre>
 */
public final class ReferenceAdapters {

	/**
	 * SST-2's training set holds 67,349 examples, most of them short phrases; one epoch
	 * over all of them teaches more than several over a subset, and length-bucketed
	 * batches of phrases are cheap.
	 */
	public static final int EPOCHS = 1;

	/** SST-2's labels, index 0 and 1. */
	public static final List<String> LABELS = List.of("negative", "positive");

	private static final long SEED = 42;

	private ReferenceAdapters() {
	}

	/** One trained reference adapter. */
	public record Trained(String name, Path directory, double devAccuracy, int steps, List<Double> secondsPerEpoch,
			long parameters) {
	}

	public static void main(String[] args) {
		if (args.length < 2) {
			System.err.println("usage: ReferenceAdapters <shared-data> <output> [lora|seq_bn|all]");
			System.exit(2);
		}
		String which = (args.length > 2) ? args[2] : "all";
		for (Trained trained : train(Path.of(args[0]), Path.of(args[1]), which)) {
			System.out.printf(Locale.ROOT, "%s: SST-2 dev accuracy %.4f, %d steps, %s s/epoch, %d parameters, in %s%n",
					trained.name(), trained.devAccuracy(), trained.steps(), trained.secondsPerEpoch(),
					trained.parameters(), trained.directory());
		}
	}

	/**
	 * Trains the chosen reference adapters ({@code lora}, {@code seq_bn} or {@code all}).
	 */
	public static List<Trained> train(Path sharedData, Path output, String which) {
		ModelDirectory base = BaseModelImport.importTo(BundledBaseModel.ALL_MINILM_L6_V2,
				output.resolve("base-models/all-minilm-l6-v2"));
		List<LabelledText> train = new ArrayList<>(
				LabelledText.readTsv(sharedData.resolve("glue/SST-2/train.tsv"), "sentence", "label"));
		Collections.shuffle(train, new Random(SEED));
		List<LabelledText> dev = LabelledText.readTsv(sharedData.resolve("glue/SST-2/dev.tsv"), "sentence", "label");
		List<Trained> results = new ArrayList<>();
		if (which.equals("lora") || which.equals("all")) {
			AdapterWeights initial = AdapterInit.lora("sst-2-lora", base.config(),
					List.of(LayerModule.QUERY, LayerModule.VALUE), 8, 16, LABELS, SEED);
			results.add(trainOne(base, initial, train, dev, AdapterFormat.PEFT, output,
					new TrainingSettings(EPOCHS, 32, 1e-3f, 0.01f, 0.06f, 8, 4, SEED)));
		}
		if (which.equals("seq_bn") || which.equals("all")) {
			AdapterWeights initial = AdapterInit.bottleneck("sst-2-seq-bn", base.config(), BottleneckConfig.seqBn(16),
					LABELS, SEED);
			results.add(trainOne(base, initial, train, dev, AdapterFormat.ADAPTERHUB, output,
					new TrainingSettings(EPOCHS, 32, 1e-3f, 0.01f, 0.06f, 8, 4, SEED)));
		}
		return results;
	}

	private static Trained trainOne(ModelDirectory base, AdapterWeights initial, List<LabelledText> train,
			List<LabelledText> dev, AdapterFormat format, Path output, TrainingSettings settings) {
		try (AdaptedModel model = AdaptedModel.load(base, Device.cpu())) {
			AdapterTrainer.Result result = AdapterTrainer.train(model, initial, train, dev, settings);
			Path directory = output.resolve(initial.name());
			AdapterWriter.write(result.best(), format, directory, BundledBaseModel.ALL_MINILM_L6_V2.repository(),
					base.config());
			Trained trained = new Trained(initial.name(), directory, result.bestDevAccuracy(), result.steps(),
					result.secondsPerEpoch(), result.best().parameterCount());
			writeReport(directory, trained, settings, train.size());
			return trained;
		}
	}

	private static void writeReport(Path directory, Trained trained, TrainingSettings settings, int examples) {
		JsonObject report = new JsonObject();
		report.addProperty("task", "SST-2");
		report.addProperty("base_model", BundledBaseModel.ALL_MINILM_L6_V2.repository());
		report.addProperty("train_examples", examples);
		report.addProperty("dev_accuracy", trained.devAccuracy());
		report.addProperty("steps", trained.steps());
		report.addProperty("seconds_per_epoch", trained.secondsPerEpoch().toString());
		report.addProperty("settings", settings.toString());
		try {
			Files.writeString(directory.resolve("training.json"),
					new GsonBuilder().setPrettyPrinting().create().toJson(report) + "\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
