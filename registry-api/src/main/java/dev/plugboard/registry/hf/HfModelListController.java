package dev.plugboard.registry.hf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import dev.plugboard.registry.adapter.Adapter;
import dev.plugboard.registry.adapter.AdapterCatalog;
import dev.plugboard.registry.adapter.AdapterVersion;
import dev.plugboard.registry.adapter.RepositoryType;
import dev.plugboard.registry.adapter.VersionCatalog;
import dev.plugboard.registry.adapter.VersionFile;
import dev.plugboard.search.AdapterIndex;
import dev.plugboard.search.InvalidSearchException;
import dev.plugboard.search.SearchFilters;
import dev.plugboard.search.SearchHit;
import dev.plugboard.search.SearchMode;
import dev.plugboard.search.SearchQuery;
import dev.plugboard.search.SearchResult;
import dev.plugboard.search.SortOrder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code GET /api/models}, answered by Plugboard's search index: {@code search} is a
 * keyword (BM25) query over names, descriptions and tasks (the Hub matches substrings of
 * ids; relevance ranking finds those and more), {@code author} is the namespace,
 * {@code filter} tags must all be among a repository's tags. Tags the index knows
 * ({@code base_model:adapter:X}, {@code license:X}) are pre-filters; the others are
 * checked on each page, so a page may hold fewer than {@code limit} entries while a
 * {@code Link: <…>; rel="next"} continues.
 */
@RestController
@Tag(name = "Hugging Face API")
@ConditionalOnProperty(name = "plugboard.search.enabled", havingValue = "true", matchIfMissing = true)
class HfModelListController {

	/** The search index's largest page. */
	private static final int MAX_PAGE = 100;

	private final AdapterIndex index;

	private final AdapterCatalog catalog;

	private final VersionCatalog versions;

	private final ModelInfos infos;

	HfModelListController(AdapterIndex index, AdapterCatalog catalog, VersionCatalog versions, ModelInfos infos) {
		this.index = index;
		this.catalog = catalog;
		this.versions = versions;
		this.infos = infos;
	}

	@GetMapping("/api/models")
	@Operation(summary = "List and search adapters the Hugging Face way (Link paging)")
	ResponseEntity<List<Map<String, Object>>> list(@RequestParam(required = false) String search,
			@RequestParam(required = false) String author, @RequestParam(required = false) List<String> filter,
			@RequestParam(name = "pipeline_tag", required = false) String pipelineTag,
			@RequestParam(required = false) String sort, @RequestParam(required = false) String direction,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		List<String> tags = (filter != null) ? filter.stream()
			.flatMap((f) -> List.of(f.split(",")).stream())
			.map(String::strip)
			.filter((f) -> !f.isEmpty())
			.toList() : List.of();
		if (pipelineTag != null && !pipelineTag.isBlank()) {
			// Plugboard records no pipeline tags, so no repository has one.
			return ResponseEntity.ok(List.of());
		}
		if (direction != null && !direction.equals("-1")) {
			throw HfException.badRequest("Only direction=-1 (descending) is supported");
		}
		int pageSize = (limit == null) ? MAX_PAGE : limit;
		if (pageSize < 1) {
			throw HfException.badRequest("limit must be at least 1");
		}
		pageSize = Math.min(pageSize, MAX_PAGE);
		String text = (search == null) ? "" : search.strip();
		SearchQuery query = new SearchQuery(text, filters(author, tags), SearchMode.KEYWORD, order(sort), pageSize,
				cursor);
		SearchResult result;
		try {
			result = this.index.search(query);
		}
		catch (InvalidSearchException ex) {
			throw HfException.badRequest(ex.getMessage());
		}
		List<Map<String, Object>> page = page(result, tags);
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		if (result.nextCursor() != null) {
			String next = ServletUriComponentsBuilder.fromCurrentRequest()
				.replaceQueryParam("cursor", result.nextCursor())
				.build()
				.encode()
				.toUriString();
			response.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
		}
		return response.body(page);
	}

	private List<Map<String, Object>> page(SearchResult result, List<String> tags) {
		// In hit order, without repositories the database no longer has.
		List<Adapter> adapters = this.catalog.findAll(result.hits().stream().map(SearchHit::id).toList());
		List<AdapterVersion> latest = adapters.stream()
			.map((adapter) -> this.versions.latest(adapter).orElse(null))
			.toList();
		Map<Long, List<VersionFile>> files = this.versions.files(latest.stream().filter(Objects::nonNull).toList());
		List<Map<String, Object>> page = new ArrayList<>();
		for (int i = 0; i < adapters.size(); i++) {
			Adapter adapter = adapters.get(i);
			AdapterVersion version = latest.get(i);
			Map<String, Object> info = this.infos.summary(adapter, version,
					(version != null) ? files.getOrDefault(version.getId(), List.of()) : List.of());
			@SuppressWarnings("unchecked")
			List<String> own = (List<String>) info.get("tags");
			if (own.containsAll(tags)) {
				page.add(info);
			}
		}
		return page;
	}

	private static SearchFilters filters(String author, List<String> tags) {
		String baseModel = null;
		String license = null;
		for (String tag : tags) {
			if (tag.startsWith("base_model:adapter:")) {
				baseModel = tag.substring("base_model:adapter:".length());
			}
			else if (tag.startsWith("license:")) {
				license = tag.substring("license:".length());
			}
		}
		return new SearchFilters(null, null, baseModel, null, null, null, license,
				(author == null || author.isBlank()) ? null : author.strip(), RepositoryType.ADAPTER.id());
	}

	private static SortOrder order(String sort) {
		if (sort == null || sort.isBlank()) {
			return SortOrder.RELEVANCE;
		}
		return switch (sort.toLowerCase(Locale.ROOT)) {
			case "downloads" -> SortOrder.DOWNLOADS;
			case "lastmodified" -> SortOrder.RECENT;
			default -> throw HfException.badRequest(
					"sort=" + sort + " is not supported; use downloads or lastModified (Plugboard has no likes or "
							+ "trending scores)");
		};
	}

}
