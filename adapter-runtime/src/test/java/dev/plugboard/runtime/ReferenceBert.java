package dev.plugboard.runtime;

import java.util.HashMap;
import java.util.Map;

import dev.plugboard.runtime.adapters.BottleneckConfig;
import dev.plugboard.runtime.adapters.BottleneckModule;
import dev.plugboard.runtime.adapters.LoraModule;
import dev.plugboard.runtime.encoder.BertConfig;
import dev.plugboard.runtime.weights.HostTensor;
import dev.plugboard.runtime.weights.WeightFiles;

/**
 * An independent BERT encoder in plain Java (double accumulation, one unpadded sentence
 * at a time), written from the formulas rather than from the DJL code: LoRA enters as
 * merged weights {@code W + scaling · B A}, bottleneck adapters through their closed
 * forms (docs/adapter-methods.md §3).
 */
final class ReferenceBert {

	private final BertConfig config;

	private final Map<String, HostTensor> weights;

	private final Map<String, BottleneckModule> bottlenecks = new HashMap<>();

	private BottleneckConfig bottleneckConfig;

	ReferenceBert(dev.plugboard.runtime.encoder.ModelDirectory model) {
		this.config = model.config();
		this.weights = new HashMap<>(WeightFiles.read(model.weights()));
	}

	/** Merges a LoRA update into this reference's own copy of the weights. */
	void mergeLora(LoraModule lora) {
		String name = lora.module().weightName(lora.layer());
		HostTensor w = this.weights.get(name);
		int out = (int) w.shape()[0];
		int in = (int) w.shape()[1];
		int r = lora.rank();
		float[] a = lora.a().data();
		float[] b = lora.b().data();
		float[] merged = w.data().clone();
		for (int o = 0; o < out; o++) {
			for (int i = 0; i < in; i++) {
				double delta = 0;
				for (int k = 0; k < r; k++) {
					delta += (double) b[o * r + k] * a[k * in + i];
				}
				merged[o * in + i] = (float) (merged[o * in + i] + lora.scaling() * delta);
			}
		}
		this.weights.put(name, new HostTensor(name, w.shape(), merged));
	}

	void addBottleneck(BottleneckConfig config, BottleneckModule module) {
		this.bottleneckConfig = config;
		this.bottlenecks.put(module.layer() + "|" + module.position(), module);
	}

	/** {@code last_hidden_state} of one sentence, {@code [seq][hidden]}. */
	double[][] forward(long[] ids) {
		int n = ids.length;
		int h = this.config.hiddenSize();
		double[][] x = new double[n][h];
		float[] words = w("embeddings.word_embeddings.weight");
		float[] positions = w("embeddings.position_embeddings.weight");
		float[] types = w("embeddings.token_type_embeddings.weight");
		for (int t = 0; t < n; t++) {
			for (int j = 0; j < h; j++) {
				x[t][j] = words[(int) ids[t] * h + j] + positions[t * h + j] + types[j];
			}
		}
		x = layerNorm(x, "embeddings.LayerNorm");
		int heads = this.config.attentionHeads();
		int d = this.config.headSize();
		for (int l = 0; l < this.config.layers(); l++) {
			String p = "encoder.layer." + l + ".";
			double[][] q = linear(x, p + "attention.self.query");
			double[][] k = linear(x, p + "attention.self.key");
			double[][] v = linear(x, p + "attention.self.value");
			double[][] context = new double[n][h];
			for (int head = 0; head < heads; head++) {
				for (int i = 0; i < n; i++) {
					double[] scores = new double[n];
					double max = Double.NEGATIVE_INFINITY;
					for (int j = 0; j < n; j++) {
						double s = 0;
						for (int c = 0; c < d; c++) {
							s += q[i][head * d + c] * k[j][head * d + c];
						}
						scores[j] = s / Math.sqrt(d);
						max = Math.max(max, scores[j]);
					}
					double sum = 0;
					for (int j = 0; j < n; j++) {
						scores[j] = Math.exp(scores[j] - max);
						sum += scores[j];
					}
					for (int j = 0; j < n; j++) {
						for (int c = 0; c < d; c++) {
							context[i][head * d + c] += scores[j] / sum * v[j][head * d + c];
						}
					}
				}
			}
			double[][] attention = linear(context, p + "attention.output.dense");
			x = sublayer(l, "ATTENTION_OUTPUT", attention, x, p + "attention.output.LayerNorm");
			double[][] intermediate = linear(x, p + "intermediate.dense");
			for (double[] row : intermediate) {
				for (int j = 0; j < row.length; j++) {
					row[j] = 0.5 * row[j] * (1 + erf(row[j] / Math.sqrt(2)));
				}
			}
			double[][] output = linear(intermediate, p + "output.dense");
			x = sublayer(l, "OUTPUT", output, x, p + "output.LayerNorm");
		}
		return x;
	}

	private double[][] sublayer(int layer, String position, double[][] hOut, double[][] r, String norm) {
		BottleneckModule adapter = this.bottlenecks.get(layer + "|" + position);
		if (adapter == null) {
			return layerNorm(add(hOut, r), norm);
		}
		BottleneckConfig c = this.bottleneckConfig;
		if (c.parallel()) {
			// par_bn: LN(h + r + A(r))
			return layerNorm(add(add(hOut, r), adapter(adapter, c, r)), norm);
		}
		if (c.originalLnBefore()) {
			// seq_bn: LN(h + A(LN(h + r)) + r)
			return layerNorm(add(add(hOut, adapter(adapter, c, layerNorm(add(hOut, r), norm))), r), norm);
		}
		// double_seq_bn: LN(h + A(h) + r)
		return layerNorm(add(add(hOut, adapter(adapter, c, hOut)), r), norm);
	}

	/** {@code scaling · (W_up act(W_down z + b_down) + b_up)}. */
	private static double[][] adapter(BottleneckModule m, BottleneckConfig c, double[][] z) {
		double[][] down = affine(z, m.downWeight(), m.downBias());
		for (double[] row : down) {
			for (int j = 0; j < row.length; j++) {
				row[j] = switch (c.nonLinearity()) {
					case RELU -> Math.max(0, row[j]);
					case SWISH -> row[j] / (1 + Math.exp(-row[j]));
					default -> throw new IllegalArgumentException(c.nonLinearity().toString());
				};
			}
		}
		double[][] up = affine(down, m.upWeight(), m.upBias());
		for (double[] row : up) {
			for (int j = 0; j < row.length; j++) {
				row[j] *= c.scaling();
			}
		}
		return up;
	}

	private double[][] linear(double[][] x, String module) {
		return affine(x, this.weights.get(module + ".weight"), this.weights.get(module + ".bias"));
	}

	private static double[][] affine(double[][] x, HostTensor weight, HostTensor bias) {
		int out = (int) weight.shape()[0];
		int in = (int) weight.shape()[1];
		float[] w = weight.data();
		float[] b = bias.data();
		double[][] y = new double[x.length][out];
		for (int t = 0; t < x.length; t++) {
			for (int o = 0; o < out; o++) {
				double s = b[o];
				for (int i = 0; i < in; i++) {
					s += x[t][i] * w[o * in + i];
				}
				y[t][o] = s;
			}
		}
		return y;
	}

	private double[][] layerNorm(double[][] x, String prefix) {
		float[] gamma = w(prefix + ".weight");
		float[] beta = w(prefix + ".bias");
		double[][] y = new double[x.length][];
		for (int t = 0; t < x.length; t++) {
			double mean = 0;
			for (double value : x[t]) {
				mean += value;
			}
			mean /= x[t].length;
			double variance = 0;
			for (double value : x[t]) {
				variance += (value - mean) * (value - mean);
			}
			variance /= x[t].length;
			y[t] = new double[x[t].length];
			for (int j = 0; j < x[t].length; j++) {
				y[t][j] = (x[t][j] - mean) / Math.sqrt(variance + this.config.layerNormEps()) * gamma[j] + beta[j];
			}
		}
		return y;
	}

	private static double[][] add(double[][] a, double[][] b) {
		double[][] y = new double[a.length][a[0].length];
		for (int t = 0; t < a.length; t++) {
			for (int j = 0; j < a[t].length; j++) {
				y[t][j] = a[t][j] + b[t][j];
			}
		}
		return y;
	}

	private float[] w(String name) {
		return this.weights.get(name).data();
	}

	/**
	 * Abramowitz–Stegun 7.1.26 is too coarse here; this series/continued fraction is not.
	 */
	static double erf(double x) {
		double t = Math.abs(x);
		double result;
		if (t < 2.5) {
			// Maclaurin series, converges fast for small |x|.
			double term = t;
			double sum = t;
			for (int n = 1; n < 60; n++) {
				term *= -t * t / n;
				sum += term / (2 * n + 1);
			}
			result = 2 / Math.sqrt(Math.PI) * sum;
		}
		else {
			// Continued fraction for erfc.
			double f = 0;
			for (int n = 60; n >= 1; n--) {
				f = n / 2.0 / (t + f);
			}
			result = 1 - Math.exp(-t * t) / Math.sqrt(Math.PI) / (t + f);
		}
		return Math.copySign(result, x);
	}

}
