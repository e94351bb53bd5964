package dev.plugboard.search;

/**
 * How a search matches its text.
 */
public enum SearchMode {

	/**
	 * BM25 and kNN, each limited to the same filters, fused by reciprocal rank fusion.
	 */
	HYBRID,

	/**
	 * BM25 over the text fields only.
	 */
	KEYWORD,

	/**
	 * Nearest neighbours of the query's embedding only.
	 */
	SEMANTIC

}
