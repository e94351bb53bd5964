package dev.plugboard.search;

/**
 * How a result is ordered. Ties are broken by repository id, so pages are stable.
 */
public enum SortOrder {

	/**
	 * Best match first. A query without text has no relevance and sorts as
	 * {@link #DOWNLOADS}.
	 */
	RELEVANCE,

	/**
	 * Most downloaded first.
	 */
	DOWNLOADS,

	/**
	 * Most recently updated first; documents without an update time last.
	 */
	RECENT,

	/**
	 * Highest evaluation score first ({@link AdapterDocument#score()}); documents without
	 * a score last. Scores are comparable within one benchmark, so combine with a subtask
	 * filter.
	 */
	SCORE

}
