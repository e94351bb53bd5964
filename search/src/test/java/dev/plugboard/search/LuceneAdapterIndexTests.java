package dev.plugboard.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The contract on the Lucene index with the real embedder, plus what only a local index
 * does: reopening, rebuilding aside and refusing to mix schemas or models.
 */
class LuceneAdapterIndexTests extends AdapterIndexContractTests {

	@TempDir
	Path directory;

	@Override
	protected AdapterIndex createIndex() {
		return LuceneAdapterIndex.open(this.directory.resolve("index"), TestEmbedders.memoizedMiniLm());
	}

	private LuceneAdapterIndex lucene() {
		return (LuceneAdapterIndex) this.index;
	}

	private Path root() {
		return this.directory.resolve("index");
	}

	private LuceneAdapterIndex reopen(TextEmbedder embedder) {
		this.index.close();
		this.index = LuceneAdapterIndex.open(root(), embedder);
		return lucene();
	}

	@Test
	void needsRebuildUntilBuiltCompletely() {
		assertThat(lucene().needsRebuild()).isTrue();
		lucene().rebuild(Fixtures.catalog().iterator());
		assertThat(lucene().needsRebuild()).isFalse();
		assertThat(reopen(TestEmbedders.memoizedMiniLm()).needsRebuild()).isFalse();
	}

	@Test
	void keepsDocumentsAcrossReopening() {
		lucene().rebuild(Fixtures.catalog().iterator());
		this.index.upsert(List.of(Fixtures.simple("late/arrival", "added after the rebuild", 1)));
		reopen(TestEmbedders.memoizedMiniLm());
		assertThat(this.index.count()).isEqualTo(Fixtures.catalog().size() + 1);
		assertThat(ids(this.index.search(query("arrival", SearchMode.KEYWORD)))).containsExactly("late/arrival");
		assertThat(lucene().needsRebuild()).isFalse();
	}

	@Test
	void keepsUpsertsOfAnIndexNeverRebuiltButStillAsksForARebuild() {
		reopen(TestEmbedders.memoizedMiniLm());
		assertThat(this.index.count()).isEqualTo(Fixtures.catalog().size());
		assertThat(lucene().needsRebuild()).isTrue();
	}

	@Test
	void needsRebuildForAnotherEmbeddingModel() {
		lucene().rebuild(Fixtures.catalog().iterator());
		TextEmbedder other = new TestEmbedders.WordHashEmbedder("other/model", 384);
		LuceneAdapterIndex reopened = reopen(other);
		assertThat(reopened.needsRebuild()).isTrue();
		assertThat(reopened.count()).isZero();
		assertThat(reopened.info().embeddingModel()).isEqualTo("other/model");
		reopened.rebuild(Fixtures.catalog().iterator());
		assertThat(reopened.needsRebuild()).isFalse();
		assertThat(reopen(TestEmbedders.memoizedMiniLm()).needsRebuild()).isTrue();
	}

	@Test
	void needsRebuildForAnotherDimension() {
		lucene().rebuild(Fixtures.catalog().iterator());
		assertThat(reopen(new TestEmbedders.WordHashEmbedder(MiniLmEmbedder.MODEL_ID, 128)).needsRebuild()).isTrue();
	}

	@Test
	void needsRebuildForAnotherSchemaVersion() throws IOException {
		lucene().rebuild(Fixtures.catalog().iterator());
		this.index.close();
		Path generation = liveGeneration();
		try (Directory dir = FSDirectory.open(generation);
				IndexWriter writer = new IndexWriter(dir,
						new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.APPEND))) {
			Map<String, String> data = new HashMap<>();
			writer.getLiveCommitData().forEach((e) -> data.put(e.getKey(), e.getValue()));
			data.put(IndexSchema.DATA_SCHEMA, "0");
			writer.setLiveCommitData(data.entrySet());
			writer.commit();
		}
		this.index = LuceneAdapterIndex.open(root(), TestEmbedders.memoizedMiniLm());
		assertThat(lucene().needsRebuild()).isTrue();
		assertThat(this.index.count()).isZero();
		assertThat(generation).doesNotExist();
	}

	@Test
	void needsRebuildForACorruptIndex() throws IOException {
		lucene().rebuild(Fixtures.catalog().iterator());
		this.index.close();
		try (Stream<Path> files = Files.list(liveGeneration())) {
			for (Path file : files.filter((f) -> f.getFileName().toString().startsWith("segments")).toList()) {
				Files.write(file, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 });
			}
		}
		this.index = LuceneAdapterIndex.open(root(), TestEmbedders.memoizedMiniLm());
		assertThat(lucene().needsRebuild()).isTrue();
		this.index.upsert(Fixtures.catalog());
		assertThat(this.index.count()).isEqualTo(Fixtures.catalog().size());
	}

	@Test
	void needsRebuildWhenTheGenerationPointerIsGarbage() throws IOException {
		lucene().rebuild(Fixtures.catalog().iterator());
		this.index.close();
		Files.writeString(root().resolve("CURRENT"), "../../etc\n");
		this.index = LuceneAdapterIndex.open(root(), TestEmbedders.memoizedMiniLm());
		assertThat(lucene().needsRebuild()).isTrue();
		assertThat(this.index.count()).isZero();
	}

	@Test
	void refusesADirectoryInUseByAnotherIndex() {
		assertThatExceptionOfType(java.io.UncheckedIOException.class)
			.isThrownBy(() -> LuceneAdapterIndex.open(root(), TestEmbedders.memoizedMiniLm()))
			.withMessageContaining("in use");
	}

	@Test
	void rebuildsAsideAndSwitchesWhileSearching() throws Exception {
		List<AdapterDocument> replacement = IntStream.range(0, 64)
			.mapToObj((i) -> Fixtures.simple("rebuilt/adapter-" + i, "rebuilt adapter number " + i, i))
			.toList();
		Path before = liveGeneration();
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger searches = new AtomicInteger();
		CountDownLatch searching = new CountDownLatch(1);
		Thread searcher = new Thread(() -> {
			while (running.get()) {
				try {
					for (SearchMode mode : SearchMode.values()) {
						SearchResult result = this.index.search(query("adapter", mode));
						assertThat(result.hits()).isNotEmpty();
						searches.incrementAndGet();
						searching.countDown();
					}
				}
				catch (Throwable ex) {
					errors.add(ex);
					return;
				}
			}
		});
		searcher.start();
		searching.await();
		lucene().rebuild(replacement.iterator());
		running.set(false);
		searcher.join(10_000);

		assertThat(errors).isEmpty();
		assertThat(searches.get()).isPositive();
		assertThat(this.index.count()).isEqualTo(64);
		assertThat(ids(this.index.search(query("germeval", SearchMode.KEYWORD)))).isEmpty();
		assertThat(liveGeneration()).isNotEqualTo(before);
		assertThat(before).doesNotExist();
	}

	@Test
	void keepsWritesMadeDuringARebuild() {
		List<AdapterDocument> source = new ArrayList<>(Fixtures.catalog());
		AdapterDocument stale = Fixtures.simple("race/doc", "stale copy from the database", 1);
		source.add(stale);
		Iterator<AdapterDocument> all = source.iterator();
		Iterator<AdapterDocument> racing = new Iterator<>() {

			private int served;

			@Override
			public boolean hasNext() {
				return all.hasNext();
			}

			@Override
			public AdapterDocument next() {
				if (++this.served == 3) {
					LuceneAdapterIndexTests.this.index
						.upsert(List.of(Fixtures.simple("race/doc", "fresh copy from an upload", 2)));
					LuceneAdapterIndexTests.this.index.delete(List.of(Fixtures.POEMS));
				}
				return all.next();
			}

		};
		lucene().rebuild(racing);
		assertThat(ids(this.index.search(query("fresh", SearchMode.KEYWORD)))).containsExactly("race/doc");
		assertThat(ids(this.index.search(query("stale", SearchMode.KEYWORD)))).isEmpty();
		assertThat(ids(this.index.search(query("poems", SearchMode.KEYWORD)))).isEmpty();
		assertThat(this.index.count()).isEqualTo(source.size() - 1);
	}

	@Test
	void keepsTheLiveIndexWhenARebuildFails() {
		Iterator<AdapterDocument> failing = Stream
			.concat(Fixtures.catalog().stream().limit(3), Stream.generate(() -> (AdapterDocument) null).limit(1))
			.iterator();
		assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> lucene().rebuild(failing));
		assertThat(this.index.count()).isEqualTo(Fixtures.catalog().size());
		assertThat(lucene().needsRebuild()).isTrue();
		assertThat(generations()).hasSize(1);
	}

	@Test
	void reportsItsSchemaAndModel() {
		IndexInfo info = this.index.info();
		assertThat(info.schemaVersion()).isEqualTo(IndexSchema.VERSION);
		assertThat(info.embeddingModel()).isEqualTo("sentence-transformers/all-MiniLM-L6-v2");
		assertThat(info.dimension()).isEqualTo(384);
	}

	@Test
	void countsKeywordFacetsExactlyForFewAndManyMatches() {
		// Many matches are counted from postings, few from doc values; both must agree
		// with counting by hand, across segments and with deleted documents.
		try (LuceneAdapterIndex bulk = LuceneAdapterIndex.open(this.directory.resolve("bulk"),
				new TestEmbedders.WordHashEmbedder("test/hash", 32))) {
			java.util.Random random = new java.util.Random(5);
			String[] models = { "bert-base-uncased", "roberta-base", "gpt2", "xlm-roberta-base" };
			String[] methods = { "lora", "bottleneck", "ia3" };
			String[][] languages = { { "en" }, { "de" }, { "en", "de" }, {} };
			Map<String, AdapterDocument> live = new java.util.LinkedHashMap<>();
			java.util.function.IntFunction<AdapterDocument> make = (i) -> {
				String namespace = "ns" + random.nextInt(12);
				String description = "common text" + ((random.nextInt(40) == 0) ? " zebra" : "");
				String model = models[random.nextInt(models.length)];
				return Fixtures.doc(namespace + "/d" + i, description, "task" + random.nextInt(5), null, null, null,
						null, model, model.split("-")[0], methods[random.nextInt(methods.length)],
						List.of(languages[random.nextInt(languages.length)]), (random.nextBoolean()) ? "mit" : null,
						List.of(), random.nextInt(1000), null);
			};
			List<AdapterDocument> first = IntStream.range(0, 3000).mapToObj(make).toList();
			first.forEach((d) -> live.put(d.id(), d));
			bulk.rebuild(first.iterator());
			List<AdapterDocument> changed = IntStream.range(0, 400).map((i) -> i * 7).mapToObj(make).toList();
			bulk.upsert(changed);
			changed.forEach((d) -> live.put(d.id(), d));
			List<String> deleted = IntStream.range(0, 100).mapToObj((i) -> first.get(i * 29 + 1).id()).toList();
			bulk.delete(deleted);
			deleted.forEach(live::remove);

			for (String text : List.of("common", "zebra", "")) {
				for (String model : java.util.Arrays.asList(null, "gpt2")) {
					SearchResult result = bulk.search(new SearchQuery(text,
							new SearchFilters(null, null, model, null, null, null, null, null, null),
							SearchMode.KEYWORD, SortOrder.RELEVANCE, 10, null));
					List<AdapterDocument> expected = live.values()
						.stream()
						.filter((d) -> text.isEmpty() || d.description().contains(text))
						.filter((d) -> model == null || model.equals(d.baseModel()))
						.toList();
					assertThat(result.total()).as(text + " " + model).isEqualTo(expected.size());
					assertThat(result.facets().get("baseModel")).as(text + " " + model)
						.isEqualTo(count(expected, (d) -> List.of(d.baseModel())));
					assertThat(result.facets().get("namespace"))
						.isEqualTo(count(expected, (d) -> List.of(d.namespace())));
					assertThat(result.facets().get("language")).isEqualTo(count(expected, AdapterDocument::languages));
					assertThat(result.facets().get("license"))
						.isEqualTo(count(expected, (d) -> (d.license() != null) ? List.of(d.license()) : List.of()));
					assertThat(new ArrayList<>(result.facets().get("method").keySet()))
						.isEqualTo(new ArrayList<>(count(expected, (d) -> List.of(d.method())).keySet()));
				}
			}
		}
	}

	private static Map<String, Long> count(List<AdapterDocument> documents,
			java.util.function.Function<AdapterDocument, List<String>> values) {
		Map<String, Long> counts = new HashMap<>();
		for (AdapterDocument document : documents) {
			for (String value : new java.util.TreeSet<>(values.apply(document))) {
				counts.merge(value, 1L, Long::sum);
			}
		}
		Map<String, Long> sorted = new java.util.LinkedHashMap<>();
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
			.forEach((e) -> sorted.put(e.getKey(), e.getValue()));
		return sorted;
	}

	private Path liveGeneration() throws IOException {
		return root().resolve(Files.readString(root().resolve("CURRENT")).strip());
	}

	private List<Path> generations() {
		return new IndexLayout(root()).generations();
	}

}
