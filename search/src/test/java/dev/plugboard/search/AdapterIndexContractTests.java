package dev.plugboard.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The behaviour every {@link AdapterIndex} shares, whatever its backend. Subclasses
 * create an empty index; each test fills it with {@link Fixtures#catalog()}.
 */
public abstract class AdapterIndexContractTests {

	protected AdapterIndex index;

	/**
	 * Creates an empty index for one test; it is closed after the test.
	 * @return a new, empty index
	 */
	protected abstract AdapterIndex createIndex();

	@BeforeEach
	void fill() {
		this.index = createIndex();
		this.index.upsert(Fixtures.catalog());
	}

	@AfterEach
	void closeIndex() {
		this.index.close();
	}

	static SearchQuery query(String text, SearchMode mode) {
		return new SearchQuery(text, null, mode, SortOrder.RELEVANCE, 10, null);
	}

	static SearchQuery query(String text, SearchFilters filters, SearchMode mode, SortOrder sort, int limit) {
		return new SearchQuery(text, filters, mode, sort, limit, null);
	}

	static List<String> ids(SearchResult result) {
		return result.hits().stream().map(SearchHit::id).toList();
	}

	static SearchFilters task(String task) {
		return new SearchFilters(task, null, null, null, null, null, null, null, null);
	}

	@Test
	void countsUpsertedDocuments() {
		assertThat(this.index.count()).isEqualTo(Fixtures.catalog().size());
		IndexInfo info = this.index.info();
		assertThat(info.documents()).isEqualTo(Fixtures.catalog().size());
		assertThat(info.dimension()).isPositive();
		assertThat(info.embeddingModel()).isNotBlank();
		assertThat(info.schemaVersion()).isPositive();
	}

	@Test
	void findsDocumentsByKeyword() {
		SearchResult result = this.index.search(query("germeval", SearchMode.KEYWORD));
		assertThat(ids(result)).containsExactly(Fixtures.NER_GERMAN);
		assertThat(result.total()).isEqualTo(1);
		assertThat(result.hits().get(0).score()).isPositive();
	}

	@Test
	void findsNamePartsSplitOnUnderscoresAndHyphens() {
		assertThat(ids(this.index.search(query("multinli", SearchMode.KEYWORD)))).containsExactly(Fixtures.NLI_MNLI);
		assertThat(ids(this.index.search(query("houlsby", SearchMode.KEYWORD)))).containsExactly(Fixtures.SST2_ROBERTA);
		assertThat(ids(this.index.search(query("imdb lora", SearchMode.KEYWORD))).get(0)).isEqualTo(Fixtures.IMDB_LORA);
	}

	@Test
	void findsLanguagesByName() {
		assertThat(ids(this.index.search(query("German", SearchMode.KEYWORD))).get(0)).isEqualTo(Fixtures.NER_GERMAN);
		assertThat(ids(this.index.search(query("swahili", SearchMode.KEYWORD))).get(0))
			.isEqualTo(Fixtures.LANG_SWAHILI);
	}

	@Test
	void findsDocumentsByMeaning() {
		SearchResult result = this.index.search(query("a happy film critique", SearchMode.SEMANTIC));
		assertThat(ids(result).subList(0, 3)).contains(Fixtures.IMDB_LORA);
		assertThat(ids(result).subList(0, 4)).doesNotContain(Fixtures.NER_GERMAN, Fixtures.QA_SQUAD);
		assertThat(result.hits().get(0).score()).isBetween(0.0, 1.0);
	}

	@Test
	void fusesKeywordAndSemanticMatches() {
		SearchResult result = this.index.search(query("recognise people and places in German text", SearchMode.HYBRID));
		assertThat(ids(result).get(0)).isEqualTo(Fixtures.NER_GERMAN);
		// Fusion keeps documents only one side found, so hybrid finds at least what
		// keyword finds.
		SearchResult keyword = this.index
			.search(query("recognise people and places in German text", SearchMode.KEYWORD));
		assertThat(ids(result)).containsAll(ids(keyword));
	}

	@Test
	void replacesDocumentsWithTheSameId() {
		AdapterDocument changed = Fixtures.doc(Fixtures.POEMS, "Composes limericks about cats.", "lm",
				"Language Modelling", "poems", "Poems", null, "gpt2", "gpt2", "lora", List.of("en"), "mit", List.of(),
				600, null);
		this.index.upsert(List.of(changed));
		assertThat(this.index.count()).isEqualTo(Fixtures.catalog().size());
		assertThat(ids(this.index.search(query("limericks", SearchMode.KEYWORD)))).containsExactly(Fixtures.POEMS);
		assertThat(ids(this.index.search(query("nineteenth century", SearchMode.KEYWORD)))).isEmpty();
	}

	@Test
	void upsertKeepsTheLastOfRepeatedIds() {
		this.index.upsert(List.of(Fixtures.simple("dup/one", "first version", 1),
				Fixtures.simple("dup/one", "second version", 2)));
		assertThat(ids(this.index.search(query("second", SearchMode.KEYWORD)))).containsExactly("dup/one");
		assertThat(ids(this.index.search(query("first", SearchMode.KEYWORD)))).isEmpty();
	}

	@Test
	void deletesDocuments() {
		this.index.delete(List.of(Fixtures.NER_GERMAN, "nobody/unknown"));
		assertThat(this.index.count()).isEqualTo(Fixtures.catalog().size() - 1);
		assertThat(ids(this.index.search(query("germeval", SearchMode.KEYWORD)))).isEmpty();
		assertThat(ids(this.index.search(query("German named entities", SearchMode.SEMANTIC))))
			.doesNotContain(Fixtures.NER_GERMAN);
	}

	@Test
	void makesWritesVisibleWithinASecond() {
		long start = System.nanoTime();
		this.index.upsert(List.of(Fixtures.simple("fresh/xylophone", "xylophone tuning adapter", 1)));
		while (ids(this.index.search(query("xylophone", SearchMode.KEYWORD))).isEmpty()) {
			assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(1));
			Thread.onSpinWait();
		}
	}

	@ParameterizedTest
	@EnumSource(SearchMode.class)
	void appliesFiltersInEveryMode(SearchMode mode) {
		SearchFilters roberta = new SearchFilters(null, null, "roberta-base", null, null, null, null, null, null);
		SearchResult result = this.index.search(query("sentiment", roberta, mode, SortOrder.RELEVANCE, 10));
		assertThat(ids(result)).isNotEmpty()
			.allMatch(Set.of(Fixtures.SST2_ROBERTA, Fixtures.NER_ENGLISH, Fixtures.QA_SQUAD)::contains);
		if (mode != SearchMode.SEMANTIC) {
			assertThat(ids(result).get(0)).isEqualTo(Fixtures.SST2_ROBERTA);
		}
		SearchFilters several = new SearchFilters("sentiment", null, null, null, "lora", "en", "mit", "alice", null);
		assertThat(ids(this.index.search(query("review", several, mode, SortOrder.RELEVANCE, 10))))
			.containsExactly(Fixtures.IMDB_LORA);
	}

	@ParameterizedTest
	@EnumSource(SearchMode.class)
	void returnsNothingWhenNoDocumentPassesTheFilters(SearchMode mode) {
		SearchResult result = this.index.search(query("sentiment", task("no-such-task"), mode, null, 10));
		assertThat(result.hits()).isEmpty();
		assertThat(result.total()).isZero();
		assertThat(result.nextCursor()).isNull();
		assertThat(result.facets().get("task")).isEmpty();
	}

	@Test
	void filtersByAnyOfSeveralLanguages() {
		this.index.upsert(List.of(Fixtures.doc("multi/de-fr", "Bilingual adapter.", "ner", null, null, null, null,
				"xlm-roberta-base", "xlm-roberta", "lora", List.of("de", "fr"), "mit", List.of(), 1, null)));
		SearchFilters french = new SearchFilters(null, null, null, null, null, "fr", null, null, null);
		SearchFilters german = new SearchFilters(null, null, null, null, null, "de", null, null, null);
		assertThat(ids(this.index.search(query("", french, null, null, 10)))).containsExactly("multi/de-fr");
		assertThat(ids(this.index.search(query("", german, null, null, 10)))).containsExactlyInAnyOrder("multi/de-fr",
				Fixtures.NER_GERMAN);
	}

	@Test
	void listsEverythingForBlankTextByDownloads() {
		for (String text : new String[] { null, "", "   " }) {
			SearchResult result = this.index.search(query(text, null, SearchMode.HYBRID, SortOrder.RELEVANCE, 100));
			assertThat(result.total()).isEqualTo(Fixtures.catalog().size());
			assertThat(ids(result)).containsExactlyElementsOf(Fixtures.catalog()
				.stream()
				.sorted((a, b) -> Long.compare(b.downloads(), a.downloads()))
				.map(AdapterDocument::id)
				.toList());
		}
	}

	@ParameterizedTest
	@EnumSource(SearchMode.class)
	void sortsByDownloadsAndRecency(SearchMode mode) {
		SearchResult byDownloads = this.index
			.search(query("sentiment", task("sentiment"), mode, SortOrder.DOWNLOADS, 10));
		assertThat(ids(byDownloads)).containsExactly(Fixtures.SST2_BERT, Fixtures.SST2_ROBERTA, Fixtures.IMDB_LORA,
				Fixtures.SCRIPT);
		SearchResult byRecency = this.index.search(query("sentiment", task("sentiment"), mode, SortOrder.RECENT, 10));
		assertThat(ids(byRecency)).containsExactly(Fixtures.IMDB_LORA, Fixtures.SST2_ROBERTA, Fixtures.SST2_BERT,
				Fixtures.SCRIPT);
	}

	@ParameterizedTest
	@EnumSource(SearchMode.class)
	void sortsByEvaluationScoreWithUnscoredDocumentsLast(SearchMode mode) {
		SearchResult byScore = this.index.search(query("sentiment", task("sentiment"), mode, SortOrder.SCORE, 10));
		assertThat(ids(byScore)).containsExactly(Fixtures.SST2_ROBERTA, Fixtures.SST2_BERT, Fixtures.SCRIPT,
				Fixtures.IMDB_LORA);
		SearchResult withoutText = this.index.search(query("", task("sentiment"), mode, SortOrder.SCORE, 10));
		assertThat(ids(withoutText)).containsExactlyElementsOf(ids(byScore));
	}

	@Test
	void updatesAScoreInPlace() {
		AdapterDocument imdb = Fixtures.catalog()
			.stream()
			.filter((d) -> d.id().equals(Fixtures.IMDB_LORA))
			.findFirst()
			.orElseThrow();
		this.index.upsert(List.of(Fixtures.scored(imdb, 0.99)));
		SearchResult byScore = this.index.search(query("", task("sentiment"), null, SortOrder.SCORE, 1));
		assertThat(ids(byScore)).containsExactly(Fixtures.IMDB_LORA);
	}

	@Test
	void filtersByRepositoryType() {
		this.index.upsert(List.of(new AdapterDocument("google/bert-base-uncased", "google", "bert-base-uncased",
				"BERT base model, uncased, for sentiment and everything else.", null, null, null, null, null, null,
				"bert", null, List.of("en"), "apache-2.0", null, null, 100_000, null, null, "base_model")));
		SearchFilters adapters = new SearchFilters(null, null, null, null, null, null, null, null, "adapter");
		SearchFilters baseModels = new SearchFilters(null, null, null, null, null, null, null, null, "base_model");
		for (SearchMode mode : SearchMode.values()) {
			assertThat(ids(this.index.search(query("bert sentiment", adapters, mode, SortOrder.RELEVANCE, 100))))
				.as(mode.name())
				.isNotEmpty()
				.doesNotContain("google/bert-base-uncased");
			assertThat(ids(this.index.search(query("bert sentiment", baseModels, mode, SortOrder.RELEVANCE, 100))))
				.as(mode.name())
				.containsExactly("google/bert-base-uncased");
		}
		assertThat(this.index.search(query("", null, null, null, 1)).facets()).doesNotContainKey("repoType");
	}

	@Test
	void rejectsNonFiniteScores() {
		AdapterDocument imdb = Fixtures.catalog().get(2);
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> Fixtures.scored(imdb, Double.NaN));
	}

	@Test
	void sortsDocumentsWithoutUpdateTimeLast() {
		SearchResult result = this.index.search(query("", null, null, SortOrder.RECENT, 100));
		assertThat(ids(result).get(0)).isEqualTo(Fixtures.QA_SQUAD);
		assertThat(ids(result).get(ids(result).size() - 1)).isEqualTo(Fixtures.POEMS);
	}

	@Test
	void countsFacetsOverTheFilteredResult() {
		SearchResult all = this.index.search(query("", null, null, null, 1));
		assertThat(all.facets().keySet()).containsExactly("task", "subtask", "baseModel", "modelType", "method",
				"language", "license", "namespace");
		assertThat(all.facets().get("task")).containsEntry("sentiment", 4L)
			.containsEntry("ner", 2L)
			.containsEntry("nli", 1L);
		assertThat(all.facets().get("task").keySet().iterator().next()).isEqualTo("sentiment");
		assertThat(all.facets().get("language")).containsEntry("en", 8L).containsEntry("de", 1L);

		SearchResult filtered = this.index.search(query("", task("sentiment"), null, null, 1));
		assertThat(filtered.total()).isEqualTo(4);
		assertThat(filtered.facets().get("task")).containsExactly(Map.entry("sentiment", 4L));
		assertThat(filtered.facets().get("method")).containsEntry("bottleneck", 3L).containsEntry("lora", 1L);
		assertThat(filtered.facets().get("baseModel")).containsEntry("bert-base-uncased", 2L);
	}

	@Test
	void countsKeywordFacetsOverTheMatchingDocuments() {
		SearchResult result = this.index.search(query("roberta", null, SearchMode.KEYWORD, null, 1));
		assertThat(result.total()).isEqualTo(3);
		assertThat(result.facets().get("baseModel")).containsExactly(Map.entry("roberta-base", 3L));
		assertThat(result.facets().get("task")).containsOnlyKeys("sentiment", "ner", "qa");
	}

	@ParameterizedTest
	@EnumSource(value = SearchMode.class, names = { "SEMANTIC", "HYBRID" })
	void countsSemanticFacetsOverTheCandidates(SearchMode mode) {
		SearchResult result = this.index.search(query("sentiment", task("sentiment"), mode, null, 2));
		assertThat(result.total()).isEqualTo(4);
		assertThat(result.facets().get("task")).containsExactly(Map.entry("sentiment", 4L));
		long counted = result.facets().get("method").values().stream().mapToLong(Long::longValue).sum();
		assertThat(counted).isEqualTo(result.total());
	}

	@ParameterizedTest
	@MethodSource("pagedQueries")
	void pagesThroughAllResultsWithoutDuplicates(String text, SearchMode mode, SortOrder sort) {
		List<String> seen = new ArrayList<>();
		String cursor = null;
		long total = -1;
		int pages = 0;
		do {
			SearchResult page = this.index.search(new SearchQuery(text, null, mode, sort, 3, cursor));
			total = page.total();
			seen.addAll(ids(page));
			cursor = page.nextCursor();
			assertThat(++pages).isLessThan(50);
		}
		while (cursor != null);
		assertThat(seen).doesNotHaveDuplicates().hasSize((int) total);
		SearchResult whole = this.index.search(new SearchQuery(text, null, mode, sort, 100, null));
		assertThat(seen).containsExactlyElementsOf(ids(whole));
	}

	static List<Object[]> pagedQueries() {
		return List.of(new Object[] { "", SearchMode.HYBRID, SortOrder.DOWNLOADS },
				new Object[] { null, SearchMode.KEYWORD, SortOrder.RECENT },
				new Object[] { "adapter", SearchMode.KEYWORD, SortOrder.RELEVANCE },
				new Object[] { "sentiment adapter", SearchMode.HYBRID, SortOrder.RELEVANCE },
				new Object[] { "sentiment adapter", SearchMode.SEMANTIC, SortOrder.DOWNLOADS });
	}

	@Test
	void rejectsAlteredCursors() {
		SearchQuery first = query("", null, null, null, 2);
		String cursor = this.index.search(first).nextCursor();
		assertThat(cursor).isNotNull();
		byte[] bytes = Base64.getUrlDecoder().decode(cursor);
		bytes[4] += 1;
		String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		for (String bad : List.of(altered, "not a cursor", "", "AAAA", cursor + "x", cursor.substring(1))) {
			assertThatExceptionOfType(InvalidSearchException.class)
				.isThrownBy(() -> this.index.search(new SearchQuery(null, null, null, null, 2, bad)))
				.withMessageContaining("cursor");
		}
	}

	@Test
	void rejectsCursorsOfAnotherQuery() {
		String cursor = this.index.search(query("", null, null, null, 2)).nextCursor();
		List<SearchQuery> others = List.of(new SearchQuery("sentiment", null, null, null, 2, cursor),
				new SearchQuery(null, task("ner"), null, null, 2, cursor),
				new SearchQuery(null, null, null, SortOrder.RECENT, 2, cursor),
				new SearchQuery(null, null, SearchMode.KEYWORD, null, 2, cursor),
				new SearchQuery(null, null, null, null, 3, cursor));
		for (SearchQuery other : others) {
			assertThatExceptionOfType(InvalidSearchException.class).isThrownBy(() -> this.index.search(other));
		}
	}

	@ParameterizedTest
	@MethodSource("nastyTexts")
	void neverFailsOnNastyText(String text) {
		for (SearchMode mode : SearchMode.values()) {
			SearchResult result = this.index.search(query(text, mode));
			assertThat(result.hits()).hasSizeLessThanOrEqualTo(10);
			assertThat(result.total()).isGreaterThanOrEqualTo(result.hits().size());
		}
	}

	static List<String> nastyTexts() {
		return List.of("\"", "(", ")", "*:*", "*", "a AND", "AND", "OR NOT", "title:x", "task:sentiment", "\\", "-",
				"+", "|", "~", "~2", "\"unclosed phrase", "((nested", "sentiment~", "?", "[", "{", "/regex/", "&&", "!",
				"\u0000", "ünïcödé ✓ 日本語", "word ".repeat(200).strip(), "x".repeat(1024), "<script>");
	}

	@Test
	void rejectsTooLongText() {
		assertThatExceptionOfType(InvalidSearchException.class)
			.isThrownBy(() -> this.index.search(query("x".repeat(2048), SearchMode.KEYWORD)))
			.withMessageContaining("1024");
	}

	@Test
	void rejectsLimitsOutOfRange() {
		for (int limit : new int[] { 0, -1, 101 }) {
			assertThatExceptionOfType(InvalidSearchException.class)
				.isThrownBy(() -> this.index.search(query("x", null, null, null, limit)))
				.withMessageContaining("limit");
		}
		assertThat(this.index.search(query("", null, null, null, 100)).hits()).hasSize(Fixtures.catalog().size());
	}

	@Test
	void highlightsMatchesInNameAndDescription() {
		SearchResult result = this.index.search(query("germeval news", SearchMode.KEYWORD));
		SearchHit hit = result.hits().get(0);
		assertThat(hit.id()).isEqualTo(Fixtures.NER_GERMAN);
		assertThat(hit.highlights().get("name")).containsExactly("bert-base-german-cased_ner_<em>germeval</em>");
		assertThat(hit.highlights().get("description")).singleElement().asString().contains("<em>news</em>");
	}

	@Test
	void escapesHtmlInHighlights() {
		SearchResult result = this.index.search(query("quoted reviews", SearchMode.KEYWORD));
		SearchHit hit = result.hits().stream().filter((h) -> h.id().equals(Fixtures.SCRIPT)).findFirst().orElseThrow();
		String snippet = String.join(" ", hit.highlights().get("description"));
		assertThat(snippet).doesNotContain("<script>")
			.contains("&lt;script&gt;")
			.contains("&amp;")
			.contains("&quot;<em>quoted</em>&quot;");
		assertThat(snippet.replace("<em>", "").replace("</em>", "")).doesNotContain("<", ">");
	}

	@Test
	void omitsHighlightsWithoutLexicalMatch() {
		SearchResult result = this.index.search(query("", null, null, null, 10));
		assertThat(result.hits()).allMatch((hit) -> hit.highlights().isEmpty());
	}

	@Test
	void searchesSafelyWhileWriting() throws Exception {
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		AtomicBoolean writing = new AtomicBoolean(true);
		CountDownLatch started = new CountDownLatch(2);
		List<Thread> searchers = new ArrayList<>();
		for (int t = 0; t < 2; t++) {
			SearchMode mode = (t == 0) ? SearchMode.KEYWORD : SearchMode.HYBRID;
			Thread thread = new Thread(() -> {
				started.countDown();
				while (writing.get()) {
					try {
						SearchResult result = this.index.search(query("bulk adapter", mode));
						assertThat(result.hits()).doesNotHaveDuplicates();
					}
					catch (Throwable ex) {
						errors.add(ex);
						return;
					}
				}
			});
			thread.start();
			searchers.add(thread);
		}
		started.await();
		Set<String> written = new HashSet<>();
		for (int batch = 0; batch < 4; batch++) {
			List<AdapterDocument> docs = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				String id = "bulk/adapter-" + batch + "-" + i;
				docs.add(Fixtures.simple(id, "bulk adapter number " + i, i));
				written.add(id);
			}
			this.index.upsert(docs);
			this.index.delete(List.of("bulk/adapter-" + batch + "-0"));
			written.remove("bulk/adapter-" + batch + "-0");
		}
		writing.set(false);
		for (Thread thread : searchers) {
			thread.join(10_000);
		}
		assertThat(errors).isEmpty();
		assertThat(this.index.count()).isEqualTo(Fixtures.catalog().size() + written.size());
	}

	@Test
	void refusesToWorkWhenClosed() {
		this.index.close();
		this.index.close();
		assertThatIllegalStateException().isThrownBy(() -> this.index.search(query("x", SearchMode.KEYWORD)));
		assertThatIllegalStateException().isThrownBy(() -> this.index.upsert(List.of()));
		assertThatIllegalStateException().isThrownBy(() -> this.index.count());
	}

	@Test
	void acceptsDocumentsWithOnlyAnId() {
		this.index.upsert(List.of(new AdapterDocument("bare/minimum", null, null, null, null, null, null, null, null,
				null, null, null, null, null, null, null, 0, Instant.EPOCH, null, null)));
		assertThat(ids(this.index.search(query("minimum", SearchMode.KEYWORD)))).containsExactly("bare/minimum");
		assertThat(ids(this.index.search(query("bare minimum", SearchMode.HYBRID)))).contains("bare/minimum");
	}

}
