package dev.plugboard.formats;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Recognises AdapterHub adaptation methods, following the {@code adapters} library's
 * {@code ADAPTER_CONFIG_MAP} and config classes.
 *
 * <p>
 * A saved {@code adapter_config.json} holds the full config dict, not the name it was
 * created from, and bottleneck configs carry no {@code architecture} at all; so the named
 * config is recovered from the fields that distinguish the named configs.
 */
final class AdapterMethods {

	private static final Pattern SAFE_ID = Pattern.compile("[a-z0-9_+-]{1,64}");

	private static final Map<String, String> LEGACY_NAMES = Map.of("pfeiffer", "seq_bn", "houlsby", "double_seq_bn",
			"pfeiffer+inv", "seq_bn_inv", "houlsby+inv", "double_seq_bn_inv", "parallel", "par_bn", "scaled_parallel",
			"scaled_par_bn", "prefix_tuning_flat", "prefix_tuning");

	private static final Set<String> CURRENT_NAMES = Set.of("seq_bn", "double_seq_bn", "par_bn", "scaled_par_bn",
			"seq_bn_inv", "double_seq_bn_inv", "compacter++", "compacter", "prefix_tuning", "prompt_tuning", "lora",
			"ia3", "loreft", "noreft", "direft", "mam", "unipelt");

	private AdapterMethods() {
	}

	/** Maps a config name such as {@code pfeiffer} or {@code seq_bn}. */
	static String ofName(String name) {
		String lower = name.trim().toLowerCase(Locale.ROOT);
		String current = LEGACY_NAMES.getOrDefault(lower, lower);
		return CURRENT_NAMES.contains(current) ? current : null;
	}

	/** Identifies the method of a full {@code adapters} config dict. */
	static String ofConfig(ObjectNode config) {
		String architecture = AdapterConfigs.text(config, "architecture");
		if (architecture != null && !architecture.equals("bottleneck")) {
			// IA3Config is a LoRAConfig that scales instead of adding.
			if (architecture.equals("lora") && "scale".equals(AdapterConfigs.text(config, "composition_mode"))) {
				return "ia3";
			}
			return safeId(architecture.toLowerCase(Locale.ROOT));
		}
		// AdapterHub catalog cards name the config rather than spell it out.
		String using = AdapterConfigs.text(config, "using");
		if (using != null) {
			return ofName(using);
		}
		if (!config.has("mh_adapter") && !config.has("output_adapter")) {
			return null;
		}
		return bottleneck(config);
	}

	private static String bottleneck(ObjectNode config) {
		boolean attention = flag(config, "mh_adapter");
		boolean output = flag(config, "output_adapter");
		if (flag(config, "is_parallel")) {
			return "par_bn";
		}
		if (flag(config, "phm_layer")) {
			return attention ? "compacter" : "compacter++";
		}
		String base;
		if (attention && output) {
			base = "double_seq_bn";
		}
		else if (output) {
			base = "seq_bn";
		}
		else {
			return "bottleneck";
		}
		return invertible(config) ? base + "_inv" : base;
	}

	private static boolean invertible(ObjectNode config) {
		// adapter-transformers v1 nested the invertible adapter in its own dict.
		JsonNode legacy = config.get("invertible_adapter");
		return AdapterConfigs.text(config, "inv_adapter") != null || (legacy != null && legacy.isObject());
	}

	private static boolean flag(ObjectNode config, String field) {
		JsonNode value = config.get(field);
		return value != null && value.isBoolean() && value.booleanValue();
	}

	/** Returns {@code id} if it is safe to store and show as a method id, else null. */
	static String safeId(String id) {
		return SAFE_ID.matcher(id).matches() ? id : null;
	}

}
