package dev.plugboard.runtime.adapters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.plugboard.runtime.encoder.BertConfig;
import dev.plugboard.runtime.encoder.LayerModule;
import dev.plugboard.runtime.encoder.SublayerPosition;
import dev.plugboard.runtime.weights.HostTensor;
import dev.plugboard.runtime.weights.WeightFiles;

/**
 * Reads an adapter directory written by PEFT or by AdapterHub's {@code adapters} library
 * into {@link AdapterWeights}, mapping both libraries' tensor names onto the same BERT
 * modules and checking every tensor against the base model's dimensions. Any tensor the
 * reader cannot place is an error naming it: silently ignoring weights would change what
 * the adapter computes.
 */
public final class AdapterReader {

	private static final Pattern PEFT_LORA = Pattern.compile(
			"^(?:base_model\\.model\\.)?(?:bert\\.|model\\.)?encoder\\.layer\\.(\\d+)\\.(.+)\\.lora_([AB])(?:\\.default)?\\.weight$");

	private static final Pattern PEFT_CLASSIFIER = Pattern
		.compile("^(?:base_model\\.model\\.)?classifier(?:\\.modules_to_save\\.default)?\\.(weight|bias)$");

	private static final Pattern PEFT_POOLER = Pattern.compile(
			"^(?:base_model\\.model\\.)?(?:bert\\.)?pooler(?:\\.modules_to_save\\.default)?\\.dense(?:\\.modules_to_save\\.default)?\\.(weight|bias)$");

	private static final Pattern HUB_LORA = Pattern
		.compile("^(?:bert\\.)?encoder\\.layer\\.(\\d+)\\.(.+)\\.loras\\.([^.]+)\\.lora_([AB])$");

	private static final Pattern HUB_BOTTLENECK = Pattern.compile(
			"^(?:bert\\.)?encoder\\.layer\\.(\\d+)\\.(attention\\.output|output)\\.adapters\\.([^.]+)\\.(adapter_down\\.0|adapter_down\\.1|adapter_up|adapter_norm_before|adapter_norm_after)\\.(weight|bias)$");

	private static final Pattern HUB_HEAD = Pattern.compile("^heads\\.([^.]+)\\.(\\d+)\\.(weight|bias)$");

	private AdapterReader() {
	}

	/**
	 * Reads an adapter directory.
	 * @param directory the directory holding {@code adapter_config.json} and weights
	 * @param base the dimensions of the base model it will be stitched into
	 * @throws AdapterMismatchException naming the tensor that does not fit
	 * @throws IllegalArgumentException for configs this runtime cannot run
	 */
	public static AdapterWeights read(Path directory, BertConfig base) {
		JsonObject config = json(directory.resolve("adapter_config.json"));
		if (config.has("peft_type")) {
			return readPeft(directory, config, base);
		}
		if (config.has("config") && (config.has("version") || config.has("model_class"))) {
			return readAdapterHub(directory, config, base);
		}
		throw new IllegalArgumentException(
				directory + "/adapter_config.json is neither a PEFT config (peft_type) nor an AdapterHub one (config)");
	}

	private static AdapterWeights readPeft(Path directory, JsonObject config, BertConfig base) {
		String type = config.get("peft_type").getAsString();
		if (!type.equals("LORA")) {
			throw new IllegalArgumentException("PEFT method " + type + " is not supported; LORA is");
		}
		if (bool(config, "use_dora")) {
			throw new IllegalArgumentException("DoRA (use_dora) is not supported");
		}
		Map<String, HostTensor> tensors = WeightFiles
			.read(firstExisting(directory, "adapter_model.safetensors", "adapter_model.bin"));
		int defaultRank = config.get("r").getAsInt();
		float defaultAlpha = config.get("lora_alpha").getAsFloat();
		boolean rsLora = bool(config, "use_rslora");
		Map<String, HostTensor[]> pairs = new TreeMap<>();
		Map<String, HostTensor> head = new LinkedHashMap<>();
		for (HostTensor tensor : tensors.values()) {
			Matcher lora = PEFT_LORA.matcher(tensor.name());
			if (lora.matches()) {
				String module = "encoder.layer." + lora.group(1) + "." + lora.group(2);
				pairs.computeIfAbsent(module, (key) -> new HostTensor[2])[lora.group(3).equals("A") ? 0 : 1] = tensor;
				continue;
			}
			Matcher classifier = PEFT_CLASSIFIER.matcher(tensor.name());
			Matcher pooler = PEFT_POOLER.matcher(tensor.name());
			if (classifier.matches()) {
				head.put("classifier." + classifier.group(1), tensor);
			}
			else if (pooler.matches()) {
				head.put("pooler." + pooler.group(1), tensor);
			}
			else {
				throw new AdapterMismatchException(tensor.name(),
						"not a LoRA matrix of a BERT encoder layer or a classifier/pooler weight");
			}
		}
		List<LoraModule> loras = new ArrayList<>();
		for (Map.Entry<String, HostTensor[]> pair : pairs.entrySet()) {
			String module = pair.getKey();
			checkTargeted(config, module, pair.getValue());
			int rank = (int) pattern(config, "rank_pattern", module, defaultRank);
			float alpha = (float) pattern(config, "alpha_pattern", module, defaultAlpha);
			float scaling = rsLora ? (float) (alpha / Math.sqrt(rank)) : alpha / rank;
			loras.add(loraModule(module, pair.getValue(), rank, scaling, base));
		}
		HeadWeights headWeights = head.isEmpty() ? null : peftHead(head, base);
		String name = directory.getFileName().toString();
		return new AdapterWeights(name, AdapterFormat.PEFT, loras, null, List.of(), headWeights);
	}

	private static void checkTargeted(JsonObject config, String module, HostTensor[] pair) {
		JsonElement targets = config.get("target_modules");
		if (targets == null || targets.isJsonNull()) {
			return;
		}
		String tensor = (pair[0] != null) ? pair[0].name() : pair[1].name();
		boolean targeted;
		if (targets.isJsonPrimitive()) {
			targeted = Pattern.compile(targets.getAsString()).matcher(module).matches()
					|| Pattern.compile(targets.getAsString()).matcher("bert." + module).matches();
		}
		else {
			targeted = false;
			for (JsonElement target : targets.getAsJsonArray()) {
				String t = target.getAsString();
				targeted |= module.equals(t) || module.endsWith("." + t);
			}
		}
		if (!targeted) {
			throw new AdapterMismatchException(tensor, "module " + module + " is not in target_modules " + targets);
		}
	}

	/**
	 * PEFT's rank_pattern / alpha_pattern: the first key matching the module's name wins.
	 */
	private static double pattern(JsonObject config, String field, String module, double fallback) {
		if (config.has(field) && config.get(field).isJsonObject()) {
			for (Map.Entry<String, JsonElement> entry : config.getAsJsonObject(field).entrySet()) {
				if (Pattern.compile("(.*\\.)?" + entry.getKey() + "$").matcher(module).matches()) {
					return entry.getValue().getAsDouble();
				}
			}
		}
		return fallback;
	}

	private static HeadWeights peftHead(Map<String, HostTensor> head, BertConfig base) {
		HostTensor classifier = head.get("classifier.weight");
		HostTensor pooler = head.get("pooler.weight");
		if (classifier == null) {
			throw new AdapterMismatchException(head.values().iterator().next().name(),
					"a pooler without a classifier is not a head");
		}
		if (pooler == null) {
			throw new AdapterMismatchException(classifier.name(),
					"a BertForSequenceClassification classifier reads BERT's pooler, which the adapter does not "
							+ "carry (add \"pooler\" to modules_to_save) and the imported base model lacks");
		}
		int hidden = base.hiddenSize();
		expectShape(pooler, hidden, hidden);
		expectShape(head.get("pooler.bias"), pooler.name(), hidden);
		int classes = (int) classifier.shape()[0];
		expectShape(classifier, classes, hidden);
		expectShape(head.get("classifier.bias"), classifier.name(), classes);
		return new HeadWeights("classifier", List.of(pooler, classifier),
				Arrays.asList(head.get("pooler.bias"), head.get("classifier.bias")), Nonlinearity.TANH,
				indexLabels(classes));
	}

	private static AdapterWeights readAdapterHub(Path directory, JsonObject file, BertConfig base) {
		String name = file.has("name") ? file.get("name").getAsString() : directory.getFileName().toString();
		JsonElement configElement = file.get("config");
		String architecture = (configElement.isJsonObject() && configElement.getAsJsonObject().has("architecture")
				&& !configElement.getAsJsonObject().get("architecture").isJsonNull())
						? configElement.getAsJsonObject().get("architecture").getAsString() : "bottleneck";
		Map<String, HostTensor> tensors = WeightFiles
			.read(firstExisting(directory, "adapter.safetensors", "pytorch_adapter.bin"));
		if (architecture.equals("lora")) {
			List<LoraModule> loras = adapterHubLoras(tensors, configElement.getAsJsonObject(), file, base);
			return new AdapterWeights(name, AdapterFormat.ADAPTERHUB, loras, null, List.of(),
					readAdapterHubHead(directory, base));
		}
		if (!architecture.equals("bottleneck")) {
			throw new IllegalArgumentException("AdapterHub architecture " + architecture + " is not supported");
		}
		BottleneckConfig config = BottleneckConfig.parse(configElement);
		List<BottleneckModule> modules = bottlenecks(tensors, config, base);
		return new AdapterWeights(name, AdapterFormat.ADAPTERHUB, List.of(), config, modules,
				readAdapterHubHead(directory, base));
	}

	private static List<LoraModule> adapterHubLoras(Map<String, HostTensor> tensors, JsonObject config, JsonObject file,
			BertConfig base) {
		if (config.has("composition_mode") && !config.get("composition_mode").getAsString().equals("add")) {
			throw new IllegalArgumentException(
					"LoRA composition_mode " + config.get("composition_mode").getAsString() + " is not supported");
		}
		if (bool(config, "use_gating")) {
			throw new IllegalArgumentException("Gated LoRA (use_gating) is not supported");
		}
		int rank = config.has("r") ? config.get("r").getAsInt() : 8;
		float alpha = config.has("alpha") ? config.get("alpha").getAsFloat() : 8;
		if (ignoredAlpha(file) && rank != alpha) {
			// adapters 0.1.0 to 1.0.1 trained with scaling 1.0; its loader resets alpha
			// to r.
			alpha = rank;
		}
		float scaling = alpha / rank;
		Map<String, HostTensor[]> pairs = new TreeMap<>();
		for (HostTensor tensor : tensors.values()) {
			Matcher matcher = HUB_LORA.matcher(tensor.name());
			if (!matcher.matches()) {
				throw new AdapterMismatchException(tensor.name(), "not a LoRA matrix of a BERT encoder layer");
			}
			String module = "encoder.layer." + matcher.group(1) + "." + matcher.group(2);
			pairs.computeIfAbsent(module, (key) -> new HostTensor[2])[matcher.group(4).equals("A") ? 0 : 1] = tensor;
		}
		List<LoraModule> loras = new ArrayList<>();
		for (Map.Entry<String, HostTensor[]> pair : pairs.entrySet()) {
			loras.add(loraModule(pair.getKey(), pair.getValue(), rank, scaling, base));
		}
		return loras;
	}

	private static boolean ignoredAlpha(JsonObject file) {
		if (!file.has("version")) {
			return false;
		}
		String version = file.get("version").getAsString();
		if (!version.startsWith("adapters.")) {
			return false;
		}
		String[] parts = version.substring("adapters.".length()).split("\\.");
		try {
			int major = Integer.parseInt(parts[0]);
			int minor = (parts.length > 1) ? Integer.parseInt(parts[1]) : 0;
			return major < 1 || (major == 1 && minor < 1);
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private static LoraModule loraModule(String module, HostTensor[] pair, int rank, float scaling, BertConfig base) {
		String any = (pair[0] != null) ? pair[0].name() : pair[1].name();
		Matcher path = Pattern.compile("^encoder\\.layer\\.(\\d+)\\.(.+)$").matcher(module);
		path.matches();
		int layer = layer(path.group(1), any, base);
		LayerModule target = LayerModule.byPath(path.group(2));
		if (target == null) {
			throw new AdapterMismatchException(any,
					"module " + path.group(2) + " is not one of a BERT layer's linear modules "
							+ Arrays.stream(LayerModule.values()).map(LayerModule::path).toList());
		}
		if (pair[0] == null || pair[1] == null) {
			throw new AdapterMismatchException(any,
					"its LoRA partner (lora_" + ((pair[0] == null) ? "A" : "B") + ") is missing");
		}
		expectShape(pair[0], rank, target.inFeatures(base));
		expectShape(pair[1], target.outFeatures(base), rank);
		return new LoraModule(layer, target, pair[0], pair[1], scaling);
	}

	private static List<BottleneckModule> bottlenecks(Map<String, HostTensor> tensors, BottleneckConfig config,
			BertConfig base) {
		Map<String, Map<String, HostTensor>> byModule = new TreeMap<>();
		for (HostTensor tensor : tensors.values()) {
			Matcher matcher = HUB_BOTTLENECK.matcher(tensor.name());
			if (!matcher.matches()) {
				throw new AdapterMismatchException(tensor.name(), "not a bottleneck adapter weight of a BERT layer");
			}
			String key = matcher.group(1) + "|" + matcher.group(2);
			byModule.computeIfAbsent(key, (k) -> new LinkedHashMap<>())
				.put(matcher.group(4) + "." + matcher.group(5), tensor);
		}
		List<BottleneckModule> modules = new ArrayList<>();
		int hidden = base.hiddenSize();
		for (Map.Entry<String, Map<String, HostTensor>> entry : byModule.entrySet()) {
			String[] key = entry.getKey().split("\\|");
			Map<String, HostTensor> parts = entry.getValue();
			HostTensor anyTensor = parts.values().iterator().next();
			int layer = layer(key[0], anyTensor.name(), base);
			SublayerPosition position = key[1].equals("output") ? SublayerPosition.OUTPUT
					: SublayerPosition.ATTENTION_OUTPUT;
			if (!config.sitsAt(position, layer)) {
				throw new AdapterMismatchException(anyTensor.name(), "the config puts no adapter at " + key[1]
						+ " of layer " + layer + " (mh_adapter/output_adapter/leave_out)");
			}
			String down = config.lnBefore() ? "adapter_down.1" : "adapter_down.0";
			HostTensor normBeforeWeight = null;
			HostTensor normBeforeBias = null;
			if (config.lnBefore()) {
				normBeforeWeight = require(parts, "adapter_down.0.weight", anyTensor);
				normBeforeBias = require(parts, "adapter_down.0.bias", anyTensor);
				expectShape(normBeforeWeight, hidden);
				expectShape(normBeforeBias, normBeforeBias.name(), hidden);
			}
			int size = config.bottleneckSize(hidden, layer);
			HostTensor downWeight = require(parts, down + ".weight", anyTensor);
			expectShape(downWeight, size, hidden);
			HostTensor downBias = require(parts, down + ".bias", anyTensor);
			expectShape(downBias, downBias.name(), size);
			HostTensor upWeight = require(parts, "adapter_up.weight", anyTensor);
			expectShape(upWeight, hidden, size);
			HostTensor upBias = require(parts, "adapter_up.bias", anyTensor);
			expectShape(upBias, upBias.name(), hidden);
			HostTensor normAfterWeight = config.lnAfter() ? require(parts, "adapter_norm_after.weight", anyTensor)
					: null;
			HostTensor normAfterBias = config.lnAfter() ? require(parts, "adapter_norm_after.bias", anyTensor) : null;
			modules.add(new BottleneckModule(layer, position, downWeight, downBias, upWeight, upBias, normBeforeWeight,
					normBeforeBias, normAfterWeight, normAfterBias));
		}
		for (int layer = 0; layer < base.layers(); layer++) {
			for (SublayerPosition position : SublayerPosition.values()) {
				int l = layer;
				if (config.sitsAt(position, layer)
						&& modules.stream().noneMatch((m) -> m.layer() == l && m.position() == position)) {
					throw new IllegalArgumentException("The config puts an adapter at " + position + " of layer "
							+ layer + ", but the weights hold none there");
				}
			}
		}
		return modules;
	}

	private static HeadWeights readAdapterHubHead(Path directory, BertConfig base) {
		Path configFile = directory.resolve("head_config.json");
		if (!Files.isRegularFile(configFile)) {
			return null;
		}
		JsonObject file = json(configFile);
		JsonObject config = file.getAsJsonObject("config");
		String type = config.has("head_type") ? config.get("head_type").getAsString() : "";
		if (!type.equals("classification")) {
			throw new IllegalArgumentException("Head type '" + type + "' is not supported; classification is");
		}
		if (bool(config, "use_pooler")) {
			throw new IllegalArgumentException(
					"The head reads BERT's pooler (use_pooler), which the imported base models lack");
		}
		String name = file.has("name") ? file.get("name").getAsString() : "head";
		Map<String, HostTensor> tensors = WeightFiles
			.read(firstExisting(directory, "model_head.safetensors", "pytorch_model_head.bin"));
		TreeMap<Integer, HostTensor[]> linears = new TreeMap<>();
		for (HostTensor tensor : tensors.values()) {
			Matcher matcher = HUB_HEAD.matcher(tensor.name());
			if (!matcher.matches()) {
				throw new AdapterMismatchException(tensor.name(), "not a weight of a prediction head");
			}
			linears.computeIfAbsent(Integer.parseInt(matcher.group(2)),
					(k) -> new HostTensor[2])[matcher.group(3).equals("weight") ? 0 : 1] = tensor;
		}
		int layers = config.has("layers") ? config.get("layers").getAsInt() : 2;
		if (linears.size() != layers) {
			throw new IllegalArgumentException(
					"head_config.json says " + layers + " layers; the head weights hold " + linears.size());
		}
		int classes = config.get("num_labels").getAsInt();
		List<HostTensor> weights = new ArrayList<>();
		List<HostTensor> biases = new ArrayList<>();
		int hidden = base.hiddenSize();
		int index = 0;
		for (HostTensor[] linear : linears.values()) {
			boolean last = (++index == linears.size());
			if (linear[0] == null) {
				throw new AdapterMismatchException(linear[1].name(), "a bias without its weight");
			}
			expectShape(linear[0], last ? classes : hidden, hidden);
			if (linear[1] != null) {
				expectShape(linear[1], linear[1].name(), last ? classes : hidden);
			}
			weights.add(linear[0]);
			biases.add(linear[1]);
		}
		Nonlinearity activation = Nonlinearity
			.of((config.has("activation_function") && !config.get("activation_function").isJsonNull())
					? config.get("activation_function").getAsString() : null);
		return new HeadWeights(name, weights, biases, activation, labels(config, classes));
	}

	/** Inverts AdapterHub's label2id; the label of each logit index. */
	private static List<String> labels(JsonObject config, int classes) {
		List<String> labels = new ArrayList<>(indexLabels(classes));
		if (config.has("label2id") && config.get("label2id").isJsonObject()) {
			for (Map.Entry<String, JsonElement> entry : config.getAsJsonObject("label2id").entrySet()) {
				int id = entry.getValue().getAsInt();
				if (id < 0 || id >= classes) {
					throw new IllegalArgumentException(
							"label2id maps " + entry.getKey() + " to " + id + ", outside " + classes + " labels");
				}
				labels.set(id, entry.getKey());
			}
		}
		return labels;
	}

	private static List<String> indexLabels(int classes) {
		List<String> labels = new ArrayList<>();
		for (int i = 0; i < classes; i++) {
			labels.add(Integer.toString(i));
		}
		return labels;
	}

	private static int layer(String digits, String tensor, BertConfig base) {
		int layer = Integer.parseInt(digits);
		if (layer >= base.layers()) {
			throw new AdapterMismatchException(tensor,
					"layer " + layer + " does not exist; the base model has " + base.layers() + " layers");
		}
		return layer;
	}

	private static HostTensor require(Map<String, HostTensor> parts, String part, HostTensor sibling) {
		HostTensor tensor = parts.get(part);
		if (tensor == null) {
			throw new AdapterMismatchException(sibling.name(), "its module lacks " + part);
		}
		return tensor;
	}

	private static void expectShape(HostTensor tensor, long... shape) {
		if (!Arrays.equals(tensor.shape(), shape)) {
			throw new AdapterMismatchException(tensor.name(),
					"shape " + tensor.shapeText() + " does not fit the base model; expected " + Arrays.toString(shape));
		}
	}

	private static void expectShape(HostTensor tensor, String owner, long... shape) {
		if (tensor == null) {
			throw new AdapterMismatchException(owner, "its bias is missing");
		}
		expectShape(tensor, shape);
	}

	private static Path firstExisting(Path directory, String... names) {
		for (String name : names) {
			if (Files.isRegularFile(directory.resolve(name))) {
				return directory.resolve(name);
			}
		}
		throw new IllegalArgumentException(directory + " holds none of " + Arrays.toString(names));
	}

	private static boolean bool(JsonObject config, String name) {
		return config.has(name) && !config.get(name).isJsonNull() && config.get(name).getAsBoolean();
	}

	private static JsonObject json(Path file) {
		try {
			return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException(file + " is not a JSON object: " + ex.getMessage(), ex);
		}
	}

}
