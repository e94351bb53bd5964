package dev.plugboard.runtime.training;

/**
 * How an adapter is trained.
 *
 * @param maxEpochs the most passes over the training examples
 * @param batchSize examples per step
 * @param learningRate the peak learning rate
 * @param weightDecay AdamW's decoupled weight decay
 * @param warmUpFraction the share of all steps spent warming the learning rate up
 * linearly; it then decays linearly to zero
 * @param evaluationsPerEpoch how often per epoch the dev set is scored
 * @param patience evaluations without a better dev accuracy before stopping early
 * @param seed seeds the shuffling
 */
public record TrainingSettings(int maxEpochs, int batchSize, float learningRate, float weightDecay,
		float warmUpFraction, int evaluationsPerEpoch, int patience, long seed) {

	public TrainingSettings {
		if (maxEpochs < 1 || batchSize < 1 || learningRate <= 0 || evaluationsPerEpoch < 1 || patience < 1) {
			throw new IllegalArgumentException("Invalid training settings " + maxEpochs + "/" + batchSize + "/"
					+ learningRate + "/" + evaluationsPerEpoch + "/" + patience);
		}
	}

}
