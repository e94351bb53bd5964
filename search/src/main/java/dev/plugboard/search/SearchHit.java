package dev.plugboard.search;

import java.util.List;
import java.util.Map;

/**
 * One matching repository.
 *
 * @param id the repository id
 * @param score the relevance score in the search's own scale (BM25 for keyword, vector
 * similarity in [0, 1] for semantic, the fused reciprocal-rank score for hybrid, 0 for a
 * search without text); comparable only within one result
 * @param highlights field ({@code name}, {@code description}) to snippets, HTML-escaped
 * with the matched words wrapped in {@code <em>…</em>}; only fields with a lexical match
 * appear
 */
public record SearchHit(String id, double score, Map<String, List<String>> highlights) {

	public SearchHit {
		highlights = (highlights != null) ? Map.copyOf(highlights) : Map.of();
	}

}
