package dev.plugboard.registry.indexing.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.plugboard.registry.adapter.Adapter;
import dev.plugboard.registry.adapter.RepositoryType;
import dev.plugboard.registry.evaluation.EvaluationResults.HeadlineScore;
import dev.plugboard.registry.indexing.CatalogHits;
import dev.plugboard.registry.system.InvalidRequestException;
import dev.plugboard.search.SearchFilters;
import dev.plugboard.search.SearchHit;
import dev.plugboard.search.SearchMode;
import dev.plugboard.search.SearchQuery;
import dev.plugboard.search.SortOrder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Hybrid full-text and semantic search over adapter repositories, with facets. */
@RestController
@ConditionalOnProperty(name = "plugboard.search.enabled", havingValue = "true", matchIfMissing = true)
class SearchController {

	private static final Set<String> PARAMETERS = Set.of("q", "task", "subtask", "base_model", "model_type", "method",
			"language", "license", "namespace", "repo_type", "sort", "limit", "cursor", "mode");

	private static final int SUMMARY_LENGTH = 280;

	private final CatalogHits hits;

	SearchController(CatalogHits hits) {
		this.hits = hits;
	}

	@GetMapping("/api/v1/search")
	@Operation(summary = "Search adapters: BM25 and kNN over the same pre-filters, fused by reciprocal rank fusion")
	SearchResponse search(@Parameter(hidden = true) @RequestParam Map<String, String> parameters,
			@RequestParam(required = false) String q, @RequestParam(required = false) String task,
			@RequestParam(required = false) String subtask,
			@RequestParam(name = "base_model", required = false) String baseModel,
			@RequestParam(name = "model_type", required = false) String modelType,
			@RequestParam(required = false) String method, @RequestParam(required = false) String language,
			@RequestParam(required = false) String license, @RequestParam(required = false) String namespace,
			@RequestParam(name = "repo_type", defaultValue = "adapter") String repoType,
			@RequestParam(defaultValue = "relevance") String sort, @RequestParam(defaultValue = "20") int limit,
			@RequestParam(required = false) String cursor, @RequestParam(defaultValue = "hybrid") String mode) {
		List<String> unknown = parameters.keySet().stream().filter((name) -> !PARAMETERS.contains(name)).toList();
		if (!unknown.isEmpty()) {
			throw new InvalidRequestException("invalid-search",
					"Unknown parameters " + unknown + "; filters are " + PARAMETERS);
		}
		SearchQuery query = new SearchQuery((q == null) ? "" : q,
				new SearchFilters(task, subtask, baseModel, modelType, method, language, license, namespace,
						RepositoryType.of(repoType).id()),
				choice(SearchMode.class, "mode", mode), choice(SortOrder.class, "sort", sort), limit, cursor);
		CatalogHits.Page page = this.hits.search(query);
		List<Hit> hits = page.entries()
			.stream()
			.map((entry) -> Hit.of(entry.hit(), entry.adapter(), entry.score()))
			.toList();
		return new SearchResponse(hits, page.facets(), page.nextCursor(), page.total());
	}

	private static <E extends Enum<E>> E choice(Class<E> type, String name, String value) {
		try {
			return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("invalid-search",
					"'" + name + "' cannot be '" + value + "'; use one of "
							+ java.util.Arrays.stream(type.getEnumConstants())
								.map((e) -> e.name().toLowerCase(Locale.ROOT))
								.toList());
		}
	}

	record SearchResponse(List<Hit> hits, Map<String, Map<String, Long>> facets, String nextCursor, long total) {
	}

	/**
	 * @param score the relevance score, comparable only within one response
	 * @param evaluation the repository's headline evaluation score, or null
	 */
	record Hit(String id, double score, Map<String, List<String>> highlights, String namespace, String name,
			String summary, String task, String subtask, String modelName, String method, List<String> languages,
			long downloads, Instant updatedAt, HeadlineScore evaluation) {

		static Hit of(SearchHit hit, Adapter adapter, HeadlineScore evaluation) {
			String description = adapter.getDescription();
			String summary = (description == null) ? null : (description.length() <= SUMMARY_LENGTH)
					? description.strip() : description.substring(0, SUMMARY_LENGTH).strip() + "…";
			return new Hit(hit.id(), hit.score(), hit.highlights(), adapter.getNamespace(), adapter.getName(), summary,
					adapter.getTask(), adapter.getSubtask(), adapter.getModelName(), adapter.getMethod(),
					List.of(adapter.getLanguages()), adapter.getDownloads(), adapter.getUpdatedAt(), evaluation);
		}

	}

}
