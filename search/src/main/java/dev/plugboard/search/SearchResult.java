package dev.plugboard.search;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One page of results.
 *
 * @param hits the page, best first (in the requested order)
 * @param facets per filter field ({@code task}, {@code subtask}, {@code baseModel},
 * {@code modelType}, {@code method}, {@code language}, {@code license},
 * {@code namespace}) the most frequent values with their counts, most frequent first,
 * counted over the whole result set (see {@link AdapterIndex#search})
 * @param nextCursor the cursor for the next page, or null on the last page
 * @param total the size of the result set that the cursor pages through
 */
public record SearchResult(List<SearchHit> hits, Map<String, Map<String, Long>> facets, String nextCursor, long total) {

	public SearchResult {
		hits = List.copyOf(hits);
		facets = (facets != null) ? Collections.unmodifiableMap(facets) : Map.of();
	}

}
