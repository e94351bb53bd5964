package dev.plugboard.search;

import java.util.List;

/**
 * The search index over adapter repositories: a secondary index, rebuilt from the
 * registry's database whenever in doubt. This is the port; an embedded Lucene index
 * implements it, and a distributed backend (OpenSearch) can implement it later with the
 * same behaviour (fusion happens in the implementation's own code, not in the engine).
 * <p>
 * Implementations are thread-safe: searches run concurrently with each other and with
 * writes.
 */
public interface AdapterIndex extends AutoCloseable {

	/**
	 * Adds or replaces documents by id. They are visible to searches within about a
	 * second (the Lucene implementation: when this method returns) and durable when it
	 * returns. Embeds the documents first, so it costs a few milliseconds per document.
	 * @param documents the documents; for repeated ids the last one wins
	 */
	void upsert(List<AdapterDocument> documents);

	/**
	 * Removes documents by id; unknown ids are ignored.
	 * @param ids repository ids
	 */
	void delete(List<String> ids);

	/**
	 * Runs one page of a search.
	 * <p>
	 * The result set that {@code total}, the facets and the cursor cover is: for a query
	 * without text, every document passing the filters; for {@link SearchMode#KEYWORD},
	 * every document passing the filters and matching the text; for
	 * {@link SearchMode#SEMANTIC}, the k nearest neighbours among the documents passing
	 * the filters; for {@link SearchMode#HYBRID}, the union of the k best BM25 matches
	 * and the k nearest neighbours, both among the documents passing the filters. k is at
	 * least 100 (implementation-defined). Facet counts are therefore always counts of
	 * what the client can page through.
	 * @param query the query
	 * @return the page
	 * @throws InvalidSearchException for a limit outside 1 to 100, text longer than 1024
	 * characters, or a cursor that was altered or belongs to another query
	 */
	SearchResult search(SearchQuery query);

	/**
	 * Counts searchable documents.
	 * @return the number of documents
	 */
	long count();

	/**
	 * Describes the index.
	 * @return schema version, embedding model, dimension and document count
	 */
	IndexInfo info();

	/**
	 * Releases the index. Searches and writes afterwards throw
	 * {@link IllegalStateException}. Idempotent.
	 */
	@Override
	void close();

}
