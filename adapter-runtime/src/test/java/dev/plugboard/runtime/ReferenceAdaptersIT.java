package dev.plugboard.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ai.djl.Device;

import org.junit.jupiter.api.Test;

import dev.plugboard.runtime.baseimport.BundledBaseModel;
import dev.plugboard.runtime.encoder.ModelDirectory;
import dev.plugboard.runtime.training.Evaluation;
import dev.plugboard.runtime.training.LabelledText;
import dev.plugboard.runtime.training.ReferenceAdapters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trains the two reference adapters exactly as the documented command does, checks that
 * each reaches 85% on SST-2 dev, and that the saved files (PEFT for the LoRA, AdapterHub
 * for the bottleneck adapter) reproduce that accuracy in a freshly loaded model.
 */
class ReferenceAdaptersIT {

	@Test
	void referenceAdaptersReach85PercentOnSst2Dev() throws Exception {
		Path output = Path.of("target/reference-adapters");
		List<ReferenceAdapters.Trained> trained = ReferenceAdapters.train(TestData.shared(), output, "all");
		List<LabelledText> dev = TestData.sst2Dev();
		ModelDirectory base = TestData.baseModel(BundledBaseModel.ALL_MINILM_L6_V2);
		assertThat(trained).hasSize(2);
		for (ReferenceAdapters.Trained adapter : trained) {
			System.out.printf("REFERENCE %s: SST-2 dev accuracy %.4f, %d steps, %s s/epoch%n", adapter.name(),
					adapter.devAccuracy(), adapter.steps(), adapter.secondsPerEpoch());
			assertThat(adapter.devAccuracy()).as(adapter.name()).isGreaterThanOrEqualTo(0.85);
			assertThat(Files.exists(adapter.directory().resolve("adapter_config.json"))).isTrue();
			try (AdaptedModel fresh = AdaptedModel.load(base, Device.cpu())) {
				fresh.add(adapter.directory());
				fresh.activate(adapter.name());
				assertThat(Evaluation.accuracy(fresh, dev)).as(adapter.name() + " from disk")
					.isCloseTo(adapter.devAccuracy(), org.assertj.core.data.Offset.offset(1e-9));
			}
		}
	}

}
