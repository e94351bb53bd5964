package dev.plugboard.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.plugboard.runtime.baseimport.BaseModelImport;
import dev.plugboard.runtime.baseimport.BundledBaseModel;
import dev.plugboard.runtime.encoder.ModelDirectory;
import dev.plugboard.runtime.training.LabelledText;

/** Real data and real base models for the tests, imported once per build. */
public final class TestData {

	private static final Map<BundledBaseModel, ModelDirectory> imported = new ConcurrentHashMap<>();

	private TestData() {
	}

	/** The shared data directory, {@code ../shared/data}. */
	public static Path shared() {
		return Path.of(System.getProperty("plugboard.shared-data", "../shared/data"));
	}

	/**
	 * A bundled base model imported into the Hugging Face layout under {@code target/}.
	 */
	public static synchronized ModelDirectory baseModel(BundledBaseModel model) {
		return imported.computeIfAbsent(model,
				(m) -> BaseModelImport.importTo(m, Path.of("target/base-models", m.name().toLowerCase())));
	}

	/** SST-2 dev sentences and labels (872). */
	public static List<LabelledText> sst2Dev() {
		return LabelledText.readTsv(shared().resolve("glue/SST-2/dev.tsv"), "sentence", "label");
	}

	/** The real PEFT LoRA for all-MiniLM-L6-v2. */
	public static Path peftLora() {
		return shared().resolve("real-adapters/peft-lora-minilm-l6-v2");
	}

}
