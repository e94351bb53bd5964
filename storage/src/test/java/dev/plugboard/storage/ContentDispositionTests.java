package dev.plugboard.storage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContentDispositionTests {

	@Test
	void asciiNamesAreQuotedAndEncoded() {
		assertThat(ContentDisposition.attachment("adapter v1.safetensors"))
			.isEqualTo("attachment; filename=\"adapter v1.safetensors\"; filename*=UTF-8''adapter%20v1.safetensors");
	}

	@Test
	void nonAsciiNamesGetAnAsciiFallback() {
		assertThat(ContentDisposition.attachment("modèle.bin"))
			.isEqualTo("attachment; filename=\"mod_le.bin\"; filename*=UTF-8''mod%C3%A8le.bin");
	}

	@Test
	void quotesAndPathsCannotEscapeTheParameter() {
		assertThat(ContentDisposition.attachment("../etc/pa\"ss\r\nwd"))
			.isEqualTo("attachment; filename=\"pa_ss__wd\"; filename*=UTF-8''pa%22ss%0D%0Awd");
		assertThat(ContentDisposition.attachment("dir/")).startsWith("attachment; filename=\"download\"");
	}

}
