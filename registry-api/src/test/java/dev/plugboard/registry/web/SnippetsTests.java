package dev.plugboard.registry.web;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SnippetsTests {

	private static final String HUB = "http://hub.example:8080";

	@Test
	void cliOptionsFollowTheSubcommand() {
		assertThat(code(snippets(List.of("adapter_config.json")), "cli"))
			.isEqualTo("plugboard pull ukp/sst2-lora@1.0.0 --hub " + HUB);
	}

	@Test
	void javaPullsTheBaseModelAndStitchesTheAdapterByName() {
		String java = code(snippets(List.of("adapter_config.json")), "java");
		assertThat(java).contains("PlugboardClient.builder(\"" + HUB + "\").build()")
			.contains("AdaptedModel.pull(hub, \"bert-base-uncased\")")
			.contains("model.loadAdapter(\"ukp/sst2-lora@1.0.0\")")
			.contains("model.activate(adapter.name())")
			.contains("model.classify(List.of(");
	}

	@Test
	void javaNamesAPlaceholderWhenTheBaseModelIsUnknown() {
		String java = code(Snippets.of(HUB, "ukp/sst2-lora", "1.0.0", "lora", null, List.of("a.json")), "java");
		assertThat(java).contains("AdaptedModel.pull(hub, \"<base model repository>\")");
	}

	@Test
	void curlFetchesEachFileByItsOwnPathEncodedPerSegment() {
		String curl = code(
				snippets(List.of("adapter_config.json", "head/config.json", "weights/a b#1.safetensors", "it's.txt")),
				"curl");
		String files = "'" + HUB + "/api/v1/adapters/ukp/sst2-lora/versions/1.0.0/files/";
		assertThat(curl.lines()).containsExactly("mkdir -p ukp_sst2-lora-1.0.0 && cd ukp_sst2-lora-1.0.0",
				"curl -fL --create-dirs -o 'adapter_config.json' " + files + "adapter_config.json'",
				"curl -fL --create-dirs -o 'head/config.json' " + files + "head/config.json'",
				"curl -fL --create-dirs -o 'weights/a b#1.safetensors' " + files + "weights/a%20b%231.safetensors'",
				"curl -fL --create-dirs -o 'it'\\''s.txt' " + files + "it'\\''s.txt'");
	}

	@Test
	void pythonUsesPeftForLoraAndAdaptersOtherwise() {
		assertThat(snippets(List.of("a.json")).all()).extracting(Snippets.Snippet::label).contains("Python (peft)");
		Snippets bottleneck = Snippets.of(HUB, "ukp/sst2-pfeiffer", "1.0.0", "seq_bn", "bert-base-uncased",
				List.of("a.json"));
		assertThat(code(bottleneck, "python")).contains("AutoAdapterModel.from_pretrained(\"bert-base-uncased\")");
	}

	private static Snippets snippets(List<String> files) {
		return Snippets.of(HUB, "ukp/sst2-lora", "1.0.0", "lora", "bert-base-uncased", files);
	}

	private static String code(Snippets snippets, String id) {
		Map<String, String> byId = snippets.all()
			.stream()
			.collect(Collectors.toMap(Snippets.Snippet::id, Snippets.Snippet::code));
		return byId.get(id);
	}

}
