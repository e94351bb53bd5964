package dev.plugboard.registry.identity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenAliasTests {

	@Test
	void anHfTokenStandsForThePlugboardSecretWithItsPrefixSwappedOrForItsRest() {
		assertThat(TokenService.huggingFaceAliases("hf_AbC-123")).containsExactly("pb_AbC-123", "AbC-123");
		assertThat(TokenService.huggingFaceAliases("hf_pb_AbC")).containsExactly("pb_AbC");
	}

	@Test
	void otherTokensHaveNoAlias() {
		assertThat(TokenService.huggingFaceAliases("pb_AbC")).isEmpty();
		assertThat(TokenService.huggingFaceAliases("hf_")).isEmpty();
		assertThat(TokenService.huggingFaceAliases("secret")).isEmpty();
	}

}
