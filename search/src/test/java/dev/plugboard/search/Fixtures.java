package dev.plugboard.search;

import java.time.Instant;
import java.util.List;

/**
 * A small handmade catalog: sentiment, NER, NLI, QA and language adapters over a few base
 * models, with distinct download counts and update times.
 */
final class Fixtures {

	static final String SST2_BERT = "ukp/bert-base-uncased_sentiment_sst-2_pfeiffer";

	static final String SST2_ROBERTA = "ukp/roberta-base_sentiment_sst-2_houlsby";

	static final String IMDB_LORA = "alice/distilbert-imdb-lora";

	static final String NER_GERMAN = "acme/bert-base-german-cased_ner_germeval";

	static final String NER_ENGLISH = "acme/roberta-base_ner_conll2003";

	static final String NLI_MNLI = "ukp/bert-base-uncased_nli_multinli_pfeiffer";

	static final String QA_SQUAD = "bob/roberta-base_qa_squad2_lora";

	static final String LANG_SWAHILI = "ukp/bert-base-multilingual-cased-sw-wiki_pfeiffer";

	static final String POEMS = "carol/gpt2-poem-generator";

	static final String SCRIPT = "mallory/bert-base-uncased_script-test";

	private Fixtures() {
	}

	static List<AdapterDocument> catalog() {
		return List.of(
				scored(doc(SST2_BERT,
						"Pfeiffer adapter for bert-base-uncased trained on SST-2 for binary sentiment classification.",
						"sentiment", "Sentiment Analysis", "sst-2", "SST-2",
						"Binary sentiment classification of sentences from movie reviews.", "bert-base-uncased", "bert",
						"bottleneck", List.of("en"), "apache-2.0", List.of("pfeiffer"), 5_000, "2024-03-01T10:00:00Z"),
						0.91),
				scored(doc(SST2_ROBERTA, "Houlsby adapter on roberta-base for the Stanford Sentiment Treebank.",
						"sentiment", "Sentiment Analysis", "sst-2", "SST-2",
						"Binary sentiment classification of sentences from movie reviews.", "roberta-base", "roberta",
						"bottleneck", List.of("en"), "apache-2.0", List.of("houlsby"), 1_200, "2024-05-10T10:00:00Z"),
						0.94),
				doc(IMDB_LORA, "LoRA that tells positive from negative film critiques on IMDb.", "sentiment",
						"Sentiment Analysis", "imdb", "IMDb", "Long movie reviews labelled positive or negative.",
						"distilbert-base-uncased", "distilbert", "lora", List.of("en"), "mit", List.of("lora"), 900,
						"2025-01-20T10:00:00Z"),
				doc(NER_GERMAN, "Named entity recognition for German news text (persons, places, organisations).",
						"ner", "Named Entity Recognition", "germeval", "GermEval 2014", "German NER shared task.",
						"bert-base-german-cased", "bert", "lora", List.of("de"), "mit", List.of(), 3_000,
						"2023-11-05T10:00:00Z"),
				doc(NER_ENGLISH, "Tags persons, locations and organisations in English newswire.", "ner",
						"Named Entity Recognition", "conll2003", "CoNLL-2003", "English NER on Reuters news.",
						"roberta-base", "roberta", "lora", List.of("en"), "apache-2.0", List.of(), 2_500,
						"2024-08-15T10:00:00Z"),
				doc(NLI_MNLI, "Natural language inference on MultiNLI: entailment, contradiction or neutral.", "nli",
						"Natural Language Inference", "multinli", "MultiNLI", "Multi-genre sentence pair entailment.",
						"bert-base-uncased", "bert", "bottleneck", List.of("en"), "apache-2.0", List.of("pfeiffer"),
						4_000, "2024-01-01T10:00:00Z"),
				doc(QA_SQUAD, "Extractive question answering: finds the answer span in a paragraph.", "qa",
						"Question Answering", "squad2", "SQuAD 2.0",
						"Reading comprehension with unanswerable questions.", "roberta-base", "roberta", "lora",
						List.of("en"), "cc-by-4.0", List.of("squad"), 7_000, "2025-02-01T10:00:00Z"),
				doc(LANG_SWAHILI, "Language adapter trained with masked language modelling on Swahili Wikipedia.", "sw",
						"Swahili", "wiki", "Wikipedia", "Masked language modelling on Wikipedia articles.",
						"bert-base-multilingual-cased", "bert", "bottleneck", List.of("sw"), "apache-2.0",
						List.of("madx"), 150, "2022-06-01T10:00:00Z"),
				doc(POEMS, "Writes short poems in the style of the nineteenth century.", "lm", "Language Modelling",
						"poems", "Poems", "Generating poetry.", "gpt2", "gpt2", "lora", List.of("en"), "mit", List.of(),
						600, null),
				// A negative score (Matthews correlation can be) still ranks above no
				// score.
				scored(doc(SCRIPT, "<script>alert('x')</script> A sentiment adapter & more for \"quoted\" reviews.",
						"sentiment", "Sentiment Analysis", "sst-2", "SST-2", null, "bert-base-uncased", "bert",
						"bottleneck", List.of("en"), "apache-2.0", List.of(), 10, "2021-01-01T10:00:00Z"), -0.2));
	}

	static AdapterDocument doc(String id, String description, String task, String taskDisplayName, String subtask,
			String subtaskDisplayName, String subtaskDescription, String baseModel, String modelType, String method,
			List<String> languages, String license, List<String> tags, long downloads, String updatedAt) {
		String namespace = id.substring(0, id.indexOf('/'));
		String name = id.substring(id.indexOf('/') + 1);
		return new AdapterDocument(id, namespace, name, description, task, taskDisplayName, subtask, subtaskDisplayName,
				subtaskDescription, baseModel, modelType, method, languages, license, tags, namespace + " author",
				downloads, (updatedAt != null) ? Instant.parse(updatedAt) : null, null, "adapter");
	}

	static AdapterDocument scored(AdapterDocument d, double score) {
		return new AdapterDocument(d.id(), d.namespace(), d.name(), d.description(), d.task(), d.taskDisplayName(),
				d.subtask(), d.subtaskDisplayName(), d.subtaskDescription(), d.baseModel(), d.modelType(), d.method(),
				d.languages(), d.license(), d.tags(), d.author(), d.downloads(), d.updatedAt(), score, d.repoType());
	}

	/** A plain document with a given id and text, for bulk tests. */
	static AdapterDocument simple(String id, String description, long downloads) {
		return doc(id, description, "misc", "Miscellaneous", null, null, null, "bert-base-uncased", "bert",
				"bottleneck", List.of("en"), "apache-2.0", List.of(), downloads, "2024-01-01T00:00:00Z");
	}

}
