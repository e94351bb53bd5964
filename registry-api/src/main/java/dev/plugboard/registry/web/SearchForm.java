package dev.plugboard.registry.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import dev.plugboard.registry.system.InvalidRequestException;
import dev.plugboard.search.SearchFilters;
import dev.plugboard.search.SearchMode;
import dev.plugboard.search.SearchQuery;
import dev.plugboard.search.SortOrder;

/**
 * The search page's state, all of it in the URL (so results can be shared and
 * bookmarked), and the links that change one part of it.
 */
final class SearchForm {

	static final int PAGE_SIZE = 20;

	/** Filter parameters in the order the page shows their facets. */
	static final List<String> FILTERS = List.of("task", "subtask", "base_model", "method", "language", "license",
			"namespace");

	static final List<String> SORTS = List.of("relevance", "downloads", "recent", "score");

	private static final int MAX_TEXT = 1024;

	private static final int MAX_VALUE = 200;

	private final String text;

	private final Map<String, String> filters;

	private final String sort;

	private final String cursor;

	private final int page;

	private SearchForm(String text, Map<String, String> filters, String sort, String cursor, int page) {
		this.text = text;
		this.filters = filters;
		this.sort = sort;
		this.cursor = cursor;
		this.page = page;
	}

	/**
	 * Reads the page's parameters; unknown ones are ignored (old bookmarks keep working).
	 * @throws InvalidRequestException for a sort the page does not offer, or overlong
	 * values
	 */
	static SearchForm of(Map<String, String> parameters) {
		String text = parameters.getOrDefault("q", "").strip();
		if (text.length() > MAX_TEXT) {
			throw new InvalidRequestException("invalid-search",
					"The search text is longer than " + MAX_TEXT + " characters");
		}
		Map<String, String> filters = new LinkedHashMap<>();
		for (String name : FILTERS) {
			String value = parameters.get(name);
			if (value != null && !value.isBlank()) {
				if (value.length() > MAX_VALUE) {
					throw new InvalidRequestException("invalid-search", "The " + name + " filter is too long");
				}
				filters.put(name, value.strip());
			}
		}
		String sort = parameters.getOrDefault("sort", "relevance").strip().toLowerCase(Locale.ROOT);
		if (sort.isEmpty()) {
			sort = "relevance";
		}
		if (!SORTS.contains(sort)) {
			throw new InvalidRequestException("invalid-search",
					"Results can be sorted by " + String.join(", ", SORTS) + "; not by '" + sort + "'");
		}
		String cursor = parameters.get("cursor");
		int page = 1;
		try {
			page = Math.max(1, Integer.parseInt(parameters.getOrDefault("page", "1")));
		}
		catch (NumberFormatException ex) {
			// only a label on the page; a bad one starts the count again
		}
		return new SearchForm(text, filters, sort, (cursor == null || cursor.isBlank()) ? null : cursor, page);
	}

	SearchQuery query() {
		return new SearchQuery(this.text,
				new SearchFilters(this.filters.get("task"), this.filters.get("subtask"), this.filters.get("base_model"),
						null, this.filters.get("method"), this.filters.get("language"), this.filters.get("license"),
						this.filters.get("namespace"), "adapter"),
				SearchMode.HYBRID, SortOrder.valueOf(this.sort.toUpperCase(Locale.ROOT)), PAGE_SIZE, this.cursor);
	}

	public String getText() {
		return this.text;
	}

	public String getSort() {
		return this.sort;
	}

	public int getPage() {
		return this.page;
	}

	/** Index of the first result on this page, counting from 1. */
	public int getFirst() {
		return (this.page - 1) * PAGE_SIZE + 1;
	}

	public Map<String, String> getFilters() {
		return this.filters;
	}

	public boolean isSelected(String filter, String value) {
		return value.equals(this.filters.get(filter));
	}

	/** This search with one filter set (a new search: back to page one). */
	public String with(String filter, String value) {
		Map<String, String> changed = new LinkedHashMap<>(this.filters);
		changed.put(filter, value);
		return url(this.text, changed, this.sort, null, 1);
	}

	public String without(String filter) {
		Map<String, String> changed = new LinkedHashMap<>(this.filters);
		changed.remove(filter);
		return url(this.text, changed, this.sort, null, 1);
	}

	public String sortedBy(String order) {
		return url(this.text, this.filters, order, null, 1);
	}

	public String next(String nextCursor) {
		return url(this.text, this.filters, this.sort, nextCursor, this.page + 1);
	}

	public String firstPage() {
		return url(this.text, this.filters, this.sort, null, 1);
	}

	private static String url(String text, Map<String, String> filters, String sort, String cursor, int page) {
		StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
		if (!text.isEmpty()) {
			query.add("q=" + encode(text));
		}
		filters.forEach((name, value) -> query.add(name + "=" + encode(value)));
		if (!"relevance".equals(sort)) {
			query.add("sort=" + sort);
		}
		if (cursor != null) {
			query.add("cursor=" + encode(cursor)).add("page=" + page);
		}
		return "/search" + query;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
