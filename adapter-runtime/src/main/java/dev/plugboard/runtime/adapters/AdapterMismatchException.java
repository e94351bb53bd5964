package dev.plugboard.runtime.adapters;

/**
 * An adapter does not fit the base model or its own config: a tensor with an unknown
 * name, a wrong shape, or a layer the model does not have. The message names the tensor.
 */
public class AdapterMismatchException extends IllegalArgumentException {

	private final String tensor;

	public AdapterMismatchException(String tensor, String message) {
		super("Tensor " + tensor + ": " + message);
		this.tensor = tensor;
	}

	/** The tensor the mismatch is about. */
	public String tensor() {
		return this.tensor;
	}

}
