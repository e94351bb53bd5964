package dev.plugboard.registry.indexing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

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
 * A search joined with the catalog and the headline scores, for the search API and the
 * pages: one index query, one catalog query and one score query per page.
 */
@Component
public class CatalogHits {

	private final ObjectProvider<AdapterIndex> index;

	private final AdapterCatalog catalog;

	private final EvaluationResults results;

	CatalogHits(ObjectProvider<AdapterIndex> index, AdapterCatalog catalog, EvaluationResults results) {
		this.index = index;
		this.catalog = catalog;
		this.results = results;
	}

	/** Whether search is on in this hub ({@code plugboard.search.enabled}). */
	public boolean available() {
		return this.index.getIfAvailable() != null;
	}

	/**
	 * One page of hits with their repositories, in hit order.
	 * @throws InvalidRequestException ({@code invalid-search}) for a query the index
	 * refuses
	 * @throws IllegalStateException when search is off
	 */
	public Page search(SearchQuery query) {
		AdapterIndex adapterIndex = this.index.getIfAvailable();
		if (adapterIndex == null) {
			throw new IllegalStateException("Search is off in this hub");
		}
		SearchResult result;
		try {
			result = adapterIndex.search(query);
		}
		catch (InvalidSearchException ex) {
			throw new InvalidRequestException("invalid-search", ex.getMessage());
		}
		Map<String, Adapter> adapters = this.catalog.findAll(result.hits().stream().map(SearchHit::id).toList())
			.stream()
			.collect(Collectors.toMap(Adapter::repositoryId, Function.identity()));
		Map<Long, HeadlineScore> scores = this.results
			.headlineScores(adapters.values().stream().map(Adapter::getId).toList());
		List<Entry> entries = new ArrayList<>();
		for (SearchHit hit : result.hits()) {
			Adapter adapter = adapters.get(hit.id());
			// The index may briefly hold a repository the database no longer has.
			if (adapter != null) {
				entries.add(new Entry(hit, adapter, scores.get(adapter.getId())));
			}
		}
		return new Page(entries, result.facets(), result.nextCursor(), result.total());
	}

	/**
	 * @param score the repository's headline evaluation score, or null
	 */
	public record Entry(SearchHit hit, Adapter adapter, HeadlineScore score) {
	}

	/**
	 * @param facets per filter field (index names: {@code baseModel}, …) the most
	 * frequent values and their counts
	 */
	public record Page(List<Entry> entries, Map<String, Map<String, Long>> facets, String nextCursor, long total) {
	}

}
