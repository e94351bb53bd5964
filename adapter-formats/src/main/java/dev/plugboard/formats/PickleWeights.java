package dev.plugboard.formats;

/**
 * The refusal of pickle-based weight files ({@link FileKind#PICKLE}).
 *
 * <p>
 * PyTorch's {@code .bin}/{@code .pt} files are pickles, and unpickling runs whatever code
 * the file names; a registry that accepts them hands every downloader a possible exploit.
 * They are refused rather than scanned, because scanners for malicious pickles are
 * heuristic, while safetensors is safe by construction.
 */
public final class PickleWeights {

	private PickleWeights() {
	}

	/**
	 * Builds the error for an upload of a pickle-based weights file.
	 * @param path the file path as uploaded
	 * @return an exception of kind {@code pickle-weights}, whose message explains the
	 * refusal and how to convert the weights to safetensors
	 */
	public static FormatException refusal(String path) {
		String shown = Violations.shown(path);
		String message = "'" + shown + "' is a pickle-based weights file. Loading a pickle executes arbitrary code, "
				+ "so this registry does not accept it. Save the weights as safetensors instead, e.g. "
				+ "model.save_pretrained(dir, safe_serialization=True) for PEFT/adapters models, or "
				+ "safetensors.torch.save_file(torch.load(path, weights_only=True), 'adapter_model.safetensors'), "
				+ "and upload the .safetensors file.";
		return Violations.single("pickle-weights", message, shown,
				"pickle executes code on load; upload safetensors instead");
	}

}
