package dev.plugboard.registry;

import java.util.Map;

import dev.plugboard.registry.HubClient.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser that asks for a page that does not exist gets a page; every other client, and
 * every API path, keeps the problem document.
 */
class MissingPageIT extends HubTestSupport {

	private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	@Test
	void aBrowserGetsAFriendlyPage() {
		Response response = this.hub.get("/nope/deeper", Map.of("Accept", BROWSER));
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.header("Content-Type")).startsWith("text/html");
		assertThat(response.text()).contains("Page not found")
			.contains("There is no page at /nope/deeper")
			.contains("href=\"/search\"");
		assertThat(response.header("Content-Security-Policy")).isNotNull();
	}

	@Test
	void apiPathsKeepTheProblemDocumentEvenForABrowser() {
		Response response = this.hub.get("/api/v1/nothing-here", Map.of("Accept", BROWSER));
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.problemType()).isEqualTo("not-found");
	}

	@Test
	void clientsThatDoNotAskForHtmlKeepTheProblemDocument() {
		for (String accept : new String[] { "*/*", "application/json", "text/html;q=0" }) {
			Response response = this.hub.get("/nope", Map.of("Accept", accept));
			assertThat(response.status()).as(accept).isEqualTo(404);
			assertThat(response.header("Content-Type")).as(accept).startsWith("application/problem+json");
		}
		assertThat(this.hub.get("/nope").problemType()).isEqualTo("not-found");
	}

}
