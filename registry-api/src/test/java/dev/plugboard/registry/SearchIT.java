package dev.plugboard.registry;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.plugboard.registry.HubClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Search through the running hub: changes become searchable quickly, bad input is a 400,
 * never a 500.
 */
class SearchIT extends HubTestSupport {

	@Test
	void aPublishedAdapterIsFoundWithinASecondOrTwo() throws InterruptedException {
		String ns = uniqueNamespace("search");
		createAdapter(ns, "zebra-sentiment", """
				"description": "Classifies the sentiment of zebra-related product reviews as positive or negative.",
				"task": "sentiment", "subtask": "zebra-reviews", "model_name": "bert-base-uncased",
				"method": "lora", "languages": ["en"], "license": "mit\"""");
		this.hub.publish("/api/v1/adapters/" + ns + "/zebra-sentiment/versions/1", adminToken(),
				AdapterFixtures.lora(31f));
		long start = System.nanoTime();
		JsonNode found = null;
		while (System.nanoTime() - start < 10_000_000_000L) {
			JsonNode result = this.hub.get("/api/v1/search?q=zebra&namespace=" + ns).json();
			if (result.path("hits").size() > 0) {
				found = result;
				break;
			}
			Thread.sleep(100);
		}
		assertThat(found).as("searchable after publishing").isNotNull();
		System.out.println("Searchable after " + (System.nanoTime() - start) / 1_000_000 + " ms");
		JsonNode hit = found.path("hits").get(0);
		assertThat(hit.path("id").asString()).isEqualTo(ns + "/zebra-sentiment");
		assertThat(hit.path("model_name").asString()).isEqualTo("bert-base-uncased");
		assertThat(found.path("facets").path("method").path("lora").asLong()).isEqualTo(1);

		for (String mode : List.of("keyword", "semantic", "hybrid")) {
			Response response = this.hub.get("/api/v1/search?q=" + encode("opinions about zebra products") + "&mode="
					+ mode + "&namespace=" + ns + "&method=lora&language=en&license=mit");
			assertThat(response.status()).as(mode).isEqualTo(200);
		}
		Response filteredOut = this.hub.get("/api/v1/search?q=zebra&namespace=" + ns + "&method=seq_bn");
		assertThat(filteredOut.json().path("hits")).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"", "(", "*:*", "a AND", "title:x", ")))", "[a TO", "~", "\\", "?", "" })
	void malformedQueriesStillAnswer(String query) {
		for (String mode : List.of("keyword", "semantic", "hybrid")) {
			Response response = this.hub.get("/api/v1/search?q=" + encode(query) + "&mode=" + mode);
			assertThat(response.status()).as(mode + " " + query + " → " + response).isEqualTo(200);
		}
	}

	@Test
	void badParametersAreProblems() {
		assertProblem(this.hub.get("/api/v1/search?q=" + "x".repeat(2000)));
		assertProblem(this.hub.get("/api/v1/search?q=x&limit=-1"));
		assertProblem(this.hub.get("/api/v1/search?q=x&limit=100000"));
		assertProblem(this.hub.get("/api/v1/search?q=x&colour=blue"));
		assertProblem(this.hub.get("/api/v1/search?q=x&mode=fuzzy"));
		assertProblem(this.hub.get("/api/v1/search?q=x&sort=alphabetical"));
		assertProblem(this.hub.get("/api/v1/search?q=x&cursor=tampered"));
		assertThat(this.hub.get("/api/v1/search?q=x&limit=abc").status()).isEqualTo(400);
	}

	private static void assertProblem(Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.problemType()).isEqualTo("invalid-search");
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
