package dev.plugboard.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.plugboard.runtime.adapters.AdapterMismatchException;
import dev.plugboard.runtime.adapters.AdapterReader;
import dev.plugboard.runtime.adapters.AdapterWeights;
import dev.plugboard.runtime.adapters.Nonlinearity;
import dev.plugboard.runtime.encoder.BertConfig;
import dev.plugboard.runtime.encoder.SublayerPosition;
import dev.plugboard.runtime.weights.HostTensor;
import dev.plugboard.runtime.weights.WeightFiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Adapters that do not fit their base model, or their own config, fail with an error
 * naming the tensor; real adapters from both libraries map onto the right modules. Needs
 * no model weights: only the base model's dimensions.
 */
class AdapterMismatchTests {

	/** all-MiniLM-L6-v2's dimensions. */
	private static final BertConfig MINILM = new BertConfig(384, 6, 12, 1536, 30522, 512, 2, 1e-12f);

	/** bert-base-multilingual-cased's dimensions. */
	private static final BertConfig MBERT = new BertConfig(768, 12, 12, 3072, 119547, 512, 2, 1e-12f);

	private static final Path MBERT_ADAPTER = TestData.shared()
		.resolve("real-adapters/adapterhub-bn-mbert-adapters101");

	@Test
	void realAdapterHubBottleneckAndHeadMapOntoMultilingualBert() {
		AdapterWeights adapter = AdapterReader.read(MBERT_ADAPTER, MBERT);
		assertThat(adapter.name()).isEqualTo("md");
		assertThat(adapter.bottlenecks()).hasSize(12)
			.allSatisfy((m) -> assertThat(m.position()).isEqualTo(SublayerPosition.OUTPUT))
			.allSatisfy((m) -> assertThat(m.downWeight().shape()).containsExactly(48, 768));
		assertThat(adapter.bottleneckConfig().originalLnBefore()).isTrue();
		assertThat(adapter.bottleneckConfig().nonLinearity()).isEqualTo(Nonlinearity.RELU);
		assertThat(adapter.head().weights()).hasSize(2);
		assertThat(adapter.head().activation()).isEqualTo(Nonlinearity.TANH);
		// label2id {"0": 1, "1": 0}: logit 0 is label "1".
		assertThat(adapter.head().labels()).containsExactly("1", "0");
		assertThat(adapter.parameterCount()).isEqualTo(894_528 + 592_130);
	}

	@Test
	void adapterForAnotherHiddenSizeNamesTheTensor() {
		BertConfig sixLayers = new BertConfig(768, 6, 12, 3072, 119547, 512, 2, 1e-12f);
		assertThatThrownBy(() -> AdapterReader.read(MBERT_ADAPTER, sixLayers))
			.isInstanceOf(AdapterMismatchException.class)
			.hasMessageContaining("bert.encoder.layer.")
			.hasMessageContaining("does not exist");
		assertThatThrownBy(() -> AdapterReader.read(MBERT_ADAPTER, MINILM)).isInstanceOf(AdapterMismatchException.class)
			.hasMessageContaining("adapter_down.0.weight")
			.hasMessageContaining("[48, 768]")
			.hasMessageContaining("[24, 384]");
	}

	@Test
	void peftTensorWithAnUnknownModuleNamesIt(@TempDir Path temp) throws Exception {
		Path adapter = tamperedPeft(temp, "attention.self.query", "attention.self.qery");
		assertThatThrownBy(() -> AdapterReader.read(adapter, MINILM)).isInstanceOf(AdapterMismatchException.class)
			.hasMessageContaining("base_model.model.encoder.layer.0.attention.self.qery.lora_A.weight");
	}

	@Test
	void peftTensorBeyondTheLastLayerNamesIt(@TempDir Path temp) throws Exception {
		Path adapter = tamperedPeft(temp, "encoder.layer.5.", "encoder.layer.6.");
		assertThatThrownBy(() -> AdapterReader.read(adapter, MINILM)).isInstanceOf(AdapterMismatchException.class)
			.hasMessageContaining("encoder.layer.6.attention.self")
			.hasMessageContaining("6 layers");
	}

	@Test
	void rankThatDisagreesWithTheConfigNamesTheTensor(@TempDir Path temp) throws Exception {
		Path adapter = copyPeft(temp);
		Files.writeString(adapter.resolve("adapter_config.json"),
				Files.readString(adapter.resolve("adapter_config.json")).replace("\"r\": 4", "\"r\": 8"));
		assertThatThrownBy(() -> AdapterReader.read(adapter, MINILM)).isInstanceOf(AdapterMismatchException.class)
			.hasMessageContaining("lora_A.weight")
			.hasMessageContaining("[4, 384]")
			.hasMessageContaining("[8, 384]");
	}

	@Test
	void missingLoraPartnerAndUntargetedModuleAreNamed(@TempDir Path temp) throws Exception {
		Path adapter = copyPeft(temp);
		Map<String, HostTensor> tensors = WeightFiles.read(adapter.resolve("adapter_model.safetensors"));
		tensors.remove("base_model.model.encoder.layer.2.attention.self.value.lora_B.weight");
		WeightFiles.write(adapter.resolve("adapter_model.safetensors"), tensors.values(), Map.of());
		assertThatThrownBy(() -> AdapterReader.read(adapter, MINILM)).isInstanceOf(AdapterMismatchException.class)
			.hasMessageContaining("encoder.layer.2.attention.self.value.lora_A.weight")
			.hasMessageContaining("lora_B");
		Path untargeted = copyPeft(temp.resolve("second"));
		Files.writeString(untargeted.resolve("adapter_config.json"),
				Files.readString(untargeted.resolve("adapter_config.json")).replace("\"value\"", "\"key\""));
		assertThatThrownBy(() -> AdapterReader.read(untargeted, MINILM)).isInstanceOf(AdapterMismatchException.class)
			.hasMessageContaining("value.lora_A.weight")
			.hasMessageContaining("target_modules");
	}

	@Test
	void strangerTensorIsNamed(@TempDir Path temp) throws Exception {
		Path adapter = copyPeft(temp);
		List<HostTensor> tensors = new ArrayList<>(
				WeightFiles.read(adapter.resolve("adapter_model.safetensors")).values());
		tensors
			.add(new HostTensor("base_model.model.embeddings.word_embeddings.weight", new long[] { 2 }, new float[2]));
		WeightFiles.write(adapter.resolve("adapter_model.safetensors"), tensors, Map.of());
		assertThatThrownBy(() -> AdapterReader.read(adapter, MINILM)).isInstanceOf(AdapterMismatchException.class)
			.hasMessageContaining("base_model.model.embeddings.word_embeddings.weight");
	}

	@Test
	void unsupportedConfigsAreRefusedClearly(@TempDir Path temp) throws Exception {
		Path adapter = copyPeft(temp);
		Files.writeString(adapter.resolve("adapter_config.json"),
				Files.readString(adapter.resolve("adapter_config.json"))
					.replace("\"use_dora\": false", "\"use_dora\": true"));
		assertThatThrownBy(() -> AdapterReader.read(adapter, MINILM)).hasMessageContaining("DoRA");
		Files.writeString(adapter.resolve("adapter_config.json"), "{\"foo\": 1}");
		assertThatThrownBy(() -> AdapterReader.read(adapter, MINILM)).hasMessageContaining("neither a PEFT");
		Files.writeString(adapter.resolve("adapter_config.json"), "not json");
		assertThatThrownBy(() -> AdapterReader.read(adapter, MINILM)).isInstanceOf(IllegalArgumentException.class);
	}

	private static Path tamperedPeft(Path temp, String from, String to) throws Exception {
		Path adapter = copyPeft(temp);
		List<HostTensor> renamed = new ArrayList<>();
		for (HostTensor tensor : WeightFiles.read(adapter.resolve("adapter_model.safetensors")).values()) {
			renamed.add(new HostTensor(tensor.name().replace(from, to), tensor.shape(), tensor.data()));
		}
		WeightFiles.write(adapter.resolve("adapter_model.safetensors"), renamed, Map.of());
		return adapter;
	}

	private static Path copyPeft(Path temp) throws Exception {
		Path adapter = Files.createDirectories(temp.resolve("adapter"));
		for (String file : List.of("adapter_config.json", "adapter_model.safetensors")) {
			Files.copy(TestData.peftLora().resolve(file), adapter.resolve(file));
		}
		return adapter;
	}

}
