package dev.plugboard.runtime.training;

import java.util.List;

import dev.plugboard.runtime.AdaptedModel;

/** Scores the active adapter's head on labelled texts. */
public final class Evaluation {

	/** The runner scores in batches of this size too, so both see the same padding. */
	private static final int BATCH = 32;

	private Evaluation() {
	}

	/** The share of texts whose most probable class is their label. */
	public static double accuracy(AdaptedModel model, List<LabelledText> examples) {
		int correct = 0;
		for (int start = 0; start < examples.size(); start += BATCH) {
			List<LabelledText> batch = examples.subList(start, Math.min(examples.size(), start + BATCH));
			float[][] probabilities = model.classify(batch.stream().map(LabelledText::text).toList());
			for (int i = 0; i < batch.size(); i++) {
				if (argmax(probabilities[i]) == batch.get(i).label()) {
					correct++;
				}
			}
		}
		return (double) correct / examples.size();
	}

	static int argmax(float[] values) {
		int best = 0;
		for (int i = 1; i < values.length; i++) {
			if (values[i] > values[best]) {
				best = i;
			}
		}
		return best;
	}

}
