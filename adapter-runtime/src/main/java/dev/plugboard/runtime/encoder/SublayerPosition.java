package dev.plugboard.runtime.encoder;

/**
 * The two places in a BERT layer where a sublayer's output meets its residual input and
 * LayerNorm: where bottleneck adapters sit.
 */
public enum SublayerPosition {

	/**
	 * After the attention output projection, before its LayerNorm
	 * ({@code BertSelfOutput}; AdapterHub's {@code mh_adapter}).
	 */
	ATTENTION_OUTPUT,
	/**
	 * After the feed-forward down projection, before its LayerNorm ({@code BertOutput};
	 * AdapterHub's {@code output_adapter}).
	 */
	OUTPUT

}
