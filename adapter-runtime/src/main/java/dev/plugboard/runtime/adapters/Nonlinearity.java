package dev.plugboard.runtime.adapters;

import java.util.Locale;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * The activation functions adapters and heads name, with transformers' meanings
 * ({@code gelu} is exact, {@code gelu_new} the tanh approximation, {@code swish} is
 * SiLU).
 */
public enum Nonlinearity {

	/** max(0, x). */
	RELU,
	/** x · sigmoid(x). */
	SWISH,
	/** Exact, erf-based GELU. */
	GELU,
	/** GELU's tanh approximation. */
	GELU_TANH,
	/** tanh(x). */
	TANH,
	/** sigmoid(x). */
	SIGMOID,
	/** The identity. */
	LINEAR;

	/** Looks a name up as AdapterHub configs write it. */
	public static Nonlinearity of(String name) {
		if (name == null || name.isBlank()) {
			return LINEAR;
		}
		return switch (name.toLowerCase(Locale.ROOT)) {
			case "relu" -> RELU;
			case "swish", "silu" -> SWISH;
			case "gelu" -> GELU;
			case "gelu_new", "gelu_fast", "gelu_pytorch_tanh", "gelu_orig" ->
				(name.equals("gelu_orig")) ? GELU : GELU_TANH;
			case "tanh" -> TANH;
			case "sigmoid" -> SIGMOID;
			case "linear", "identity", "none" -> LINEAR;
			default -> throw new IllegalArgumentException("Unsupported non-linearity '" + name + "'");
		};
	}

	/** The name written back into configs. */
	public String configName() {
		return switch (this) {
			case RELU -> "relu";
			case SWISH -> "swish";
			case GELU -> "gelu";
			case GELU_TANH -> "gelu_new";
			case TANH -> "tanh";
			case SIGMOID -> "sigmoid";
			case LINEAR -> "linear";
		};
	}

	/** Applies the function. */
	public NDArray apply(NDArray x) {
		return switch (this) {
			case RELU -> Activation.relu(x);
			case SWISH -> x.mul(Activation.sigmoid(x));
			case GELU -> Activation.gelu(x);
			case GELU_TANH -> {
				NDArray inner = x.add(x.pow(3).mul(0.044715f)).mul((float) Math.sqrt(2 / Math.PI));
				yield x.mul(inner.tanh().add(1f)).mul(0.5f);
			}
			case TANH -> x.tanh();
			case SIGMOID -> Activation.sigmoid(x);
			case LINEAR -> x;
		};
	}

}
