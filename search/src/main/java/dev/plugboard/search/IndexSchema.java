package dev.plugboard.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * The fields of the Lucene index and how an {@link AdapterDocument} maps onto them.
 * <p>
 * Keyword fields (exact values: filters, facets, sorting by id) keep the API's names.
 * Full-text fields end in {@code .text} and carry the BM25 boosts of
 * {@link #TEXT_FIELDS}. Only the id and the two highlighted texts are stored; the
 * registry's database holds the rest.
 * <p>
 * Bump {@link #VERSION} whenever fields, analysis or {@link EmbeddingText} change:
 * indexes built with another version report {@code needsRebuild()}.
 */
final class IndexSchema {

	static final int VERSION = 6;

	/**
	 * HNSW links per node: four times Lucene's 16. Adapter catalogs hold dense clusters
	 * of near-duplicates (one card, many base models and variants); with sparser graphs
	 * the search gets stuck in a cluster (recall@10 0.84 at 32 links on the 100k
	 * benchmark corpus, 0.92 at 64 with the same query effort).
	 */
	static final int HNSW_MAX_CONN = 64;

	/** HNSW candidates considered while building the graph (Lucene's default is 100). */
	static final int HNSW_BEAM_WIDTH = 400;

	/**
	 * The codec: Lucene's default with a denser, unquantized HNSW graph for
	 * {@link #EMBEDDING}. Changing it means bumping {@link #VERSION}.
	 * @return the codec for every generation's writer
	 */
	static org.apache.lucene.codecs.Codec codec() {
		org.apache.lucene.codecs.KnnVectorsFormat vectors = new org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat(
				HNSW_MAX_CONN, HNSW_BEAM_WIDTH);
		return new org.apache.lucene.codecs.lucene104.Lucene104Codec() {
			@Override
			public org.apache.lucene.codecs.KnnVectorsFormat getKnnVectorsFormatForField(String field) {
				return vectors;
			}
		};
	}

	static final String ID = "id";

	static final String TASK = "task";

	static final String SUBTASK = "subtask";

	static final String BASE_MODEL = "baseModel";

	static final String MODEL_TYPE = "modelType";

	static final String METHOD = "method";

	static final String LANGUAGE = "language";

	static final String LICENSE = "license";

	static final String NAMESPACE = "namespace";

	static final String REPO_TYPE = "repoType";

	static final String TAG = "tag";

	static final String DOWNLOADS = "downloads";

	static final String UPDATED = "updatedAt";

	static final String SCORE = "score";

	static final String EMBEDDING = "embedding";

	static final String NAME_TEXT = "name.text";

	static final String DESCRIPTION_TEXT = "description.text";

	/** The facet fields, in the order results list them. */
	static final List<String> FACET_FIELDS = List.of(TASK, SUBTASK, BASE_MODEL, MODEL_TYPE, METHOD, LANGUAGE, LICENSE,
			NAMESPACE);

	/**
	 * The filter fields: the facets and the repository type (a filter only, since a
	 * search is for adapters or for base models, not both).
	 */
	static final List<String> FILTER_FIELDS = List.of(TASK, SUBTASK, BASE_MODEL, MODEL_TYPE, METHOD, LANGUAGE, LICENSE,
			NAMESPACE, REPO_TYPE);

	/**
	 * Full-text fields and their BM25 weights: what users name (the repository name, task
	 * and subtask) counts most, the free-text descriptions least.
	 */
	static final Map<String, Float> TEXT_FIELDS = textFields();

	/** Highlighted stored text fields and the names clients see. */
	static final Map<String, String> HIGHLIGHT_FIELDS = Map.of(NAME_TEXT, "name", DESCRIPTION_TEXT, "description");

	/**
	 * Dot product on unit vectors (cosine); embeddings are normalised before indexing.
	 */
	static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.DOT_PRODUCT;

	/** Commit user data keys. */
	static final String DATA_SCHEMA = "plugboard.schemaVersion";

	static final String DATA_MODEL = "plugboard.embeddingModel";

	static final String DATA_DIMENSION = "plugboard.dimension";

	static final String DATA_COMPLETE = "plugboard.complete";

	private IndexSchema() {
	}

	private static Map<String, Float> textFields() {
		Map<String, Float> fields = new LinkedHashMap<>();
		fields.put(NAME_TEXT, 3.0f);
		fields.put("task.text", 2.5f);
		fields.put("subtask.text", 2.5f);
		fields.put("language.text", 2.0f);
		fields.put("model.text", 1.5f);
		fields.put("method.text", 1.5f);
		fields.put("tags.text", 1.5f);
		fields.put(DESCRIPTION_TEXT, 1.0f);
		fields.put("author.text", 1.0f);
		fields.put("subtaskDescription.text", 0.7f);
		return Map.copyOf(fields);
	}

	/**
	 * Stored full text, highlighted by re-analysing it (see {@link Highlighting}); the
	 * postings need no character offsets.
	 */
	private static final FieldType HIGHLIGHTED_TEXT = TextField.TYPE_STORED;

	static Term idTerm(String id) {
		return new Term(ID, id);
	}

	static Document toDocument(AdapterDocument adapter, float[] embedding) {
		Document doc = new Document();
		doc.add(new KeywordField(ID, adapter.id(), Field.Store.YES));
		keyword(doc, NAMESPACE, adapter.namespace());
		keyword(doc, TASK, adapter.task());
		keyword(doc, SUBTASK, adapter.subtask());
		keyword(doc, BASE_MODEL, adapter.baseModel());
		keyword(doc, MODEL_TYPE, adapter.modelType());
		keyword(doc, METHOD, adapter.method());
		keyword(doc, LICENSE, adapter.license());
		keyword(doc, REPO_TYPE, adapter.repoType());
		adapter.languages().forEach((language) -> keyword(doc, LANGUAGE, language));
		adapter.tags().forEach((tag) -> keyword(doc, TAG, tag));

		doc.add(new LongField(DOWNLOADS, adapter.downloads(), Field.Store.NO));
		if (adapter.updatedAt() != null) {
			doc.add(new LongField(UPDATED, adapter.updatedAt().toEpochMilli(), Field.Store.NO));
		}
		if (adapter.score() != null) {
			doc.add(new DoubleField(SCORE, adapter.score(), Field.Store.NO));
		}

		String name = (adapter.name() != null) ? adapter.name() : adapter.id();
		doc.add(new Field(NAME_TEXT, name, HIGHLIGHTED_TEXT));
		if (adapter.description() != null) {
			doc.add(new Field(DESCRIPTION_TEXT, adapter.description(), HIGHLIGHTED_TEXT));
		}
		text(doc, "task.text", adapter.task(), adapter.taskDisplayName());
		text(doc, "subtask.text", adapter.subtask(), adapter.subtaskDisplayName());
		text(doc, "subtaskDescription.text", adapter.subtaskDescription());
		text(doc, "model.text", adapter.baseModel(), adapter.modelType());
		text(doc, "method.text", adapter.method());
		text(doc, "author.text", adapter.namespace(), adapter.author());
		adapter.tags().forEach((tag) -> text(doc, "tags.text", tag));
		adapter.languages().forEach((code) -> text(doc, "language.text", code, languageName(code)));

		doc.add(new KnnFloatVectorField(EMBEDDING, Vectors.normalize(embedding.clone()), SIMILARITY));
		return doc;
	}

	/** The English name of a language code ("de" → "German"), or null if unknown. */
	static String languageName(String code) {
		Locale locale = Locale.forLanguageTag(code.replace('_', '-'));
		String name = locale.getDisplayLanguage(Locale.ENGLISH);
		return (name.isBlank() || name.equalsIgnoreCase(code)) ? null : name;
	}

	private static void keyword(Document doc, String field, String value) {
		if (value != null && !value.isBlank()) {
			doc.add(new KeywordField(field, value, Field.Store.NO));
		}
	}

	private static void text(Document doc, String field, String... values) {
		for (String value : values) {
			if (value != null && !value.isBlank()) {
				doc.add(new TextField(field, value, Field.Store.NO));
			}
		}
	}

	/** Reads a filter's value for a facet or filter field. */
	static final Map<String, Function<SearchFilters, String>> FILTER_VALUES = Map.of(TASK, SearchFilters::task, SUBTASK,
			SearchFilters::subtask, BASE_MODEL, SearchFilters::baseModel, MODEL_TYPE, SearchFilters::modelType, METHOD,
			SearchFilters::method, LANGUAGE, SearchFilters::language, LICENSE, SearchFilters::license, NAMESPACE,
			SearchFilters::namespace, REPO_TYPE, SearchFilters::repoType);

}
