package dev.plugboard.search;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

/**
 * The real all-MiniLM-L6-v2, loaded once for the class.
 */
class MiniLmEmbedderTests {

	private static final Logger logger = LoggerFactory.getLogger(MiniLmEmbedderTests.class);

	private static MiniLmEmbedder embedder;

	@BeforeAll
	static void load() {
		embedder = TestEmbedders.miniLm();
	}

	@Test
	void describesTheModel() {
		assertThat(embedder.modelId()).isEqualTo("sentence-transformers/all-MiniLM-L6-v2");
		assertThat(embedder.dimension()).isEqualTo(384);
	}

	@Test
	void returnsUnitVectorsOfTheModelsDimension() {
		float[][] vectors = embedder.embed(List.of("a happy movie review", "", "Named entity recognition"));
		assertThat(vectors).hasNumberOfRows(3);
		for (float[] vector : vectors) {
			assertThat(vector).hasSize(384);
			assertThat(Vectors.dot(vector, vector)).isCloseTo(1.0, within(1e-5));
		}
	}

	@Test
	void placesSimilarMeaningsCloser() {
		float[][] v = embedder.embed(List.of("a happy movie review", "positive sentiment of a film critique",
				"named entity recognition in German"));
		double related = Vectors.dot(v[0], v[1]);
		double unrelated = Vectors.dot(v[0], v[2]);
		assertThat(related).isGreaterThan(unrelated + 0.2);
	}

	@Test
	void embedsTheSameInABatchAsAlone() {
		List<String> texts = List.of("short", "a somewhat longer sentence about adapters for BERT",
				"question answering on SQuAD with a LoRA adapter for roberta-base, trained for three epochs");
		float[][] batch = embedder.embed(texts);
		for (int i = 0; i < texts.size(); i++) {
			float[] single = embedder.embed(List.of(texts.get(i)))[0];
			for (int d = 0; d < single.length; d++) {
				assertThat(batch[i][d]).isCloseTo(single[d], within(1e-5f));
			}
		}
	}

	@Test
	void doesNotPadToTheTokenizersFixedLength() {
		// [CLS] a happy movie [SEP]: the tokenizer file would pad this to 128.
		assertThat(embedder.tokenCount("a happy movie")).isEqualTo(5);
	}

	@Test
	void truncatesLongTextsToTheModelsWindow() {
		String longText = "adapter ".repeat(1000);
		assertThat(embedder.tokenCount(longText)).isEqualTo(MiniLmEmbedder.MAX_TOKENS);
		assertThat(embedder.embed(List.of(longText))[0]).hasSize(384);
	}

	@Test
	void embedsNothingForNoTexts() {
		assertThat(embedder.embed(List.of())).isEmpty();
	}

	@Test
	void embedsBatchesAtAUsefulRate() {
		List<String> texts = new ArrayList<>();
		for (int i = 0; i < 256; i++) {
			texts.add("Adapter number " + i + " for bert-base-uncased trained on sentiment classification of "
					+ "movie reviews, with a bottleneck of reduction factor " + (i % 16));
		}
		embedder.embed(texts.subList(0, 32));
		long start = System.nanoTime();
		float[][] vectors = embedder.embed(texts);
		double seconds = (System.nanoTime() - start) / 1e9;
		logger.info("Embedded {} texts of ~30 tokens in {} ms: {} texts/s", texts.size(), Math.round(seconds * 1000),
				Math.round(texts.size() / seconds));
		assertThat(vectors).hasNumberOfRows(256);
	}

	@Test
	void refusesToEmbedWhenClosed() {
		MiniLmEmbedder second = MiniLmEmbedder.load();
		second.close();
		second.close();
		assertThatIllegalStateException().isThrownBy(() -> second.embed(List.of("x")));
	}

}
