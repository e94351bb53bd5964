package dev.plugboard.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import ai.djl.Device;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.plugboard.runtime.adapters.AdapterFormat;
import dev.plugboard.runtime.adapters.AdapterWriter;
import dev.plugboard.runtime.baseimport.BundledBaseModel;
import dev.plugboard.runtime.encoder.LayerModule;
import dev.plugboard.runtime.encoder.ModelDirectory;
import dev.plugboard.runtime.training.AdapterInit;
import dev.plugboard.runtime.training.AdapterTrainer;
import dev.plugboard.runtime.training.Evaluation;
import dev.plugboard.runtime.training.LabelledText;
import dev.plugboard.runtime.training.TrainingSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trains a small LoRA with a head on real SST-2 sentences on the fly, saves it in PEFT
 * format, and loads it back into a fresh model with the same accuracy.
 */
class AdapterTrainingTests {

	@Test
	void smallLoraLearnsSst2AndSurvivesSavingAndLoading(@TempDir Path temp) {
		ModelDirectory base = TestData.baseModel(BundledBaseModel.ALL_MINILM_L6_V2);
		List<LabelledText> train = new ArrayList<>(
				LabelledText.readTsv(TestData.shared().resolve("glue/SST-2/train.tsv"), "sentence", "label"));
		Collections.shuffle(train, new Random(5));
		List<LabelledText> dev = TestData.sst2Dev().subList(0, 300);
		double accuracy;
		try (AdaptedModel model = AdaptedModel.load(base, Device.cpu())) {
			AdapterTrainer.Result result = AdapterTrainer.train(model,
					AdapterInit.lora("sst2-small", base.config(), List.of(LayerModule.QUERY, LayerModule.VALUE), 8, 16,
							List.of("negative", "positive"), 5),
					train.subList(0, 2400), dev, new TrainingSettings(1, 32, 1e-3f, 0.01f, 0.1f, 2, 2, 5));
			System.out.printf("Small LoRA: dev accuracy %.3f after %d steps, %.1f s/epoch%n", result.bestDevAccuracy(),
					result.steps(), result.secondsPerEpoch().get(0));
			accuracy = result.bestDevAccuracy();
			assertThat(accuracy).isGreaterThan(0.70);
			AdapterWriter.write(result.best(), AdapterFormat.PEFT, temp.resolve("sst2-small"),
					BundledBaseModel.ALL_MINILM_L6_V2.repository(), base.config());
		}
		try (AdaptedModel fresh = AdaptedModel.load(base, Device.cpu())) {
			fresh.add(temp.resolve("sst2-small"));
			fresh.activate("sst2-small");
			assertThat(Evaluation.accuracy(fresh, dev)).isEqualTo(accuracy);
		}
	}

}
