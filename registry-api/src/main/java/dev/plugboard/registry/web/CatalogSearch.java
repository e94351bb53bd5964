package dev.plugboard.registry.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.plugboard.registry.indexing.CatalogHits;
import dev.plugboard.search.SearchQuery;

import org.springframework.stereotype.Component;

/** The catalog's search as the pages show it: cards instead of hits. */
@Component
class CatalogSearch {

	private final CatalogHits hits;

	CatalogSearch(CatalogHits hits) {
		this.hits = hits;
	}

	/** Whether search is on in this hub ({@code plugboard.search.enabled}). */
	boolean available() {
		return this.hits.available();
	}

	/** One page of results; empty when search is off. */
	Optional<Results> search(SearchQuery query) {
		if (!this.hits.available()) {
			return Optional.empty();
		}
		CatalogHits.Page page = this.hits.search(query);
		List<Card> cards = page.entries().stream().map((entry) -> Card.of(entry.adapter(), entry.score())).toList();
		return Optional.of(new Results(cards, page.facets(), page.nextCursor(), page.total()));
	}

	/**
	 * @param facets per filter field (index names: {@code baseModel}, …) the most
	 * frequent values and their counts
	 */
	record Results(List<Card> cards, Map<String, Map<String, Long>> facets, String nextCursor, long total) {
	}

}
