package dev.plugboard.runtime.adapters;

/** The file layouts an adapter directory can have. */
public enum AdapterFormat {

	/**
	 * Hugging Face PEFT: {@code adapter_config.json} + {@code adapter_model.safetensors}.
	 */
	PEFT,
	/**
	 * AdapterHub's {@code adapters} library: {@code adapter_config.json} +
	 * {@code adapter.safetensors} or {@code pytorch_adapter.bin}, optional head files.
	 */
	ADAPTERHUB

}
