package dev.plugboard.benchmarks.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.plugboard.search.AdapterDocument;
import dev.plugboard.search.EmbeddingText;

/**
 * The benchmarks' 100k corpus: the AdapterHub cards plus seeded, deterministic variants
 * of them (other namespace, name, base model, method, license, downloads, date), with the
 * query texts to search it. Every caller that generates it with the same catalog and size
 * gets the same documents, which is what lets a hub in another process map each variant's
 * text to its derived vector (see {@link ShortcutEmbedder}).
 */
public final class VariantCorpus {

	private static final Pattern QUERY = Pattern.compile("\"query\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

	private final List<AdapterDocument> catalog;

	private final List<AdapterDocument> documents;

	private final List<String> models;

	private VariantCorpus(List<AdapterDocument> catalog, List<AdapterDocument> documents, List<String> models) {
		this.catalog = catalog;
		this.documents = documents;
		this.models = models;
	}

	/** The cards first, then the variants. */
	public List<AdapterDocument> documents() {
		return this.documents;
	}

	/** The base models variants are spread over. */
	public List<String> models() {
		return this.models;
	}

	/** The card document {@code index} was derived from (itself for a card). */
	public AdapterDocument card(int index) {
		return this.catalog.get(index % this.catalog.size());
	}

	/** The distinct texts of the cards, whose real vectors the variants derive from. */
	public static List<String> baseTexts(List<AdapterDocument> catalog) {
		return List.copyOf(new LinkedHashSet<>(catalog.stream().map(EmbeddingText::compose).toList()));
	}

	/** Gives the embedders the cards' real vectors; call before {@link #generate}. */
	public static void registerBases(List<String> texts, float[][] vectors, List<ShortcutEmbedder> embedders) {
		for (ShortcutEmbedder embedder : embedders) {
			for (int i = 0; i < texts.size(); i++) {
				embedder.putBase(texts.get(i), vectors[i]);
			}
			embedder.prepare();
		}
	}

	public static VariantCorpus generate(List<AdapterDocument> catalog, int documentCount,
			List<ShortcutEmbedder> embedders) {
		Random random = new Random(42);
		Map<String, String> modelTypes = new LinkedHashMap<>();
		for (AdapterDocument doc : catalog) {
			if (doc.baseModel() != null) {
				modelTypes.putIfAbsent(doc.baseModel(), doc.modelType());
			}
		}
		List<String> models = new ArrayList<>(modelTypes.keySet());
		Set<String> methodSet = new TreeSet<>();
		catalog.stream().map(AdapterDocument::method).filter((m) -> m != null).forEach(methodSet::add);
		methodSet.addAll(List.of("lora", "prefix_tuning", "compacter", "ia3"));
		List<String> methods = new ArrayList<>(methodSet);
		List<String> namespaces = new ArrayList<>();
		catalog.stream().map(AdapterDocument::namespace).distinct().forEach(namespaces::add);
		for (int i = 0; i < 500; i++) {
			namespaces.add(String.format(Locale.ROOT, "org%03d", i));
		}
		String[] suffixes = { "ft", "v2", "distilled", "seed", "run", "tuned", "exp", "ckpt" };
		String[] licenses = { "apache-2.0", "mit", "cc-by-4.0", null };
		Instant epoch = LocalDateTime.of(2020, 1, 1, 0, 0).toInstant(java.time.ZoneOffset.UTC);
		List<AdapterDocument> documents = new ArrayList<>(documentCount);
		Set<String> texts = new HashSet<>();
		for (AdapterDocument card : catalog) {
			documents.add(withStats(card, random, epoch));
			texts.add(EmbeddingText.compose(card));
		}
		for (int i = documents.size(); i < documentCount; i++) {
			AdapterDocument base = catalog.get(i % catalog.size());
			String model = models.get(random.nextInt(models.size()));
			String namespace = namespaces.get(random.nextInt(namespaces.size()));
			String name = base.name() + "-" + suffixes[random.nextInt(suffixes.length)] + "-" + i;
			AdapterDocument variant = new AdapterDocument(namespace + "/" + name, namespace, name, base.description(),
					base.task(), base.taskDisplayName(), base.subtask(), base.subtaskDisplayName(),
					base.subtaskDescription(), model, modelTypes.get(model),
					methods.get(random.nextInt(methods.size())), base.languages(),
					licenses[random.nextInt(licenses.length)], base.tags(), base.author(), downloads(random),
					epoch.plusSeconds(random.nextLong(5L * 365 * 86400)), null, "adapter");
			String text = EmbeddingText.compose(variant);
			if (!texts.add(text)) {
				throw new IllegalStateException("Generated a duplicate embedding text for " + variant.id());
			}
			for (ShortcutEmbedder embedder : embedders) {
				embedder.putVariant(text, EmbeddingText.compose(base), 1_000_003L * i);
			}
			documents.add(variant);
		}
		return new VariantCorpus(catalog, documents, models);
	}

	private static AdapterDocument withStats(AdapterDocument d, Random random, Instant epoch) {
		return new AdapterDocument(d.id(), d.namespace(), d.name(), d.description(), d.task(), d.taskDisplayName(),
				d.subtask(), d.subtaskDisplayName(), d.subtaskDescription(), d.baseModel(), d.modelType(), d.method(),
				d.languages(), d.license(), d.tags(), d.author(), downloads(random),
				epoch.plusSeconds(random.nextLong(5L * 365 * 86400)), null, "adapter");
	}

	private static long downloads(Random random) {
		return (long) Math.exp(random.nextDouble() * 12);
	}

	public static List<String> queryPool(List<AdapterDocument> catalog, List<String> devQueries) {
		Set<String> bases = new LinkedHashSet<>(devQueries);
		bases.addAll(List.of("movie review sentiment", "is this review positive or negative",
				"classify the sentiment of tweets", "textual entailment", "does sentence A imply sentence B",
				"answer questions about a paragraph", "squad question answering adapter", "detect paraphrases",
				"are these two sentences the same meaning", "multiple choice commonsense questions",
				"is this sentence grammatical", "summarize news", "find people and places in text", "NER tagger",
				"German language adapter", "Hindi adapter", "language model for Swahili text",
				"adapter for xlm-roberta", "lora adapter for roberta", "compacter adapter", "prefix tuning",
				"sentence similarity score", "duplicate questions", "translate English to Romanian",
				"boolean questions", "pos tagging adapter", "wikipedia language adapter", "reading comprehension race",
				"scientific claims entailment", "extreme summarization", "distilbert adapters", "complete the sentence",
				"emotion detection", "hate speech detection", "topic classification", "argument mining",
				"dialect identification Arabic", "knowledge injection adapter", "cross-lingual transfer",
				"zero-shot multilingual ner", "low resource language", "bert base adapters", "gpt2 text classification",
				"bart adapters", "houlsby", "pfeiffer adapter for bert", "adapter fusion", "social media text",
				"biomedical adapters", "legal text classification"));
		for (AdapterDocument doc : catalog) {
			if (doc.subtaskDisplayName() != null) {
				bases.add(doc.subtaskDisplayName());
			}
			if (doc.taskDisplayName() != null && doc.baseModel() != null) {
				bases.add(doc.taskDisplayName() + " " + doc.baseModel());
			}
		}
		String[] prefixes = { "", "find ", "best ", "an adapter for ", "show me " };
		String[] suffixes = { "", " adapter", " adapters", " model", " for fine-tuning" };
		List<String> pool = new ArrayList<>();
		for (String prefix : prefixes) {
			for (String suffix : suffixes) {
				for (String base : bases) {
					pool.add(prefix + base + suffix);
				}
			}
		}
		List<String> distinct = new ArrayList<>(new LinkedHashSet<>(pool));
		Collections.shuffle(distinct, new Random(11));
		return distinct;
	}

	public static List<String> devQueries(Path file) throws IOException {
		List<String> queries = new ArrayList<>();
		for (String json : Files.readAllLines(file)) {
			Matcher m = QUERY.matcher(json);
			if (m.find()) {
				queries.add(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
			}
		}
		return queries;
	}

}
