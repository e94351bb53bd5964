package dev.plugboard.registry.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.plugboard.registry.adapter.Adapter;
import dev.plugboard.registry.adapter.AdapterCatalog;
import dev.plugboard.registry.evaluation.EvaluationResults;
import dev.plugboard.registry.evaluation.EvaluationResults.HeadlineScore;
import dev.plugboard.registry.system.InvalidRequestException;
import dev.plugboard.search.AdapterIndex;
import dev.plugboard.search.InvalidSearchException;
import dev.plugboard.search.SearchHit;
import dev.plugboard.search.SearchQuery;
import dev.plugboard.search.SearchResult;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The search index joined with the catalog and the headline scores, as the pages show it:
 * one index query, one catalog query and one score query per page.
 */
@Component
class CatalogSearch {

	private final ObjectProvider<AdapterIndex> index;

	private final AdapterCatalog catalog;

	private final EvaluationResults results;

	CatalogSearch(ObjectProvider<AdapterIndex> index, AdapterCatalog catalog, EvaluationResults results) {
		this.index = index;
		this.catalog = catalog;
		this.results = results;
	}

	/** Whether search is on in this hub ({@code plugboard.search.enabled}). */
	boolean available() {
		return this.index.getIfAvailable() != null;
	}

	/** One page of results; empty when search is off. */
	Optional<Results> search(SearchQuery query) {
		AdapterIndex adapterIndex = this.index.getIfAvailable();
		if (adapterIndex == null) {
			return Optional.empty();
		}
		SearchResult result;
		try {
			result = adapterIndex.search(query);
		}
		catch (InvalidSearchException ex) {
			throw new InvalidRequestException("invalid-search", ex.getMessage());
		}
		Map<String, Adapter> adapters = new HashMap<>();
		this.catalog.findAll(result.hits().stream().map(SearchHit::id).toList())
			.forEach((adapter) -> adapters.put(adapter.repositoryId(), adapter));
		Map<Long, HeadlineScore> scores = this.results
			.headlineScores(adapters.values().stream().map(Adapter::getId).toList());
		List<Card> cards = new ArrayList<>();
		for (SearchHit hit : result.hits()) {
			Adapter adapter = adapters.get(hit.id());
			// The index may briefly hold a repository the database no longer has.
			if (adapter != null) {
				cards.add(Card.of(adapter, scores.get(adapter.getId())));
			}
		}
		return Optional.of(new Results(cards, result.facets(), result.nextCursor(), result.total()));
	}

	/**
	 * @param facets per filter field (index names: {@code baseModel}, …) the most
	 * frequent values and their counts
	 */
	record Results(List<Card> cards, Map<String, Map<String, Long>> facets, String nextCursor, long total) {
	}

}
