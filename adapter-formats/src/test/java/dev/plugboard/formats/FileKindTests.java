package dev.plugboard.formats;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class FileKindTests {

	@ParameterizedTest
	@CsvSource({ "adapter_config.json, ADAPTER_CONFIG", "sub/adapter_config.json, JSON", "head_config.json, JSON",
			"adapter_model.safetensors, SAFETENSORS", "x/Model.SafeTensors, SAFETENSORS", "pytorch_adapter.bin, PICKLE",
			"model.pt, PICKLE", "model.PTH, PICKLE", "a.pkl, PICKLE", "a.pickle, PICKLE", "last.ckpt, PICKLE",
			"model.joblib, PICKLE", "README.md, TEXT", "notes.txt, TEXT", "vocab.model, OTHER", ".gitattributes, OTHER",
			"config.json.bak, OTHER" })
	void classifiesByPath(String path, FileKind kind) {
		assertThat(FileKind.of(path)).isEqualTo(kind);
	}

	@Test
	void refusesPickleWithAnExplanationAndTheSafeAlternative() {
		FormatException refusal = PickleWeights.refusal("pytorch_adapter.bin");
		assertThat(refusal.kind()).isEqualTo("pickle-weights");
		assertThat(refusal.getMessage()).contains("pytorch_adapter.bin")
			.contains("executes arbitrary code")
			.contains("safetensors");
		assertThat(refusal.violations()).singleElement()
			.satisfies((violation) -> assertThat(violation.subject()).isEqualTo("pytorch_adapter.bin"));
	}

}
