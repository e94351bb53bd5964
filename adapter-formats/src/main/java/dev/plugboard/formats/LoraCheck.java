package dev.plugboard.formats;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import dev.plugboard.formats.Inspection.Tensor;

/**
 * Checks LoRA weights (and the adapters library's (IA)³, which is a LoRA module that
 * scales) against the config.
 *
 * <p>
 * Layouts: PEFT saves {@code <module>.lora_A.weight} {@code [r, in]} and
 * {@code <module>.lora_B.weight} {@code [out, r]} (embeddings
 * {@code lora_embedding_A}/{@code _B} without {@code .weight}; convolutions add kernel
 * dimensions after these two). The adapters library saves
 * {@code <module>.loras.<name>.lora_A} {@code [r, in]} and {@code ...lora_B}
 * {@code [out, r]}; a merged query-key-value projection (GPT-2's {@code c_attn}) stacks
 * one A per enabled matrix, {@code [r * n, in]}; its (IA)³ saves only {@code lora_B}
 * {@code [out, r]} with {@code r = 1}.
 */
final class LoraCheck {

	static final int DEFAULT_R = 8;

	static final int DEFAULT_ALPHA = 8;

	private static final Set<String> PARTS = Set.of("lora_A", "lora_B", "lora_embedding_A", "lora_embedding_B");

	private final Inspection inspection;

	private final boolean scaleOnly;

	private LoraCheck(Inspection inspection) {
		this.inspection = inspection;
		this.scaleOnly = inspection.isAdapterHub() && "ia3".equals(inspection.method);
	}

	/** Runs the checks, recording target modules and violations in the inspection. */
	static void run(Inspection inspection) {
		new LoraCheck(inspection).check();
	}

	/**
	 * The rank the settings declare, or the library's default (8) if they declare none.
	 * @return the rank, or {@code null} if the declared value is not a positive whole
	 * number
	 */
	static Integer declaredRank(JsonNode settings) {
		JsonNode value = settings.get("r");
		if (value == null || value.isNull()) {
			return DEFAULT_R;
		}
		Integer r = JsonValues.wholeNumber(value);
		return (r != null && r > 0) ? r : null;
	}

	private Integer rank() {
		Integer r = declaredRank(this.inspection.settings);
		if (r == null) {
			this.inspection.settingViolation("r",
					"is " + Violations.shown(this.inspection.settings.get("r").toString(), 40)
							+ ", but the LoRA rank must be a positive whole number");
		}
		return r;
	}

	/**
	 * Records the modules PEFT's (IA)³ vectors ({@code <module>.ia3_l}) adapt, and checks
	 * them against a {@code target_modules} list.
	 */
	static void runPeftIa3(Inspection inspection) {
		List<String> targets = JsonValues.strings(inspection.settings, "target_modules");
		for (Tensor tensor : inspection.tensors) {
			int at = tensor.components().lastIndexOf("ia3_l");
			if (at < 0) {
				continue;
			}
			List<String> module = tensor.components().subList(0, at);
			List<String> within = TensorNames.withinLayer(module);
			inspection.addTarget(within.isEmpty() ? module : within);
			if (targets != null
					&& targets.stream().noneMatch((t) -> TensorNames.endsWithModule(String.join(".", module), t))) {
				inspection.violation(tensor.name(), "adapts module " + Violations.shown(String.join(".", within))
						+ ", which target_modules " + Violations.shown(targets.toString()) + " does not name");
			}
		}
	}

	private void check() {
		Integer r = rank();
		Map<String, Pair> pairs = pairs();
		Set<Long> ranks = allowedRanks(r);
		Set<Long> fusedRanks = new LinkedHashSet<>(ranks);
		if (r != null && this.inspection.isAdapterHub()) {
			// The library's merged query-key-value layer stacks one A per enabled matrix.
			fusedRanks.add((long) r * Math.max(1, distinctAttentionMatrices()));
		}
		List<String> targets = JsonValues.strings(this.inspection.settings, "target_modules");
		List<Integer> layersToTransform = this.inspection.isPeft()
				? JsonValues.wholeNumbers(this.inspection.settings, "layers_to_transform") : null;
		for (Pair pair : pairs.values()) {
			Matrix any = (pair.a != null) ? pair.a : pair.b;
			List<String> within = TensorNames.withinLayer(any.module);
			this.inspection.addTarget(within.isEmpty() ? any.module : within);
			checkPresence(pair);
			boolean fused = this.inspection.isAdapterHub() && ModuleRole.of(within) == ModuleRole.FUSED_QKV;
			if (r != null) {
				checkRank(pair.a, 0, fused ? fusedRanks : ranks, r, "lora_A must be [r, in]");
				checkRank(pair.b, 1, ranks, r, "lora_B must be [out, r]");
				checkAgreement(pair, fused);
			}
			if (this.inspection.dims != null && !any.embedding) {
				checkDims(pair.a, within, true);
				checkDims(pair.b, within, false);
			}
			if (targets != null) {
				checkTarget(any, targets);
			}
			if (layersToTransform != null) {
				int layer = any.tensor.layer();
				if (layer >= 0 && !layersToTransform.contains(layer)) {
					this.inspection.violation(any.tensor.name(), "is in layer " + layer + ", which layers_to_transform "
							+ Violations.shown(layersToTransform.toString()) + " excludes");
				}
			}
			checkAdapterName(any);
		}
	}

	private Map<String, Pair> pairs() {
		Map<String, Pair> pairs = new LinkedHashMap<>();
		for (Tensor tensor : this.inspection.tensors) {
			Matrix matrix = Matrix.parse(tensor);
			if (matrix == null) {
				continue;
			}
			String key = String.join(".", matrix.module) + "|" + matrix.embedding + "|" + matrix.adapterName;
			Pair pair = pairs.computeIfAbsent(key, (k) -> new Pair());
			if (matrix.isA && pair.a == null) {
				pair.a = matrix;
			}
			else if (!matrix.isA && pair.b == null) {
				pair.b = matrix;
			}
		}
		return pairs;
	}

	private Set<Long> allowedRanks(Integer r) {
		Set<Long> ranks = new LinkedHashSet<>();
		if (r == null) {
			return ranks;
		}
		ranks.add((long) r);
		// PEFT's rank_pattern gives some modules their own rank; which module a pattern
		// (a regular expression) selects is not evaluated here, so any of its ranks is
		// accepted anywhere.
		JsonNode pattern = this.inspection.isPeft() ? JsonValues.object(this.inspection.settings, "rank_pattern")
				: null;
		if (pattern != null) {
			for (JsonNode value : pattern.values()) {
				Integer rank = JsonValues.wholeNumber(value);
				if (rank != null && rank > 0) {
					ranks.add((long) rank);
				}
			}
		}
		return ranks;
	}

	private int distinctAttentionMatrices() {
		List<String> matrices = JsonValues.strings(this.inspection.settings, "attn_matrices");
		return (matrices != null) ? Set.copyOf(matrices).size() : 0;
	}

	private void checkPresence(Pair pair) {
		if (pair.a != null && pair.b == null) {
			this.inspection.violation(pair.a.tensor.name(), "has no matching " + pair.a.partner() + " tensor");
		}
		else if (pair.b != null && pair.a == null && !this.scaleOnly) {
			this.inspection.violation(pair.b.tensor.name(), "has no matching " + pair.b.partner() + " tensor");
		}
	}

	private void checkRank(Matrix matrix, int rankDim, Set<Long> allowed, int r, String layout) {
		if (matrix == null) {
			return;
		}
		Tensor tensor = matrix.tensor;
		if (tensor.rank() < 2) {
			this.inspection.violation(tensor.name(), "has shape " + TensorNames.shape(tensor.shape())
					+ ", but a LoRA matrix needs at least two dimensions: " + layout);
			return;
		}
		if (!allowed.contains(tensor.dim(rankDim))) {
			Set<Long> others = new LinkedHashSet<>(allowed);
			others.remove((long) r);
			this.inspection.violation(tensor.name(), "has shape " + TensorNames.shape(tensor.shape()) + ", but "
					+ layout + " with r = " + r + (others.isEmpty() ? "" : " (or " + others + ")"));
		}
	}

	private void checkAgreement(Pair pair, boolean fused) {
		if (pair.a == null || pair.b == null || pair.a.tensor.rank() < 2 || pair.b.tensor.rank() < 2) {
			return;
		}
		long rankA = pair.a.tensor.dim(0);
		long rankB = pair.b.tensor.dim(1);
		// A merged projection's A stacks one rank-r block per enabled matrix.
		boolean agree = (rankA == rankB) || (fused && rankB > 0 && rankA % rankB == 0);
		if (!agree) {
			this.inspection.violation(pair.b.tensor.name(),
					"has rank " + rankB + ", but its " + pair.b.partner() + " has rank " + rankA);
		}
	}

	private void checkDims(Matrix matrix, List<String> within, boolean input) {
		ModuleRole role = ModuleRole.of(within);
		if (matrix == null || matrix.tensor.rank() < 2 || role == ModuleRole.UNKNOWN) {
			return;
		}
		BaseModelDims dims = this.inspection.dims;
		String module = Violations.shown(String.join(".", within));
		if (input) {
			long actual = matrix.tensor.dim(1);
			long expected = role.expectedIn(dims);
			if (actual != expected) {
				this.inspection.violation(matrix.tensor.name(), "has input size " + actual + ", but " + module
						+ " takes the base model's " + role.inName() + " " + expected);
			}
			return;
		}
		long actual = matrix.tensor.dim(0);
		long expected = role.expectedOut(dims);
		if (role.outIsMaximum() ? actual > expected : actual != expected) {
			this.inspection.violation(matrix.tensor.name(),
					"has output size " + actual + ", but " + module + " outputs "
							+ (role.outIsMaximum() ? "at most " : "") + "the base model's " + role.outName() + " "
							+ expected);
		}
	}

	private void checkTarget(Matrix matrix, List<String> targets) {
		String key = String.join(".", matrix.module);
		for (String target : targets) {
			if (TensorNames.endsWithModule(key, target)) {
				return;
			}
		}
		List<String> within = TensorNames.withinLayer(matrix.module);
		this.inspection.violation(matrix.tensor.name(), "adapts module " + Violations.shown(String.join(".", within))
				+ ", which target_modules " + Violations.shown(targets.toString()) + " does not name");
	}

	private void checkAdapterName(Matrix matrix) {
		String declared = JsonValues.string(this.inspection.config, "name");
		if (matrix.adapterName != null && declared != null && this.inspection.isAdapterHub()
				&& !declared.equals(matrix.adapterName)) {
			this.inspection.violation(matrix.tensor.name(),
					"belongs to adapter " + Violations.shown(matrix.adapterName, 64) + ", but the config names "
							+ Violations.shown(declared, 64));
		}
	}

	/** The A and B of one adapted module. */
	private static final class Pair {

		Matrix a;

		Matrix b;

	}

	/**
	 * One LoRA matrix.
	 *
	 * @param tensor the tensor
	 * @param isA whether it is the A (down) matrix
	 * @param embedding whether it adapts an embedding
	 * @param module the components of the adapted module's path
	 * @param adapterName the adapters library's adapter name from {@code loras.<name>},
	 * or null
	 */
	private record Matrix(Tensor tensor, boolean isA, boolean embedding, List<String> module, String adapterName) {

		static Matrix parse(Tensor tensor) {
			List<String> parts = tensor.components();
			int at = -1;
			for (int i = parts.size() - 1; i >= 0; i--) {
				if (PARTS.contains(parts.get(i))) {
					at = i;
					break;
				}
			}
			if (at < 0 || !isMatrixSuffix(parts.subList(at + 1, parts.size()))) {
				return null;
			}
			String part = parts.get(at);
			List<String> module = parts.subList(0, at);
			String adapterName = null;
			if (module.size() >= 2 && module.get(module.size() - 2).equals("loras")) {
				adapterName = module.get(module.size() - 1);
				module = module.subList(0, module.size() - 2);
			}
			return new Matrix(tensor, part.endsWith("A"), part.startsWith("lora_embedding"), module, adapterName);
		}

		/**
		 * The matrix itself, not a bias: nothing, {@code weight}, an adapter name, or an
		 * adapter name and {@code weight}.
		 */
		private static boolean isMatrixSuffix(List<String> suffix) {
			return switch (suffix.size()) {
				case 0 -> true;
				case 1 -> !suffix.get(0).equals("bias");
				case 2 -> suffix.get(1).equals("weight");
				default -> false;
			};
		}

		String partner() {
			String base = this.embedding ? "lora_embedding_" : "lora_";
			return base + (this.isA ? "B" : "A");
		}

	}

}
