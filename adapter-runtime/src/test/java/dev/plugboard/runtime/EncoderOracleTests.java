package dev.plugboard.runtime;

import java.util.List;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.plugboard.runtime.baseimport.BundledBaseModel;
import dev.plugboard.runtime.encoder.BertEncoder;
import dev.plugboard.runtime.encoder.EncoderHooks;
import dev.plugboard.runtime.encoder.EncoderInput;
import dev.plugboard.runtime.encoder.ModelDirectory;
import dev.plugboard.runtime.encoder.TextTokenizer;
import dev.plugboard.runtime.encoder.TokenBatch;
import dev.plugboard.runtime.training.LabelledText;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The correctness oracle: the DJL encoder, on weights imported from the ONNX export, must
 * reproduce ONNX Runtime running the export itself on real sentences.
 */
class EncoderOracleTests {

	private static final int SENTENCES = 128;

	private static final int BATCH = 16;

	@ParameterizedTest
	@EnumSource(BundledBaseModel.class)
	void lastHiddenStateMatchesOnnxRuntimeOnSst2Dev(BundledBaseModel bundled) throws Exception {
		ModelDirectory model = TestData.baseModel(bundled);
		List<String> sentences = TestData.sst2Dev().stream().limit(SENTENCES).map(LabelledText::text).toList();
		double maxDifference = 0;
		double minCosine = 1;
		long tokens = 0;
		double maxPaddingDifference = 0;
		try (BertEncoder encoder = BertEncoder.load(model, Device.cpu());
				TextTokenizer tokenizer = TextTokenizer.load(model.tokenizer());
				OnnxReference reference = new OnnxReference(bundled)) {
			for (int start = 0; start < sentences.size(); start += BATCH) {
				TokenBatch batch = tokenizer.encode(sentences.subList(start, start + BATCH));
				tokens += batch.tokens();
				float[][][] expected = reference.lastHiddenState(batch);
				try (NDManager scope = encoder.manager().newSubManager()) {
					EncoderInput input = encoder.input(batch, scope);
					NDArray states = encoder.forward(input, EncoderHooks.NONE);
					float[] actual = states.toFloatArray();
					float[] pooled = encoder.pooling().pool(states, input.mask()).toFloatArray();
					int length = batch.length();
					int hidden = model.config().hiddenSize();
					for (int b = 0; b < batch.size(); b++) {
						double[] expectedPooled = Pooled.of(expected[b], batch.mask()[b], encoder.pooling());
						minCosine = Math.min(minCosine, Pooled.cosine(expectedPooled,
								java.util.Arrays.copyOfRange(pooled, b * hidden, (b + 1) * hidden)));
						for (int t = 0; t < length; t++) {
							for (int h = 0; h < hidden; h++) {
								double difference = Math.abs(actual[(b * length + t) * hidden + h] - expected[b][t][h]);
								// Padding positions carry no meaning; they are reported,
								// not judged.
								if (batch.mask()[b][t] == 1) {
									maxDifference = Math.max(maxDifference, difference);
								}
								else {
									maxPaddingDifference = Math.max(maxPaddingDifference, difference);
								}
							}
						}
					}
				}
			}
		}
		System.out.printf(
				"ORACLE %s: %d sentences, %d tokens, max |djl - onnxruntime| over real tokens = %.3g, min cosine = %.9f (padding positions: %.3g)%n",
				bundled.repository(), SENTENCES, tokens, maxDifference, minCosine, maxPaddingDifference);
		assertThat(maxDifference).isLessThanOrEqualTo(1e-4);
		assertThat(minCosine).isGreaterThanOrEqualTo(0.99999);
	}

}
