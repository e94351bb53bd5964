package dev.plugboard.formats;

import java.util.List;
import java.util.Set;

/**
 * The role a linear module plays in a transformer layer, told from its name, and the
 * input and output sizes that role implies for a base model of known dimensions. Only
 * names whose role is unambiguous across common architectures are classified; anything
 * else, and anything inside a mixture-of-experts block (whose experts may have their own
 * width), is {@link #UNKNOWN} and not checked.
 */
enum ModuleRole {

	/** Attention projections from and to the hidden size: query, attention output. */
	SQUARE,
	/**
	 * Key and value projections: from the hidden size, to at most the hidden size
	 * (grouped-query attention shares fewer key/value heads).
	 */
	KEY_VALUE,
	/**
	 * Fused query-key-value projections: from the hidden size, to at most three times it.
	 */
	FUSED_QKV,
	/**
	 * Feed-forward up (and gate) projections: from the hidden to the intermediate size.
	 */
	FFN_UP,
	/** Feed-forward down projections: from the intermediate to the hidden size. */
	FFN_DOWN,
	/** Not classified. */
	UNKNOWN;

	private static final Set<String> SQUARE_NAMES = Set.of("query", "q_proj", "q_lin", "o_proj", "out_proj", "out_lin");

	private static final Set<String> KEY_VALUE_NAMES = Set.of("key", "value", "k_proj", "v_proj", "k_lin", "v_lin");

	private static final Set<String> FUSED_NAMES = Set.of("c_attn", "query_key_value", "qkv_proj", "Wqkv", "qkv");

	private static final Set<String> UP_NAMES = Set.of("up_proj", "gate_proj", "fc1", "c_fc", "dense_h_to_4h", "lin1",
			"w1", "w3", "wi", "wi_0", "wi_1");

	private static final Set<String> DOWN_NAMES = Set.of("down_proj", "fc2", "dense_4h_to_h", "lin2", "w2", "wo");

	/**
	 * Classifies a module by its path within a layer, such as
	 * {@code attention.self.query}, {@code intermediate.dense} or {@code mlp.c_proj}.
	 */
	static ModuleRole of(List<String> withinLayer) {
		if (withinLayer.isEmpty() || withinLayer.contains("experts")) {
			return UNKNOWN;
		}
		String last = withinLayer.get(withinLayer.size() - 1);
		String parent = (withinLayer.size() > 1) ? withinLayer.get(withinLayer.size() - 2) : "";
		boolean attention = withinLayer.stream()
			.anyMatch((part) -> part.contains("attention") || part.contains("attn"));
		if (SQUARE_NAMES.contains(last)) {
			return SQUARE;
		}
		if (KEY_VALUE_NAMES.contains(last)) {
			return KEY_VALUE;
		}
		if (FUSED_NAMES.contains(last)) {
			return FUSED_QKV;
		}
		if (UP_NAMES.contains(last)) {
			return FFN_UP;
		}
		if (DOWN_NAMES.contains(last)) {
			return FFN_DOWN;
		}
		if (last.equals("dense") && parent.equals("intermediate")) {
			return FFN_UP;
		}
		if (last.equals("dense") && parent.equals("output")) {
			// BERT: attention.output.dense is the attention output, output.dense the FFN
			// down projection.
			return attention ? SQUARE : FFN_DOWN;
		}
		if (last.equals("c_proj")) {
			return attention ? SQUARE : (parent.equals("mlp") ? FFN_DOWN : UNKNOWN);
		}
		return UNKNOWN;
	}

	/** The input size this role implies, or -1 if not fixed. */
	long expectedIn(BaseModelDims dims) {
		return switch (this) {
			case SQUARE, KEY_VALUE, FUSED_QKV, FFN_UP -> dims.hiddenSize();
			case FFN_DOWN -> dims.intermediateSize();
			case UNKNOWN -> -1;
		};
	}

	/** The output size this role implies (exactly, or as a maximum), or -1. */
	long expectedOut(BaseModelDims dims) {
		return switch (this) {
			case SQUARE, KEY_VALUE, FFN_DOWN -> dims.hiddenSize();
			case FUSED_QKV -> 3L * dims.hiddenSize();
			case FFN_UP -> dims.intermediateSize();
			case UNKNOWN -> -1;
		};
	}

	/** Whether {@link #expectedOut} is a maximum rather than an exact size. */
	boolean outIsMaximum() {
		return this == KEY_VALUE || this == FUSED_QKV;
	}

	/** Names the size {@link #expectedIn} stands for. */
	String inName() {
		return (this == FFN_DOWN) ? "intermediate size" : "hidden size";
	}

	/** Names the size {@link #expectedOut} stands for. */
	String outName() {
		return switch (this) {
			case FFN_UP -> "intermediate size";
			case FUSED_QKV -> "three times the hidden size";
			default -> "hidden size";
		};
	}

}
