package dev.plugboard.runtime.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.plugboard.runtime.AdaptedModel;
import dev.plugboard.runtime.adapters.AdapterWeights;
import dev.plugboard.runtime.adapters.StitchedAdapter;
import dev.plugboard.runtime.encoder.BertEncoder;
import dev.plugboard.runtime.encoder.Devices;
import dev.plugboard.runtime.encoder.EncoderInput;

/**
 * Fine-tunes an adapter and its classification head with DJL autograd while the base
 * weights stay frozen: cross-entropy loss, AdamW with linear warm-up and decay, a fixed
 * seed, and early stopping on dev accuracy (the best evaluation's weights are kept).
 */
public final class AdapterTrainer {

	private static final Logger logger = LoggerFactory.getLogger(AdapterTrainer.class);

	private static final double MAX_GRADIENT_NORM = 1.0;

	private static final NDIndex ALL = new NDIndex("...");

	private AdapterTrainer() {
	}

	/** What a training run produced. */
	public record Result(AdapterWeights best, double bestDevAccuracy, int steps, List<Double> devAccuracies,
			List<Double> secondsPerEpoch) {
	}

	/**
	 * Trains {@code initial} (which must carry a head) on {@code train}, scoring on
	 * {@code dev}. The adapter is added to the model under its name and left there with
	 * the best weights active.
	 */
	public static Result train(AdaptedModel model, AdapterWeights initial, List<LabelledText> train,
			List<LabelledText> dev, TrainingSettings settings) {
		if (initial.head() == null) {
			throw new IllegalArgumentException("Training needs a classification head on " + initial.name());
		}
		Engine.getEngine(Devices.ENGINE).setRandomSeed((int) settings.seed());
		StitchedAdapter adapter = model.add(initial);
		model.activate(initial.name());
		List<NDArray> parameters = adapter.parameters();
		parameters.forEach((p) -> p.setRequiresGradient(true));
		int stepsPerEpoch = (train.size() + settings.batchSize() - 1) / settings.batchSize();
		int totalSteps = stepsPerEpoch * settings.maxEpochs();
		int warmUp = Math.max(1, Math.round(totalSteps * settings.warmUpFraction()));
		Optimizer optimizer = Optimizer.adamW()
			.optLearningRateTracker(schedule(settings.learningRate(), warmUp, totalSteps))
			.optWeightDecays(settings.weightDecay())
			.build();
		List<LabelledText> order = List.copyOf(train);
		Random random = new Random(settings.seed());
		int evaluateEvery = Math.max(1, stepsPerEpoch / settings.evaluationsPerEpoch());
		List<Double> accuracies = new ArrayList<>();
		List<Double> epochSeconds = new ArrayList<>();
		AdapterWeights best = adapter.snapshot();
		double bestAccuracy = -1;
		int sinceBest = 0;
		int step = 0;
		BertEncoder encoder = model.encoder();
		training: for (int epoch = 0; epoch < settings.maxEpochs(); epoch++) {
			long epochStarted = System.nanoTime();
			long evaluationNanos = 0;
			List<List<LabelledText>> batches = batches(order, settings.batchSize(), random);
			for (int b = 0; b < batches.size(); b++) {
				List<LabelledText> batch = batches.get(b);
				float loss = step(model, adapter, encoder, batch, parameters, optimizer);
				step++;
				if (step % 50 == 0) {
					logger.info("{} step {}/{} loss {}", initial.name(), step, totalSteps, loss);
				}
				boolean endOfEpoch = b == batches.size() - 1;
				if (step % evaluateEvery == 0 || endOfEpoch) {
					long evaluationStarted = System.nanoTime();
					double accuracy = Evaluation.accuracy(model, dev);
					evaluationNanos += System.nanoTime() - evaluationStarted;
					accuracies.add(accuracy);
					logger.info("{} step {}: dev accuracy {}", initial.name(), step, accuracy);
					if (accuracy > bestAccuracy) {
						bestAccuracy = accuracy;
						best = adapter.snapshot();
						sinceBest = 0;
					}
					else if (++sinceBest >= settings.patience()) {
						logger.info("{}: no better dev accuracy in {} evaluations; stopping early", initial.name(),
								sinceBest);
						epochSeconds.add((System.nanoTime() - epochStarted - evaluationNanos) / 1e9);
						break training;
					}
				}
			}
			epochSeconds.add((System.nanoTime() - epochStarted - evaluationNanos) / 1e9);
		}
		model.remove(initial.name());
		model.add(best);
		model.activate(best.name());
		return new Result(best, bestAccuracy, step, accuracies, epochSeconds);
	}

	private static float step(AdaptedModel model, StitchedAdapter adapter, BertEncoder encoder,
			List<LabelledText> batch, List<NDArray> parameters, Optimizer optimizer) {
		try (NDManager scope = encoder.manager().newSubManager()) {
			EncoderInput input = encoder
				.input(model.tokenizer().encode(batch.stream().map(LabelledText::text).toList()), scope);
			NDArray labels = scope.create(batch.stream().mapToLong(LabelledText::label).toArray());
			float lossValue;
			try (GradientCollector collector = Engine.getEngine(Devices.ENGINE).newGradientCollector()) {
				NDArray logits = adapter.logits(encoder.forward(input, adapter));
				NDArray loss = logits.logSoftmax(-1)
					.mul(labels.oneHot((int) logits.getShape().get(1)).toType(DataType.FLOAT32, false))
					.sum(new int[] { 1 })
					.neg()
					.mean();
				collector.backward(loss);
				lossValue = loss.getFloat();
			}
			List<NDArray> gradients = new ArrayList<>();
			for (NDArray parameter : parameters) {
				gradients.add(parameter.getGradient());
			}
			double norm = 0;
			for (NDArray gradient : gradients) {
				norm += gradient.square().sum().getFloat();
			}
			norm = Math.sqrt(norm);
			if (!Double.isFinite(lossValue) || !Double.isFinite(norm)) {
				// One bad batch must not poison the weights: skip it.
				logger.warn("Skipping a step with loss {} and gradient norm {}", lossValue, norm);
			}
			else {
				// Clip the global gradient norm to 1, as Hugging Face's Trainer does by
				// default.
				float clip = (norm > MAX_GRADIENT_NORM) ? (float) (MAX_GRADIENT_NORM / norm) : 1f;
				for (int i = 0; i < parameters.size(); i++) {
					NDArray gradient = gradients.get(i);
					if (clip < 1f) {
						gradient.muli(clip);
					}
					optimizer.update("p" + i, parameters.get(i), gradient);
				}
			}
			for (NDArray gradient : gradients) {
				// Assigned, not multiplied: 0 × inf is NaN, and a poisoned gradient would
				// skip
				// every later step.
				gradient.set(ALL, 0f);
				gradient.close();
			}
			return lossValue;
		}
	}

	/**
	 * Shuffles, then sorts windows of 50 batches by text length so that a batch pads
	 * little, and shuffles the batch order again.
	 */
	static List<List<LabelledText>> batches(List<LabelledText> examples, int batchSize, Random random) {
		List<LabelledText> order = new ArrayList<>(examples);
		Collections.shuffle(order, random);
		List<List<LabelledText>> batches = new ArrayList<>();
		int window = batchSize * 50;
		for (int start = 0; start < order.size(); start += window) {
			List<LabelledText> chunk = new ArrayList<>(order.subList(start, Math.min(order.size(), start + window)));
			chunk.sort(java.util.Comparator.comparingInt((LabelledText e) -> e.text().length()));
			for (int i = 0; i < chunk.size(); i += batchSize) {
				batches.add(chunk.subList(i, Math.min(chunk.size(), i + batchSize)));
			}
		}
		Collections.shuffle(batches, random);
		return batches;
	}

	/** Linear warm-up to the peak rate, then linear decay to zero. */
	static Tracker schedule(float peak, int warmUpSteps, int totalSteps) {
		return (numUpdate) -> {
			if (numUpdate < warmUpSteps) {
				return peak * (numUpdate + 1) / warmUpSteps;
			}
			float remaining = Math.max(0, totalSteps - numUpdate) / (float) Math.max(1, totalSteps - warmUpSteps);
			return Math.max(peak * remaining, peak * 1e-3f);
		};
	}

}
