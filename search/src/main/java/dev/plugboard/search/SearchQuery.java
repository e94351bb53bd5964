package dev.plugboard.search;

/**
 * One page of a search.
 *
 * @param text the user's text, at most 1024 characters; null or blank matches every
 * document that passes the filters. In {@link SearchMode#KEYWORD} (and the BM25 half of
 * {@link SearchMode#HYBRID}) it is read as simple query syntax: {@code "a phrase"},
 * {@code -not}, {@code a | b}, {@code prefix*}; anything else is taken literally, and no
 * text makes the search fail
 * @param filters the pre-filters; null for none
 * @param mode how the text is matched; null for {@link SearchMode#HYBRID}
 * @param sort the order; null for {@link SortOrder#RELEVANCE}
 * @param limit the page size, 1 to 100
 * @param cursor null for the first page, else the {@link SearchResult#nextCursor()} of
 * the previous page of the same query (same text, filters, mode, sort and limit)
 */
public record SearchQuery(String text, SearchFilters filters, SearchMode mode, SortOrder sort, int limit,
		String cursor) {

}
