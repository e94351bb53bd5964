package dev.plugboard.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.plugboard.runtime.adapters.AdapterFormat;
import dev.plugboard.runtime.adapters.AdapterReader;
import dev.plugboard.runtime.adapters.AdapterWeights;
import dev.plugboard.runtime.adapters.AdapterWriter;
import dev.plugboard.runtime.adapters.BottleneckConfig;
import dev.plugboard.runtime.adapters.LoraModule;
import dev.plugboard.runtime.adapters.StitchedAdapter;
import dev.plugboard.runtime.baseimport.BundledBaseModel;
import dev.plugboard.runtime.encoder.LayerModule;
import dev.plugboard.runtime.encoder.ModelDirectory;
import dev.plugboard.runtime.encoder.TokenBatch;
import dev.plugboard.runtime.training.LabelledText;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LoRA and bottleneck adapters stitched into the real all-MiniLM-L6-v2, checked against
 * an independent plain-Java encoder and against each other.
 */
class AdapterStitchingTests {

	private static ModelDirectory base;

	private static AdaptedModel model;

	private static ReferenceBert plainBase;

	private static List<String> sentences;

	@BeforeAll
	static void load() {
		base = TestData.baseModel(BundledBaseModel.ALL_MINILM_L6_V2);
		model = AdaptedModel.load(base, Device.cpu());
		plainBase = new ReferenceBert(base);
		sentences = TestData.sst2Dev().stream().skip(200).limit(6).map(LabelledText::text).toList();
	}

	@AfterAll
	static void close() {
		model.close();
	}

	@Test
	void realPeftLoraChangesTheEncoderExactlyAsPeftDefines() {
		StitchedAdapter lora = model.add(TestData.peftLora());
		try {
			assertThat(lora.weights().loras()).hasSize(12)
				.allSatisfy((m) -> assertThat(m.scaling()).isEqualTo(16f / 4f))
				.extracting(LoraModule::module)
				.containsOnly(LayerModule.QUERY, LayerModule.VALUE);
			ReferenceBert merged = new ReferenceBert(base);
			lora.weights().loras().forEach(merged::mergeLora);
			double maxDifference = 0;
			double maxChange = 0;
			for (String sentence : sentences.subList(0, 3)) {
				TokenBatch batch = model.tokenizer().encode(List.of(sentence));
				model.activate(lora.name());
				float[] adapted = model.lastHiddenState(batch);
				double[][] expected = merged.forward(batch.ids()[0]);
				double[][] plain = plainBase.forward(batch.ids()[0]);
				maxDifference = Math.max(maxDifference, maxAbs(adapted, expected));
				maxChange = Math.max(maxChange, maxAbs(adapted, plain));
			}
			System.out.printf("PEFT LoRA: max |djl - plain java merged| = %.3g, max change vs base = %.3g%n",
					maxDifference, maxChange);
			assertThat(maxDifference).isLessThanOrEqualTo(1e-4);
			// The real adapter was trained for one epoch and moves the states little, but
			// far beyond the error.
			assertThat(maxChange).isGreaterThan(100 * maxDifference);
		}
		finally {
			model.remove(lora.name());
		}
	}

	@Test
	void mergedAndUnmergedLoraAgreeAndUnmergeRestoresTheBaseExactly() {
		AdapterWeights weights = RandomAdapters.lora("random-lora", base.config(),
				List.of(LayerModule.QUERY, LayerModule.VALUE, LayerModule.INTERMEDIATE, LayerModule.OUTPUT), 8, 16,
				false, 7);
		StitchedAdapter lora = model.add(weights);
		try {
			TokenBatch batch = model.tokenizer().encode(sentences);
			model.activate(null);
			float[] before = model.lastHiddenState(batch);
			NDArray queryWeight = model.encoder().weight(LayerModule.QUERY.weightName(0));
			model.activate(lora.name());
			float[] unmerged = model.lastHiddenState(batch);
			lora.merge();
			float[] merged = model.lastHiddenState(batch);
			lora.unmerge();
			model.activate(null);
			float[] after = model.lastHiddenState(batch);
			double difference = maxAbs(merged, unmerged);
			System.out.printf("LoRA merged vs unmerged: max difference %.3g%n", difference);
			assertThat(difference).isLessThanOrEqualTo(1e-5);
			assertThat(maxAbs(unmerged, before)).isGreaterThan(1e-3);
			assertThat(after).isEqualTo(before);
			assertThat(model.encoder().weight(LayerModule.QUERY.weightName(0))).isSameAs(queryWeight);
		}
		finally {
			model.remove(lora.name());
		}
	}

	@Test
	void zeroInitialisedAdaptersAreTheIdentity() {
		TokenBatch batch = model.tokenizer().encode(sentences);
		model.activate(null);
		float[] plain = model.lastHiddenState(batch);
		List<AdapterWeights> zeroAdapters = List.of(
				RandomAdapters.lora("zero-lora", base.config(), List.of(LayerModule.QUERY, LayerModule.VALUE), 4, 8,
						true, 1),
				RandomAdapters.bottleneck("zero-seq", base.config(), BottleneckConfig.seqBn(16), true, 2),
				RandomAdapters.bottleneck("zero-double", base.config(), BottleneckConfig.doubleSeqBn(16), true, 3),
				RandomAdapters.bottleneck("zero-par", base.config(), BottleneckConfig.parBn(2, 4f), true, 4));
		for (AdapterWeights zero : zeroAdapters) {
			model.add(zero);
			model.activate(zero.name());
			assertThat(maxAbs(model.lastHiddenState(batch), plain)).as(zero.name()).isLessThanOrEqualTo(1e-6);
			model.remove(zero.name());
		}
	}

	@Test
	void bottleneckAdaptersMatchTheirClosedFormsInPlainJava() {
		List<BottleneckConfig> configs = List.of(BottleneckConfig.seqBn(16), BottleneckConfig.doubleSeqBn(16),
				BottleneckConfig.parBn(2, 4f));
		String sentence = sentences.get(0);
		TokenBatch batch = model.tokenizer().encode(List.of(sentence));
		int seed = 10;
		for (BottleneckConfig config : configs) {
			AdapterWeights weights = RandomAdapters.bottleneck("bn-" + seed, base.config(), config, false, seed++);
			ReferenceBert reference = new ReferenceBert(base);
			weights.bottlenecks().forEach((m) -> reference.addBottleneck(config, m));
			model.add(weights);
			model.activate(weights.name());
			float[] adapted = model.lastHiddenState(batch);
			double difference = maxAbs(adapted, reference.forward(batch.ids()[0]));
			double change = maxAbs(adapted, plainBase.forward(batch.ids()[0]));
			model.remove(weights.name());
			System.out.printf("Bottleneck %s: max |djl - plain java| = %.3g, change vs base %.3g%n",
					config.parallel() ? "par_bn" : config.mhAdapter() ? "double_seq_bn" : "seq_bn", difference, change);
			assertThat(difference).isLessThanOrEqualTo(1e-4);
			assertThat(change).isGreaterThan(1e-3);
		}
	}

	@Test
	void peftAndAdapterHubNamesMapToTheSameModules(@TempDir Path temp) throws Exception {
		AdapterWeights peft = AdapterReader.read(TestData.peftLora(), base.config());
		AdapterWriter.write(peft, AdapterFormat.ADAPTERHUB, temp.resolve("hub"),
				BundledBaseModel.ALL_MINILM_L6_V2.repository(), base.config());
		assertThat(Files.readString(temp.resolve("hub/adapter_config.json"))).contains("\"architecture\": \"lora\"");
		AdapterWeights hub = AdapterReader.read(temp.resolve("hub"), base.config());
		assertThat(hub.format()).isEqualTo(AdapterFormat.ADAPTERHUB);
		assertThat(hub.loras()).hasSameSizeAs(peft.loras());
		for (int i = 0; i < peft.loras().size(); i++) {
			LoraModule p = peft.loras().get(i);
			LoraModule h = hub.loras().get(i);
			assertThat(h.layer()).isEqualTo(p.layer());
			assertThat(h.module()).isEqualTo(p.module());
			assertThat(h.scaling()).isEqualTo(p.scaling());
			assertThat(h.a().data()).isEqualTo(p.a().data());
			assertThat(h.b().data()).isEqualTo(p.b().data());
		}
		AdapterWriter.write(hub, AdapterFormat.PEFT, temp.resolve("peft"), "x", base.config());
		AdapterWeights roundTrip = AdapterReader.read(temp.resolve("peft"), base.config());
		assertThat(roundTrip.loras()).hasSameSizeAs(peft.loras());
	}

	@Test
	void severalAdaptersShareOneBaseAndSwitchWithoutReloading() {
		AdapterWeights lora = RandomAdapters.lora("switch-lora", base.config(),
				List.of(LayerModule.QUERY, LayerModule.VALUE), 4, 8, false, 21);
		AdapterWeights bottleneck = RandomAdapters.bottleneck("switch-bn", base.config(), BottleneckConfig.seqBn(16),
				false, 22);
		TokenBatch batch = model.tokenizer().encode(sentences);
		model.add(lora);
		float[] loraAlone = activeOutput(lora.name(), batch);
		model.add(bottleneck);
		NDArray embeddings = model.encoder().weight("embeddings.word_embeddings.weight");
		float[] bottleneckOutput = activeOutput(bottleneck.name(), batch);
		float[] loraAgain = activeOutput(lora.name(), batch);
		model.active().merge();
		float[] bottleneckAfterMerge = activeOutput(bottleneck.name(), batch);
		assertThat(loraAgain).isEqualTo(loraAlone);
		assertThat(bottleneckAfterMerge).isEqualTo(bottleneckOutput);
		assertThat(maxAbs(loraAlone, bottleneckOutput)).isGreaterThan(1e-3);
		assertThat(model.encoder().weight("embeddings.word_embeddings.weight")).isSameAs(embeddings);
		model.remove(lora.name());
		model.remove(bottleneck.name());
	}

	private static float[] activeOutput(String adapter, TokenBatch batch) {
		model.activate(adapter);
		return model.lastHiddenState(batch);
	}

	private static double maxAbs(float[] a, float[] b) {
		double max = 0;
		for (int i = 0; i < a.length; i++) {
			max = Math.max(max, Math.abs(a[i] - b[i]));
		}
		return max;
	}

	private static double maxAbs(float[] a, double[][] b) {
		double max = 0;
		int width = b[0].length;
		for (int t = 0; t < b.length; t++) {
			for (int j = 0; j < width; j++) {
				max = Math.max(max, Math.abs(a[t * width + j] - b[t][j]));
			}
		}
		return max;
	}

}
