package dev.plugboard.formats;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static dev.plugboard.formats.AdapterFixtures.ADAPTERHUB_DIR;
import static dev.plugboard.formats.AdapterFixtures.PEFT_DIR;
import static dev.plugboard.formats.AdapterFixtures.bottleneck;
import static dev.plugboard.formats.AdapterFixtures.header;
import static dev.plugboard.formats.AdapterFixtures.json;
import static dev.plugboard.formats.AdapterFixtures.peftLora;
import static dev.plugboard.formats.AdapterFixtures.range;
import static dev.plugboard.formats.AdapterFixtures.weights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AdapterInspectorTests {

	private static final BaseModelDims MINILM = new BaseModelDims(384, 6, 1536);

	private static final BaseModelDims BERT_BASE = new BaseModelDims(768, 12, 3072);

	private static final String PEFT_LORA = """
			{"peft_type": "LORA", "base_model_name_or_path": "org/base", "r": 4, "lora_alpha": 16,
			 "target_modules": ["query", "value"], "lora_dropout": 0.1, "bias": "none",
			 "modules_to_save": null, "task_type": "FEATURE_EXTRACTION"}""";

	private static final String SEQ_BN = """
			{"config": {"architecture": null, "mh_adapter": false, "output_adapter": true, "reduction_factor": 16,
			            "non_linearity": "relu", "original_ln_before": true, "original_ln_after": true,
			            "residual_before_ln": true, "ln_before": false, "ln_after": false, "leave_out": []},
			 "hidden_size": 768, "model_name": "bert-base-uncased", "model_type": "bert", "name": "sst",
			 "version": "adapters.1.2.0"}""";

	// The real PEFT LoRA (peft-lora-minilm-l6-v2)

	@Test
	void describesTheRealPeftLora() throws IOException {
		AdapterDescription description = describeRealPeft(null);
		assertThat(description.format()).isEqualTo("peft");
		assertThat(description.method()).isEqualTo("lora");
		assertThat(description.hyperparameters()).containsExactly(Map.entry("r", 4), Map.entry("lora_alpha", 16),
				Map.entry("use_rslora", false), Map.entry("scaling", 4.0),
				Map.entry("target_modules", List.of("query", "value")), Map.entry("lora_dropout", 0.0),
				Map.entry("bias", "none"), Map.entry("task_type", "FEATURE_EXTRACTION"));
		assertThat(description.targetModules()).containsExactly("attention.self.query", "attention.self.value");
		assertThat(description.layers()).containsExactly(0, 1, 2, 3, 4, 5);
		assertThat(description.parameterCount()).isEqualTo(36_864);
		assertThat(description.bytesPerDtype()).containsExactly(Map.entry("F32", 147_456L));
		assertThat(description.hasHead()).isFalse();
		assertThat(description.headType()).isNull();
		assertThat(description.numLabels()).isNull();
		assertThat(description.baseModel()).isEqualTo("sentence-transformers/all-MiniLM-L6-v2");
		assertThat(description.adapterName()).isNull();
		assertThat(description.violations()).isEmpty();
		assertThat(description.isConsistent()).isTrue();
	}

	@Test
	void findsTheRealPeftLoraConsistentWithItsBaseModel() throws IOException {
		assertThat(describeRealPeft(MINILM).violations()).isEmpty();
	}

	@Test
	void findsTheRealPeftLoraInconsistentWithALargerBaseModel() throws IOException {
		List<Violation> violations = describeRealPeft(BERT_BASE).violations();
		// Every lora_A takes 384 inputs, not 768; query's lora_B outputs 384, not 768;
		// value's may output less than the hidden size (grouped-query attention).
		assertThat(violations).hasSize(18);
		assertThat(violations).contains(
				new Violation("base_model.model.encoder.layer.0.attention.self.query.lora_A.weight",
						"has input size 384, but attention.self.query takes the base model's hidden size 768"),
				new Violation("base_model.model.encoder.layer.5.attention.self.query.lora_B.weight",
						"has output size 384, but attention.self.query outputs the base model's hidden size 768"));
	}

	@Test
	void findsLayersBeyondTheBaseModelInTheRealPeftLora() throws IOException {
		List<Violation> violations = describeRealPeft(new BaseModelDims(384, 4, 1536)).violations();
		assertThat(violations).hasSize(8)
			.contains(new Violation("base_model.model.encoder.layer.4.attention.self.query.lora_A.weight",
					"is in layer 4, but the base model has 4 layers (0 to 3)"));
	}

	@Test
	void rendersTheRealPeftLoraWithSnakeCaseKeys() throws IOException {
		Map<String, Object> map = describeRealPeft(null).toMap();
		assertThat(map).containsOnlyKeys("format", "method", "hyperparameters", "target_modules", "layers",
				"parameter_count", "bytes_per_dtype", "has_head", "head_type", "num_labels", "base_model",
				"adapter_name", "violations");
		assertThat(map.get("parameter_count")).isEqualTo(36_864L);
		assertThat(map.get("layers")).isEqualTo(List.of(0, 1, 2, 3, 4, 5));
		assertThat(map.get("violations")).isEqualTo(List.of());
		assertThat(map).containsEntry("head_type", null);
	}

	// The real AdapterHub bottleneck adapter (adapterhub-bn-mbert-adapters101)

	@Test
	void describesTheRealAdapterHubBottleneckAdapter() throws IOException {
		AdapterDescription description = describeRealAdapterHub(realAdapterHubWeights(), null);
		assertThat(description.format()).isEqualTo("adapterhub");
		assertThat(description.method()).isEqualTo("seq_bn");
		assertThat(description.hyperparameters()).containsEntry("reduction_factor", 16)
			.containsEntry("bottleneck_size", 48L)
			.containsEntry("non_linearity", "relu")
			.containsEntry("mh_adapter", false)
			.containsEntry("output_adapter", true)
			.containsEntry("original_ln_before", true)
			.containsEntry("original_ln_after", true)
			.containsEntry("residual_before_ln", true)
			.containsEntry("ln_before", false)
			.containsEntry("ln_after", false)
			.containsEntry("leave_out", List.of());
		assertThat(List.copyOf(description.hyperparameters().keySet())).startsWith("reduction_factor",
				"bottleneck_size", "non_linearity", "mh_adapter", "output_adapter");
		assertThat(description.targetModules()).containsExactly("output");
		assertThat(description.layers()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
		assertThat(description.parameterCount()).isEqualTo(894_528);
		assertThat(description.bytesPerDtype()).containsExactly(Map.entry("F32", 894_528L * 4));
		assertThat(description.hasHead()).isTrue();
		assertThat(description.headType()).isEqualTo("classification");
		assertThat(description.numLabels()).isEqualTo(2);
		assertThat(description.baseModel()).isEqualTo("bert-base-multilingual-cased");
		assertThat(description.adapterName()).isEqualTo("md");
		assertThat(description.violations()).isEmpty();
	}

	@Test
	void findsTheRealAdapterHubAdapterConsistentWithBertBase() throws IOException {
		assertThat(describeRealAdapterHub(realAdapterHubWeights(), BERT_BASE).violations()).isEmpty();
	}

	@Test
	void fixtureMatchesTheTensorsListedInTheRealAdapterHubInspection() throws IOException {
		String inspect = Files.readString(SharedData.require(ADAPTERHUB_DIR + "INSPECT.txt"));
		String adapterPart = inspect.substring(0, inspect.indexOf("file=pytorch_model_head.bin"));
		Map<String, List<Long>> fixture = realAdapterHubShapes();
		Matcher line = Pattern.compile("(?m)^\\s+(\\S+)\\s+FloatStorage \\[([0-9, ]+)]").matcher(adapterPart);
		int listed = 0;
		while (line.find()) {
			List<Long> shape = Pattern.compile(",\\s*").splitAsStream(line.group(2)).map(Long::valueOf).toList();
			assertThat(fixture).containsEntry(line.group(1), shape);
			listed++;
		}
		assertThat(listed).isEqualTo(10);
		assertThat(adapterPart).contains("tensors=48").contains("params=894528");
		assertThat(fixture).hasSize(48);
	}

	@Test
	void countsHeadWeightsAndKeepsThemOutOfTheLayers() throws IOException {
		Map<String, SafetensorsHeader> weights = new LinkedHashMap<>(realAdapterHubWeights());
		Map<String, List<Long>> head = new LinkedHashMap<>();
		head.put("heads.md.1.weight", List.of(768L, 768L));
		head.put("heads.md.1.bias", List.of(768L));
		head.put("heads.md.4.weight", List.of(2L, 768L));
		head.put("heads.md.4.bias", List.of(2L));
		weights.put("model_head.safetensors", header(head));
		AdapterDescription description = describeRealAdapterHub(weights, BERT_BASE);
		assertThat(description.parameterCount()).isEqualTo(894_528 + 592_130);
		assertThat(description.layers()).hasSize(12);
		assertThat(description.violations()).isEmpty();
	}

	// LoRA fixtures

	@Test
	void reportsLoraMatricesOfTheWrongRank() {
		AdapterDescription description = AdapterInspector.describe(json(PEFT_LORA.replace("\"r\": 4", "\"r\": 8")),
				weights("adapter_model.safetensors", peftLora(1, 4, 384, "query")), null, null);
		assertThat(description.violations()).containsExactly(
				new Violation("base_model.model.encoder.layer.0.attention.self.query.lora_A.weight",
						"has shape [4, 384], but lora_A must be [r, in] with r = 8"),
				new Violation("base_model.model.encoder.layer.0.attention.self.query.lora_B.weight",
						"has shape [384, 4], but lora_B must be [out, r] with r = 8"));
	}

	@Test
	void reportsLoraMatricesWhoseRanksDisagree() {
		Map<String, List<Long>> shapes = peftLora(1, 4, 384, "query");
		shapes.put("base_model.model.encoder.layer.0.attention.self.query.lora_B.weight", List.of(384L, 2L));
		String config = PEFT_LORA.replace("\"r\": 4", "\"r\": 4, \"rank_pattern\": {\"query\": 2}");
		AdapterDescription description = AdapterInspector.describe(json(config),
				weights("adapter_model.safetensors", shapes), null, null);
		assertThat(description.violations())
			.containsExactly(new Violation("base_model.model.encoder.layer.0.attention.self.query.lora_B.weight",
					"has rank 2, but its lora_A has rank 4"));
		assertThat(description.hyperparameters()).containsEntry("rank_pattern", Map.of("query", 2));
	}

	@Test
	void reportsALoraAWithoutItsB() {
		Map<String, List<Long>> shapes = peftLora(2, 4, 384, "query", "value");
		shapes.remove("base_model.model.encoder.layer.1.attention.self.value.lora_B.weight");
		AdapterDescription description = AdapterInspector.describe(json(PEFT_LORA),
				weights("adapter_model.safetensors", shapes), null, MINILM);
		assertThat(description.violations())
			.containsExactly(new Violation("base_model.model.encoder.layer.1.attention.self.value.lora_A.weight",
					"has no matching lora_B tensor"));
	}

	@Test
	void reportsALoraBWithoutItsA() {
		Map<String, List<Long>> shapes = peftLora(1, 4, 384, "query");
		shapes.remove("base_model.model.encoder.layer.0.attention.self.query.lora_A.weight");
		AdapterDescription description = AdapterInspector.describe(json(PEFT_LORA),
				weights("adapter_model.safetensors", shapes), null, null);
		assertThat(description.violations())
			.containsExactly(new Violation("base_model.model.encoder.layer.0.attention.self.query.lora_B.weight",
					"has no matching lora_A tensor"));
	}

	@Test
	void reportsModulesThatTargetModulesDoesNotName() {
		AdapterDescription description = AdapterInspector.describe(json(PEFT_LORA),
				weights("adapter_model.safetensors", peftLora(1, 4, 384, "query", "key")), null, null);
		assertThat(description.violations())
			.containsExactly(new Violation("base_model.model.encoder.layer.0.attention.self.key.lora_A.weight",
					"adapts module attention.self.key, which target_modules [query, value] does not name"));
		assertThat(description.targetModules()).containsExactly("attention.self.key", "attention.self.query");
	}

	@Test
	void acceptsTargetModulesGivenAsARegularExpressionWithoutEvaluatingIt() {
		String config = PEFT_LORA.replace("[\"query\", \"value\"]", "\".*(query|key)$\"");
		AdapterDescription description = AdapterInspector.describe(json(config),
				weights("adapter_model.safetensors", peftLora(1, 4, 384, "query", "key")), null, null);
		assertThat(description.violations()).isEmpty();
		assertThat(description.hyperparameters()).containsEntry("target_modules", ".*(query|key)$");
	}

	@Test
	void reportsLayersThatLayersToTransformExcludes() {
		String config = PEFT_LORA.replace("\"r\": 4", "\"r\": 4, \"layers_to_transform\": [0]");
		AdapterDescription description = AdapterInspector.describe(json(config),
				weights("adapter_model.safetensors", peftLora(2, 4, 384, "query")), null, null);
		assertThat(description.violations())
			.containsExactly(new Violation("base_model.model.encoder.layer.1.attention.self.query.lora_A.weight",
					"is in layer 1, which layers_to_transform [0] excludes"));
	}

	@Test
	void checksFeedForwardLoraAgainstTheIntermediateSize() {
		Map<String, List<Long>> shapes = new LinkedHashMap<>();
		shapes.put("base_model.model.model.layers.0.mlp.up_proj.lora_A.weight", List.of(8L, 384L));
		shapes.put("base_model.model.model.layers.0.mlp.up_proj.lora_B.weight", List.of(1536L, 8L));
		shapes.put("base_model.model.model.layers.0.mlp.down_proj.lora_A.weight", List.of(8L, 1536L));
		shapes.put("base_model.model.model.layers.0.mlp.down_proj.lora_B.weight", List.of(384L, 8L));
		shapes.put("base_model.model.model.layers.0.self_attn.k_proj.lora_A.weight", List.of(8L, 384L));
		shapes.put("base_model.model.model.layers.0.self_attn.k_proj.lora_B.weight", List.of(128L, 8L));
		String config = "{\"peft_type\": \"LORA\", \"r\": 8, \"lora_alpha\": 16, \"use_rslora\": true, "
				+ "\"target_modules\": [\"up_proj\", \"down_proj\", \"k_proj\"]}";
		AdapterDescription fits = AdapterInspector.describe(json(config), weights("adapter_model.safetensors", shapes),
				null, MINILM);
		assertThat(fits.violations()).isEmpty();
		assertThat(fits.targetModules()).containsExactly("mlp.down_proj", "mlp.up_proj", "self_attn.k_proj");
		assertThat(fits.hyperparameters()).containsEntry("scaling", 16 / Math.sqrt(8));
		AdapterDescription wider = AdapterInspector.describe(json(config), weights("adapter_model.safetensors", shapes),
				null, new BaseModelDims(384, 6, 2048));
		assertThat(wider.violations()).containsExactly(
				new Violation("base_model.model.model.layers.0.mlp.down_proj.lora_A.weight",
						"has input size 1536, but mlp.down_proj takes the base model's intermediate size 2048"),
				new Violation("base_model.model.model.layers.0.mlp.up_proj.lora_B.weight",
						"has output size 1536, but mlp.up_proj outputs the base model's intermediate size 2048"));
	}

	@Test
	void checksAdapterHubLoraLayout() {
		String config = "{\"config\": {\"architecture\": \"lora\", \"r\": 8, \"alpha\": 16, \"attn_matrices\": "
				+ "[\"q\", \"v\"], \"selfattn_lora\": true, \"intermediate_lora\": false, \"output_lora\": false, "
				+ "\"dropout\": 0.0, \"composition_mode\": \"add\", \"leave_out\": []}, \"hidden_size\": 768, "
				+ "\"model_name\": \"roberta-base\", \"name\": \"my_lora\", \"version\": \"adapters.1.2.0\"}";
		Map<String, List<Long>> shapes = new LinkedHashMap<>();
		String prefix = "roberta.encoder.layer.0.attention.self.";
		shapes.put(prefix + "query.loras.my_lora.lora_A", List.of(8L, 768L));
		shapes.put(prefix + "query.loras.my_lora.lora_B", List.of(768L, 8L));
		shapes.put(prefix + "value.loras.my_lora.lora_A", List.of(4L, 768L));
		shapes.put(prefix + "value.loras.my_lora.lora_B", List.of(768L, 4L));
		AdapterDescription description = AdapterInspector.describe(json(config), weights("adapter.safetensors", shapes),
				null, BERT_BASE);
		assertThat(description.format()).isEqualTo("adapterhub");
		assertThat(description.method()).isEqualTo("lora");
		assertThat(description.adapterName()).isEqualTo("my_lora");
		assertThat(description.hyperparameters()).containsEntry("r", 8)
			.containsEntry("lora_alpha", 16)
			.containsEntry("scaling", 2.0)
			.containsEntry("attn_matrices", List.of("q", "v"));
		assertThat(description.targetModules()).containsExactly("attention.self.query", "attention.self.value");
		assertThat(description.violations()).containsExactly(
				new Violation(prefix + "value.loras.my_lora.lora_A",
						"has shape [4, 768], but lora_A must be [r, in] with r = 8"),
				new Violation(prefix + "value.loras.my_lora.lora_B",
						"has shape [768, 4], but lora_B must be [out, r] with r = 8"));
	}

	@Test
	void acceptsTheAdaptersLibrarysIa3WithOnlyBVectors() {
		String config = "{\"config\": {\"architecture\": \"lora\", \"composition_mode\": \"scale\", \"r\": 1, "
				+ "\"alpha\": 1, \"attn_matrices\": [\"k\", \"v\"], \"intermediate_lora\": true}, "
				+ "\"model_name\": \"bert-base-uncased\", \"name\": \"ia\"}";
		Map<String, List<Long>> shapes = new LinkedHashMap<>();
		shapes.put("bert.encoder.layer.0.attention.self.key.loras.ia.lora_B", List.of(768L, 1L));
		shapes.put("bert.encoder.layer.0.intermediate.dense.loras.ia.lora_B", List.of(3072L, 1L));
		AdapterDescription description = AdapterInspector.describe(json(config), weights("adapter.safetensors", shapes),
				null, BERT_BASE);
		assertThat(description.method()).isEqualTo("ia3");
		assertThat(description.violations()).isEmpty();
		assertThat(description.hyperparameters()).containsEntry("scaling", 1.0);
	}

	@Test
	void reportsAnInvalidRank() {
		AdapterDescription description = AdapterInspector.describe(
				json(PEFT_LORA.replace("\"r\": 4", "\"r\": \"four\"")),
				weights("adapter_model.safetensors", peftLora(1, 4, 384, "query")), null, null);
		assertThat(description.violations())
			.containsExactly(new Violation("/r", "is \"four\", but the LoRA rank must be a positive whole number"));
		assertThat(description.hyperparameters()).doesNotContainKeys("r", "scaling");
	}

	@Test
	void recognisesAPeftClassifierSavedThroughModulesToSave() {
		String config = "{\"peft_type\": \"LORA\", \"task_type\": \"SEQ_CLS\", \"r\": 4, \"lora_alpha\": 8, "
				+ "\"target_modules\": [\"query\"], \"modules_to_save\": [\"classifier\", \"score\"], "
				+ "\"base_model_name_or_path\": \"roberta-base\"}";
		Map<String, List<Long>> shapes = peftLora(1, 4, 768, "query");
		shapes.put("base_model.model.classifier.dense.weight", List.of(768L, 768L));
		shapes.put("base_model.model.classifier.dense.bias", List.of(768L));
		shapes.put("base_model.model.classifier.out_proj.weight", List.of(3L, 768L));
		shapes.put("base_model.model.classifier.out_proj.bias", List.of(3L));
		AdapterDescription description = AdapterInspector.describe(json(config),
				weights("adapter_model.safetensors", shapes), null, BERT_BASE);
		assertThat(description.hasHead()).isTrue();
		assertThat(description.headType()).isEqualTo("classification");
		assertThat(description.numLabels()).isEqualTo(3);
		assertThat(description.hyperparameters()).containsEntry("modules_to_save", List.of("classifier", "score"));
		assertThat(description.violations()).isEmpty();
	}

	// Bottleneck fixtures

	@Test
	void describesAHandWrittenSeqBnAdapter() {
		AdapterDescription description = AdapterInspector.describe(json(SEQ_BN),
				weights("adapter.safetensors", bottleneck("sst", "output", 768, 48, range(12))), null, BERT_BASE);
		assertThat(description.method()).isEqualTo("seq_bn");
		assertThat(description.hyperparameters()).containsEntry("bottleneck_size", 48L);
		assertThat(description.parameterCount()).isEqualTo(894_528);
		assertThat(description.violations()).isEmpty();
	}

	@Test
	void reportsAWrongBottleneckSize() {
		Map<String, List<Long>> shapes = bottleneck("sst", "output", 768, 48, 0, 1, 2);
		shapes.putAll(bottleneck("sst", "output", 768, 40, 3));
		AdapterDescription description = AdapterInspector.describe(json(SEQ_BN), weights("adapter.safetensors", shapes),
				null, null);
		assertThat(description.violations())
			.containsExactly(new Violation("bert.encoder.layer.3.output.adapters.sst.adapter_down.0.weight",
					"has bottleneck size 40, but hidden size 768 // reduction_factor 16 gives 48"));
		assertThat(description.hyperparameters()).containsEntry("bottleneck_size", 48L);
	}

	@Test
	void infersTheBottleneckSizeFromTheWeightsWhenTheHiddenSizeIsUnknown() {
		String config = SEQ_BN.replace("\"hidden_size\": 768,", "");
		AdapterDescription description = AdapterInspector.describe(json(config),
				weights("adapter.safetensors", bottleneck("sst", "output", 1024, 64, 0, 1)), null, null);
		assertThat(description.hyperparameters()).containsEntry("bottleneck_size", 64L);
		assertThat(description.violations()).isEmpty();
	}

	@Test
	void reportsAnUpProjectionThatDoesNotMirrorTheDownProjection() {
		Map<String, List<Long>> shapes = bottleneck("sst", "output", 768, 48, 0);
		shapes.put("bert.encoder.layer.0.output.adapters.sst.adapter_up.weight", List.of(768L, 40L));
		AdapterDescription description = AdapterInspector.describe(json(SEQ_BN), weights("adapter.safetensors", shapes),
				null, null);
		assertThat(description.violations())
			.containsExactly(new Violation("bert.encoder.layer.0.output.adapters.sst.adapter_up.weight",
					"has shape [768, 40], but adapter_up must mirror adapter_down's [48, 768] as "
							+ "[hidden, bottleneck] = [768, 48]"));
	}

	@Test
	void reportsAMissingUpProjection() {
		Map<String, List<Long>> shapes = bottleneck("sst", "output", 768, 48, 0);
		shapes.remove("bert.encoder.layer.0.output.adapters.sst.adapter_up.weight");
		AdapterDescription description = AdapterInspector.describe(json(SEQ_BN), weights("adapter.safetensors", shapes),
				null, null);
		assertThat(description.violations()).containsExactly(new Violation(
				"bert.encoder.layer.0.output.adapters.sst.adapter_down.0.weight", "has no matching adapter_up weight"));
	}

	@Test
	void reportsALayerBeyondTheBaseModel() {
		AdapterDescription description = AdapterInspector.describe(json(SEQ_BN),
				weights("adapter.safetensors", bottleneck("sst", "output", 768, 48, range(13))), null, BERT_BASE);
		assertThat(description.violations()).hasSize(4)
			.first()
			.isEqualTo(new Violation("bert.encoder.layer.12.output.adapters.sst.adapter_down.0.bias",
					"is in layer 12, but the base model has 12 layers (0 to 11)"));
	}

	@Test
	void reportsAHiddenSizeOtherThanTheBaseModels() {
		AdapterDescription description = AdapterInspector.describe(json(SEQ_BN),
				weights("adapter.safetensors", bottleneck("sst", "output", 768, 48, 0)), null,
				new BaseModelDims(1024, 24, 4096));
		assertThat(description.violations())
			.containsExactly(new Violation("bert.encoder.layer.0.output.adapters.sst.adapter_down.0.weight",
					"takes inputs of size 768, but the base model's hidden size is 1024"));
	}

	@Test
	void reportsAdaptersAfterTheAttentionBlockWhenMhAdapterIsFalse() {
		Map<String, List<Long>> shapes = bottleneck("sst", "output", 768, 48, 0, 1);
		shapes.putAll(bottleneck("sst", "attention.output", 768, 48, 0, 1));
		AdapterDescription description = AdapterInspector.describe(json(SEQ_BN), weights("adapter.safetensors", shapes),
				null, null);
		assertThat(description.violations())
			.containsExactly(new Violation("bert.encoder.layer.0.attention.output.adapters.sst.adapter_down.0.bias",
					"is an adapter after the attention block, but mh_adapter is false "
							+ "(as are 1 more adapter modules)"));
		assertThat(description.targetModules()).containsExactly("attention.output", "output");
	}

	@Test
	void reportsAMissingAttentionAdapterForHoulsby() {
		String houlsby = SEQ_BN.replace("\"mh_adapter\": false", "\"mh_adapter\": true")
			.replace("\"original_ln_before\": true", "\"original_ln_before\": false");
		AdapterDescription onlyOutput = AdapterInspector.describe(json(houlsby),
				weights("adapter.safetensors", bottleneck("sst", "output", 768, 48, 0)), null, null);
		assertThat(onlyOutput.method()).isEqualTo("double_seq_bn");
		assertThat(onlyOutput.violations()).containsExactly(new Violation("/config/mh_adapter",
				"is true, but no tensor holds an adapter after the attention block"));
		Map<String, List<Long>> both = bottleneck("sst", "output", 768, 48, 0);
		both.putAll(bottleneck("sst", "attention.output", 768, 48, 0));
		assertThat(AdapterInspector.describe(json(houlsby), weights("adapter.safetensors", both), null, BERT_BASE)
			.violations()).isEmpty();
	}

	@Test
	void appliesFloatAndPerLayerReductionFactors() {
		String floating = SEQ_BN.replace("\"reduction_factor\": 16", "\"reduction_factor\": 2.0");
		assertThat(AdapterInspector
			.describe(json(floating), weights("adapter.safetensors", bottleneck("sst", "output", 768, 384, 0)), null,
					null)
			.violations()).isEmpty();
		String perLayer = SEQ_BN.replace("\"reduction_factor\": 16",
				"\"reduction_factor\": {\"1\": 8, \"default\": 16}");
		Map<String, List<Long>> shapes = bottleneck("sst", "output", 768, 48, 0);
		shapes.putAll(bottleneck("sst", "output", 768, 96, 1));
		AdapterDescription description = AdapterInspector.describe(json(perLayer),
				weights("adapter.safetensors", shapes), null, null);
		assertThat(description.violations()).isEmpty();
		assertThat(description.hyperparameters()).containsEntry("bottleneck_size", 48L);
	}

	@Test
	void roundsTheBottleneckSizeDownAsTheLibraryDoes() {
		String odd = SEQ_BN.replace("\"reduction_factor\": 16", "\"reduction_factor\": 5")
			.replace("\"hidden_size\": 768", "\"hidden_size\": 1000");
		assertThat(AdapterInspector
			.describe(json(odd), weights("adapter.safetensors", bottleneck("sst", "output", 1000, 200, 0)), null, null)
			.violations()).isEmpty();
		String fraction = SEQ_BN.replace("\"reduction_factor\": 16", "\"reduction_factor\": 7");
		assertThat(AdapterInspector
			.describe(json(fraction), weights("adapter.safetensors", bottleneck("sst", "output", 768, 109, 0)), null,
					null)
			.violations()).isEmpty();
	}

	@Test
	void reportsWeightsOfAnotherAdapterName() {
		AdapterDescription description = AdapterInspector.describe(json(SEQ_BN),
				weights("adapter.safetensors", bottleneck("other", "output", 768, 48, 0)), null, null);
		assertThat(description.violations())
			.containsExactly(new Violation("bert.encoder.layer.0.output.adapters.other.adapter_down.0.bias",
					"belongs to adapter other, but the config names sst"));
	}

	@Test
	void reportsWeightsInLeftOutLayers() {
		String config = SEQ_BN.replace("\"leave_out\": []", "\"leave_out\": [1]");
		AdapterDescription description = AdapterInspector.describe(json(config),
				weights("adapter.safetensors", bottleneck("sst", "output", 768, 48, 0, 1)), null, null);
		assertThat(description.violations()).hasSize(4)
			.allSatisfy(
					(violation) -> assertThat(violation.reason()).isEqualTo("is in layer 1, which leave_out excludes"));
	}

	// Other methods, formats and files

	@Test
	void keepsAnUnknownMethodByNameWithoutCheckingShapes() {
		String config = "{\"peft_type\": \"FANCY_NEW\", \"r\": 3, \"target_modules\": [\"q\"], "
				+ "\"base_model_name_or_path\": \"org/base\"}";
		Map<String, List<Long>> shapes = new LinkedHashMap<>();
		shapes.put("base_model.model.layers.0.q.fancy_thing", List.of(7L, 5L));
		AdapterDescription description = AdapterInspector.describe(json(config),
				weights("adapter_model.safetensors", shapes), null, null);
		assertThat(description.method()).isEqualTo("fancy_new");
		assertThat(description.hyperparameters()).containsExactly(Map.entry("r", 3),
				Map.entry("target_modules", List.of("q")));
		assertThat(description.layers()).containsExactly(0);
		assertThat(description.targetModules()).isEmpty();
		assertThat(description.violations()).isEmpty();
	}

	@Test
	void summarisesPeftPromptTuning() {
		String config = "{\"peft_type\": \"PROMPT_TUNING\", \"num_virtual_tokens\": 20, \"token_dim\": 768, "
				+ "\"num_transformer_submodules\": 1, \"prompt_tuning_init\": \"RANDOM\", \"task_type\": \"CAUSAL_LM\"}";
		AdapterDescription description = AdapterInspector.describe(json(config),
				weights("adapter_model.safetensors", Map.of("prompt_embeddings", List.of(20L, 768L))), null, null);
		assertThat(description.method()).isEqualTo("prompt_tuning");
		assertThat(description.hyperparameters()).containsExactly(Map.entry("num_virtual_tokens", 20),
				Map.entry("token_dim", 768), Map.entry("num_transformer_submodules", 1),
				Map.entry("prompt_tuning_init", "RANDOM"), Map.entry("task_type", "CAUSAL_LM"));
		assertThat(description.parameterCount()).isEqualTo(15_360);
	}

	@Test
	void describesAConfigOfNoKnownFormat() {
		AdapterDescription description = AdapterInspector.describe(json("{\"hello\": 1}"), Map.of(), null, null);
		assertThat(description.format()).isEqualTo("unknown");
		assertThat(description.method()).isEqualTo("unknown");
		assertThat(description.parameterCount()).isZero();
		assertThat(description.violations()).isEmpty();
	}

	@Test
	void reportsATensorInTwoWeightFiles() {
		Map<String, SafetensorsHeader> files = new LinkedHashMap<>();
		files.put("a.safetensors", header(peftLora(1, 4, 384, "query")));
		files.put("b.safetensors", header(peftLora(1, 4, 384, "query")));
		AdapterDescription description = AdapterInspector.describe(json(PEFT_LORA), files, null, null);
		assertThat(description.violations()).containsExactly(
				new Violation("base_model.model.encoder.layer.0.attention.self.query.lora_A.weight",
						"appears in both a.safetensors and b.safetensors"),
				new Violation("base_model.model.encoder.layer.0.attention.self.query.lora_B.weight",
						"appears in both a.safetensors and b.safetensors"));
		assertThat(description.parameterCount()).isEqualTo(2 * 4 * 384);
	}

	@Test
	void rejectsWithTheViolations() {
		AdapterDescription description = AdapterInspector.describe(json(PEFT_LORA.replace("\"r\": 4", "\"r\": 8")),
				weights("adapter_model.safetensors", peftLora(1, 4, 384, "query")), null, null);
		FormatException rejection = AdapterInspector.reject(description);
		assertThat(rejection.kind()).isEqualTo("inconsistent-adapter");
		assertThat(rejection.violations()).isEqualTo(description.violations());
		assertThat(rejection.getMessage()).isEqualTo(
				"Inconsistent adapter: " + "base_model.model.encoder.layer.0.attention.self.query.lora_A.weight: "
						+ "has shape [4, 384], but lora_A must be [r, in] with r = 8 (and 1 more)");
	}

	@Test
	void refusesToRejectAConsistentAdapter() {
		AdapterDescription description = AdapterInspector.describe(json(PEFT_LORA),
				weights("adapter_model.safetensors", peftLora(1, 4, 384, "query")), null, null);
		assertThatIllegalArgumentException().isThrownBy(() -> AdapterInspector.reject(description));
	}

	@Test
	void refusesNonPositiveDims() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BaseModelDims(0, 12, 3072));
	}

	// Random configs and weights

	@Property(tries = 400)
	void describesAnythingWithoutThrowing(@ForAll("configs") ObjectNode config,
			@ForAll("weightFiles") List<Map<String, List<Long>>> files, @ForAll("headConfigs") JsonNode head,
			@ForAll("dims") List<Integer> dims) {
		Map<String, SafetensorsHeader> weights = new LinkedHashMap<>();
		for (int i = 0; i < files.size(); i++) {
			weights.put("file" + i + ".safetensors", header(files.get(i)));
		}
		BaseModelDims baseModel = dims.isEmpty() ? null : new BaseModelDims(dims.get(0), dims.get(1), dims.get(2));
		ObjectNode headConfig = (head instanceof ObjectNode object) ? object : null;
		AdapterDescription description = AdapterInspector.describe(config, weights, headConfig, baseModel);
		assertThat(description.toMap()).containsKey("violations");
		assertThat(description.method()).isNotBlank();
		assertThat(description.violations()).hasSizeLessThanOrEqualTo(Violations.LIMIT + 1);
		if (!description.isConsistent()) {
			assertThat(AdapterInspector.reject(description).kind()).isEqualTo(AdapterInspector.KIND);
		}
	}

	@Provide
	Arbitrary<ObjectNode> configs() {
		Arbitrary<Map<String, JsonNode>> settings = Arbitraries.maps(Arbitraries.of(SETTING_KEYS), values())
			.ofMaxSize(10);
		Arbitrary<String> peftType = Arbitraries.of("LORA", "IA3", "PROMPT_TUNING", "PREFIX_TUNING", "ADALORA", "",
				"weird type \u0001", "lora");
		return Combinators.combine(Arbitraries.integers().between(0, 2), settings, settings, peftType)
			.as((format, top, nested, type) -> {
				ObjectNode config = JsonNodeFactory.instance.objectNode();
				top.forEach(config::set);
				if (format == 0) {
					config.put("peft_type", type);
				}
				else if (format == 1) {
					ObjectNode inner = config.putObject("config");
					nested.forEach(inner::set);
				}
				return config;
			});
	}

	private static final List<String> SETTING_KEYS = List.of("r", "lora_alpha", "alpha", "use_rslora", "target_modules",
			"rank_pattern", "layers_to_transform", "modules_to_save", "task_type", "architecture", "composition_mode",
			"attn_matrices", "mh_adapter", "output_adapter", "reduction_factor", "phm_layer", "is_parallel",
			"leave_out", "non_linearity", "hidden_size", "name", "model_name", "base_model_name_or_path", "using",
			"config", "head_type", "num_labels");

	private static Arbitrary<JsonNode> values() {
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		return Arbitraries.of(nodes.numberNode(0), nodes.numberNode(1), nodes.numberNode(4), nodes.numberNode(16),
				nodes.numberNode(-3), nodes.numberNode(2.0), nodes.numberNode(0.5), nodes.numberNode(Double.NaN),
				nodes.numberNode(Long.MAX_VALUE), nodes.numberNode(new java.math.BigInteger("99999999999999999999")),
				nodes.numberNode(1e300), nodes.booleanNode(true), nodes.booleanNode(false), nodes.nullNode(),
				nodes.stringNode("lora"), nodes.stringNode("scale"), nodes.stringNode("md"),
				nodes.stringNode("SEQ_CLS"), nodes.stringNode("classification"), nodes.stringNode("pfeiffer"),
				nodes.stringNode(""), nodes.arrayNode().add("query").add("value"), nodes.arrayNode().add(0).add(1),
				nodes.arrayNode().add("q").add("k").add("v"), nodes.arrayNode().add("classifier"),
				nodes.arrayNode().add(nodes.objectNode()), nodes.objectNode().put("1", 8).put("default", 16),
				nodes.objectNode().put("default", "x"), nodes.objectNode().put("query", 2),
				nodes.objectNode().put("query", -1), nodes.objectNode());
	}

	@Provide
	Arbitrary<List<Map<String, List<Long>>>> weightFiles() {
		Arbitrary<String> name = Combinators
			.combine(
					Arbitraries.of("base_model.model.encoder.layer.", "bert.encoder.layer.", "model.layers.", "h.",
							"heads.md.", "", "transformer.h.", "model.decoder.layers."),
					Arbitraries.of("0", "1", "5", "11", "12", "99999999999", "", "x"),
					Arbitraries.of(".attention.self.query", ".attention.self.value", ".output", ".attention.output",
							".mlp.up_proj", ".mlp.down_proj", ".classifier", ".attn.c_attn", ".intermediate.dense",
							".self_attn.k_proj", "", ".cross_attention_adapters", ".experts.0.w1"),
					Arbitraries.of(".lora_A.weight", ".lora_B.weight", ".loras.md.lora_A", ".loras.md.lora_B",
							".adapters.md.adapter_down.0.weight", ".adapters.md.adapter_down.1.weight",
							".adapters.md.adapter_down.0.bias", ".adapters.md.adapter_up.weight",
							".adapters.md.adapter_up.bias", ".adapters.x.adapter_down.0.weight", ".adapters",
							".adapters.md", ".ia3_l", ".weight", ".lora_A.bias", ".lora_embedding_A",
							".lora_A.default.weight", "", "."))
			.as((prefix, layer, module, part) -> prefix + layer + module + part)
			.filter((tensorName) -> !tensorName.isEmpty());
		Arbitrary<List<Long>> shape = Arbitraries.of(0L, 1L, 2L, 4L, 8L, 48L, 64L).list().ofMaxSize(3);
		return Arbitraries.maps(name, shape).ofMaxSize(12).list().ofMaxSize(2);
	}

	@Provide
	Arbitrary<JsonNode> headConfigs() {
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		ObjectNode full = nodes.objectNode();
		full.putObject("config").put("head_type", "classification").put("num_labels", 2);
		ObjectNode odd = nodes.objectNode();
		odd.put("config", "not an object").put("num_labels", "two");
		return Arbitraries.of(nodes.nullNode(), full, odd, nodes.objectNode());
	}

	@Provide
	Arbitrary<List<Integer>> dims() {
		return Arbitraries.oneOf(Arbitraries.just(List.of()),
				Arbitraries.of(1, 4, 8, 48, 64, 384, 768).list().ofSize(3));
	}

	private static AdapterDescription describeRealPeft(BaseModelDims dims) throws IOException {
		ObjectNode config = AdapterFixtures.shared(PEFT_DIR + "adapter_config.json");
		SafetensorsHeader header = AdapterFixtures.sharedHeader(PEFT_DIR + "adapter_model.safetensors");
		return AdapterInspector.describe(config, Map.of("adapter_model.safetensors", header), null, dims);
	}

	private static AdapterDescription describeRealAdapterHub(Map<String, SafetensorsHeader> weights, BaseModelDims dims)
			throws IOException {
		ObjectNode config = AdapterFixtures.shared(ADAPTERHUB_DIR + "adapter_config.json");
		ObjectNode head = AdapterFixtures.shared(ADAPTERHUB_DIR + "head_config.json");
		return AdapterInspector.describe(config, weights, head, dims);
	}

	/**
	 * The real adapter's weights are a pickle; this is a safetensors file with the same
	 * tensor names and shapes, as its INSPECT.txt lists them.
	 */
	private static Map<String, SafetensorsHeader> realAdapterHubWeights() {
		return weights("adapter.safetensors", realAdapterHubShapes());
	}

	private static Map<String, List<Long>> realAdapterHubShapes() {
		return bottleneck("md", "output", 768, 48, range(12));
	}

}
