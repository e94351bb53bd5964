package dev.plugboard.runtime.adapters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

import dev.plugboard.runtime.encoder.BertConfig;
import dev.plugboard.runtime.encoder.LayerModule;
import dev.plugboard.runtime.encoder.SublayerPosition;
import dev.plugboard.runtime.weights.HostTensor;
import dev.plugboard.runtime.weights.WeightFiles;

/**
 * Writes {@link AdapterWeights} as PEFT or AdapterHub files, named so that the Python
 * libraries load them: PEFT for {@code BertModel} (or
 * {@code BertForSequenceClassification} with a head), AdapterHub for
 * {@code BertAdapterModel}.
 */
public final class AdapterWriter {

	/** The {@code adapters} version written; from 1.1.0 on LoRA's alpha is honoured. */
	static final String ADAPTERHUB_VERSION = "adapters.1.1.0";

	private AdapterWriter() {
	}

	/**
	 * Writes an adapter into {@code directory} in the given format.
	 * @param baseModel the base model's repository id, recorded in the config
	 */
	public static void write(AdapterWeights adapter, AdapterFormat format, Path directory, String baseModel,
			BertConfig base) {
		try {
			Files.createDirectories(directory);
			if (format == AdapterFormat.PEFT) {
				writePeft(adapter, directory, baseModel);
			}
			else {
				writeAdapterHub(adapter, directory, baseModel, base);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write adapter to " + directory, ex);
		}
	}

	private static void writePeft(AdapterWeights adapter, Path directory, String baseModel) throws IOException {
		if (adapter.loras().isEmpty()) {
			throw new IllegalArgumentException("PEFT files hold LoRA adapters; " + adapter.name() + " has none");
		}
		HeadWeights head = adapter.head();
		if (head != null && (head.weights().size() != 2 || head.activation() != Nonlinearity.TANH)) {
			throw new IllegalArgumentException("A PEFT classifier is BERT's pooler plus one linear layer; head "
					+ head.name() + " has " + head.weights().size() + " layers with " + head.activation());
		}
		String prefix = (head != null) ? "base_model.model.bert." : "base_model.model.";
		List<HostTensor> tensors = new ArrayList<>();
		int rank = adapter.loras().get(0).rank();
		float scaling = adapter.loras().get(0).scaling();
		Set<LayerModule> modules = EnumSet.noneOf(LayerModule.class);
		for (LoraModule lora : adapter.loras()) {
			if (lora.rank() != rank || lora.scaling() != scaling) {
				throw new IllegalArgumentException("Writing PEFT files needs one rank and scaling for all modules");
			}
			modules.add(lora.module());
			String module = prefix + "encoder.layer." + lora.layer() + "." + lora.module().path();
			tensors.add(renamed(lora.a(), module + ".lora_A.weight"));
			tensors.add(renamed(lora.b(), module + ".lora_B.weight"));
		}
		if (head != null) {
			tensors.add(renamed(head.weights().get(0), "base_model.model.bert.pooler.dense.weight"));
			tensors.add(renamed(head.biases().get(0), "base_model.model.bert.pooler.dense.bias"));
			tensors.add(renamed(head.weights().get(1), "base_model.model.classifier.weight"));
			tensors.add(renamed(head.biases().get(1), "base_model.model.classifier.bias"));
		}
		WeightFiles.write(directory.resolve("adapter_model.safetensors"), tensors, Map.of("format", "pt"));
		JsonObject config = new JsonObject();
		config.addProperty("peft_type", "LORA");
		config.addProperty("task_type", (head != null) ? "SEQ_CLS" : "FEATURE_EXTRACTION");
		config.addProperty("base_model_name_or_path", baseModel);
		config.addProperty("r", rank);
		config.addProperty("lora_alpha", scaling * rank);
		config.addProperty("use_rslora", false);
		config.add("target_modules", peftTargets(modules));
		config.addProperty("lora_dropout", 0.0);
		config.addProperty("bias", "none");
		config.addProperty("fan_in_fan_out", false);
		config.addProperty("inference_mode", true);
		config.addProperty("init_lora_weights", true);
		config.add("layers_to_transform", JsonNull.INSTANCE);
		if (head != null) {
			JsonArray saved = new JsonArray();
			saved.add("classifier");
			saved.add("pooler");
			config.add("modules_to_save", saved);
		}
		else {
			config.add("modules_to_save", JsonNull.INSTANCE);
		}
		writeJson(directory.resolve("adapter_config.json"), config);
	}

	/**
	 * PEFT matches a list entry as a name suffix, so {@code output.dense} would also hit
	 * {@code attention.output.dense}; such sets are written as a full-match regex.
	 */
	private static com.google.gson.JsonElement peftTargets(Set<LayerModule> modules) {
		if (!modules.contains(LayerModule.OUTPUT) && !modules.contains(LayerModule.ATTENTION_OUTPUT)) {
			JsonArray targets = new JsonArray();
			modules.forEach((m) -> targets.add(m.path().substring(m.path().lastIndexOf('.') + 1).equals("dense")
					? m.path() : m.path().substring(m.path().lastIndexOf('.') + 1)));
			return targets;
		}
		Set<String> paths = new LinkedHashSet<>();
		modules.forEach((m) -> paths.add(m.path().replace(".", "\\.")));
		return new com.google.gson.JsonPrimitive(".*encoder\\.layer\\.\\d+\\.(" + String.join("|", paths) + ")");
	}

	private static void writeAdapterHub(AdapterWeights adapter, Path directory, String baseModel, BertConfig base)
			throws IOException {
		String name = adapter.name();
		List<HostTensor> tensors = new ArrayList<>();
		JsonObject config;
		if (!adapter.loras().isEmpty()) {
			config = adapterHubLoraConfig(adapter);
			for (LoraModule lora : adapter.loras()) {
				String module = "bert.encoder.layer." + lora.layer() + "." + lora.module().path() + ".loras." + name;
				tensors.add(renamed(lora.a(), module + ".lora_A"));
				tensors.add(renamed(lora.b(), module + ".lora_B"));
			}
		}
		else {
			BottleneckConfig bottleneck = adapter.bottleneckConfig();
			config = bottleneck.toJson();
			for (BottleneckModule module : adapter.bottlenecks()) {
				String prefix = "bert.encoder.layer." + module.layer() + "."
						+ ((module.position() == SublayerPosition.OUTPUT) ? "output" : "attention.output")
						+ ".adapters." + name + ".";
				String down = bottleneck.lnBefore() ? "adapter_down.1" : "adapter_down.0";
				if (bottleneck.lnBefore()) {
					tensors.add(renamed(module.normBeforeWeight(), prefix + "adapter_down.0.weight"));
					tensors.add(renamed(module.normBeforeBias(), prefix + "adapter_down.0.bias"));
				}
				tensors.add(renamed(module.downWeight(), prefix + down + ".weight"));
				tensors.add(renamed(module.downBias(), prefix + down + ".bias"));
				tensors.add(renamed(module.upWeight(), prefix + "adapter_up.weight"));
				tensors.add(renamed(module.upBias(), prefix + "adapter_up.bias"));
				if (bottleneck.lnAfter()) {
					tensors.add(renamed(module.normAfterWeight(), prefix + "adapter_norm_after.weight"));
					tensors.add(renamed(module.normAfterBias(), prefix + "adapter_norm_after.bias"));
				}
			}
		}
		WeightFiles.write(directory.resolve("adapter.safetensors"), tensors, Map.of("format", "pt"));
		writeJson(directory.resolve("adapter_config.json"), adapterHubFile(config, name, baseModel, base));
		if (adapter.head() != null) {
			writeAdapterHubHead(adapter.head(), name, directory, baseModel, base);
		}
	}

	private static JsonObject adapterHubLoraConfig(AdapterWeights adapter) {
		int rank = adapter.loras().get(0).rank();
		float scaling = adapter.loras().get(0).scaling();
		Set<LayerModule> modules = EnumSet.noneOf(LayerModule.class);
		for (LoraModule lora : adapter.loras()) {
			if (lora.rank() != rank || lora.scaling() != scaling) {
				throw new IllegalArgumentException("AdapterHub LoRA needs one rank and scaling for all modules");
			}
			if (lora.module() == LayerModule.ATTENTION_OUTPUT) {
				throw new IllegalArgumentException(
						"AdapterHub's BERT never puts LoRA on attention.output.dense; write this adapter as PEFT");
			}
			modules.add(lora.module());
		}
		JsonObject config = new JsonObject();
		config.addProperty("architecture", "lora");
		JsonArray matrices = new JsonArray();
		if (modules.contains(LayerModule.QUERY)) {
			matrices.add("q");
		}
		if (modules.contains(LayerModule.KEY)) {
			matrices.add("k");
		}
		if (modules.contains(LayerModule.VALUE)) {
			matrices.add("v");
		}
		config.addProperty("selfattn_lora", !matrices.isEmpty());
		config.addProperty("intermediate_lora", modules.contains(LayerModule.INTERMEDIATE));
		config.addProperty("output_lora", modules.contains(LayerModule.OUTPUT));
		config.add("attn_matrices", matrices);
		config.addProperty("r", rank);
		config.addProperty("alpha", scaling * rank);
		config.addProperty("dropout", 0.0);
		config.addProperty("composition_mode", "add");
		config.addProperty("init_weights", "lora");
		config.addProperty("use_gating", false);
		config.add("leave_out", new JsonArray());
		return config;
	}

	private static void writeAdapterHubHead(HeadWeights head, String name, Path directory, String baseModel,
			BertConfig base) throws IOException {
		List<HostTensor> tensors = new ArrayList<>();
		int stride = (head.activation() == Nonlinearity.LINEAR) ? 2 : 3;
		for (int i = 0; i < head.weights().size(); i++) {
			String prefix = "heads." + name + "." + (1 + stride * i);
			tensors.add(renamed(head.weights().get(i), prefix + ".weight"));
			if (head.biases().get(i) != null) {
				tensors.add(renamed(head.biases().get(i), prefix + ".bias"));
			}
		}
		WeightFiles.write(directory.resolve("model_head.safetensors"), tensors, Map.of("format", "pt"));
		JsonObject config = new JsonObject();
		config.addProperty("head_type", "classification");
		config.addProperty("layers", head.weights().size());
		config.addProperty("activation_function",
				(head.activation() == Nonlinearity.LINEAR) ? null : head.activation().configName());
		config.addProperty("num_labels", head.classes());
		config.addProperty("use_pooler", false);
		config.addProperty("bias", head.biases().get(head.biases().size() - 1) != null);
		config.add("dropout_prob", JsonNull.INSTANCE);
		JsonObject labels = new JsonObject();
		for (int i = 0; i < head.labels().size(); i++) {
			labels.addProperty(head.labels().get(i), i);
		}
		config.add("label2id", labels);
		writeJson(directory.resolve("head_config.json"), adapterHubFile(config, name, baseModel, base));
	}

	private static JsonObject adapterHubFile(JsonObject config, String name, String baseModel, BertConfig base) {
		JsonObject file = new JsonObject();
		file.add("config", config);
		file.addProperty("hidden_size", base.hiddenSize());
		file.addProperty("model_class", "BertAdapterModel");
		file.addProperty("model_name", baseModel);
		file.addProperty("model_type", "bert");
		file.addProperty("name", name);
		file.addProperty("version", ADAPTERHUB_VERSION);
		return file;
	}

	private static HostTensor renamed(HostTensor tensor, String name) {
		return new HostTensor(name, tensor.shape(), tensor.data());
	}

	private static void writeJson(Path file, JsonObject json) throws IOException {
		Files.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(json) + "\n");
	}

}
