package dev.plugboard.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.plugboard.search.AdapterDocument;

/**
 * Requests search pages one after another from a loopback client, rotating through what
 * users do on the page: search text, text with a facet filter, text with another sort,
 * both, browsing without text (filter and sort over the whole catalog, the widest facet
 * count), and following a result list's "next page" link. Every text is used once, so
 * each text search pays one real MiniLM query embedding, as a new query does.
 */
final class PageLoad {

	enum Scenario {

		TEXT, TEXT_FILTER, TEXT_SORT, TEXT_FILTER_SORT, BROWSE, NEXT_PAGE

	}

	/**
	 * One page request.
	 *
	 * @param serverMs from the hub's Server-Timing header
	 * @param clientMs request sent to last byte received, over loopback
	 */
	record Sample(Scenario scenario, double serverMs, double clientMs, int cards, long total) {
	}

	private static final List<String> SORTS = List.of("downloads", "recent", "score");

	private static final Pattern NEXT = Pattern.compile("<a href=\"([^\"]+)\" rel=\"next\">");

	private static final Pattern TOTAL = Pattern.compile("<span>([\\d,]+)</span> adapters");

	private static final Pattern SERVER_TIMING = Pattern.compile("page;dur=([\\d.]+)");

	private final HttpClient client;

	private final URI base;

	private final List<String> texts;

	private final List<AdapterDocument> documents;

	private final Random random;

	private int nextText;

	private String nextPage;

	PageLoad(HttpClient client, URI base, List<String> texts, List<AdapterDocument> documents, long seed) {
		this.client = client;
		this.base = base;
		this.texts = texts;
		this.documents = documents;
		this.random = new Random(seed);
	}

	/** Texts used so far. */
	int textsUsed() {
		return this.nextText;
	}

	List<Sample> run(int requests) throws IOException, InterruptedException {
		List<Sample> samples = new ArrayList<>(requests);
		Scenario[] scenarios = Scenario.values();
		for (int i = 0; i < requests; i++) {
			samples.add(request(scenarios[i % scenarios.length]));
		}
		return samples;
	}

	private Sample request(Scenario scenario) throws IOException, InterruptedException {
		String pathAndQuery = switch (scenario) {
			case TEXT -> "/search?q=" + encode(text());
			case TEXT_FILTER -> "/search?q=" + encode(text()) + "&" + filter();
			case TEXT_SORT -> "/search?q=" + encode(text()) + "&sort=" + sort();
			case TEXT_FILTER_SORT -> "/search?q=" + encode(text()) + "&" + filter() + "&sort=" + sort();
			case BROWSE -> "/search?" + filter() + "&sort=" + sort();
			case NEXT_PAGE -> (this.nextPage != null) ? this.nextPage : "/search?q=" + encode(text());
		};
		HttpRequest request = HttpRequest.newBuilder(this.base.resolve(pathAndQuery))
			.header("Accept", "text/html")
			.timeout(Duration.ofSeconds(30))
			.build();
		long start = System.nanoTime();
		HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
		double clientMs = (System.nanoTime() - start) / 1e6;
		if (response.statusCode() != 200) {
			throw new IllegalStateException(pathAndQuery + " answered " + response.statusCode());
		}
		String html = response.body();
		Matcher timing = SERVER_TIMING.matcher(response.headers().firstValue("Server-Timing").orElse(""));
		if (!timing.find()) {
			throw new IllegalStateException("No Server-Timing header on " + pathAndQuery);
		}
		Matcher total = TOTAL.matcher(html);
		if (!total.find()) {
			throw new IllegalStateException("No result count on " + pathAndQuery);
		}
		if (scenario == Scenario.TEXT) {
			Matcher next = NEXT.matcher(html);
			this.nextPage = next.find() ? next.group(1).replace("&amp;", "&") : null;
		}
		return new Sample(scenario, Double.parseDouble(timing.group(1)), clientMs,
				count(html, "<article class=\"card\">"), Long.parseLong(total.group(1).replace(",", "")));
	}

	private String text() {
		if (this.nextText >= this.texts.size()) {
			throw new IllegalStateException("Ran out of distinct query texts (" + this.texts.size() + ")");
		}
		return this.texts.get(this.nextText++);
	}

	private String sort() {
		return SORTS.get(this.random.nextInt(SORTS.size()));
	}

	/** A facet filter with a value drawn from the corpus's own distribution. */
	private String filter() {
		record Facet(String parameter, Function<AdapterDocument, String> value) {
		}
		List<Facet> facets = List.of(new Facet("task", AdapterDocument::task),
				new Facet("subtask", AdapterDocument::subtask), new Facet("base_model", AdapterDocument::baseModel),
				new Facet("method", AdapterDocument::method),
				new Facet("language", (d) -> d.languages().isEmpty() ? null : d.languages().get(0)),
				new Facet("license", AdapterDocument::license), new Facet("namespace", AdapterDocument::namespace));
		Facet facet = facets.get(this.random.nextInt(facets.size()));
		for (int attempt = 0; attempt < 100_000; attempt++) {
			String value = facet.value().apply(this.documents.get(this.random.nextInt(this.documents.size())));
			if (value != null) {
				return facet.parameter() + "=" + encode(value);
			}
		}
		throw new IllegalStateException("No document has a " + facet.parameter());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static int count(String text, String needle) {
		int count = 0;
		for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
			count++;
		}
		return count;
	}

}
