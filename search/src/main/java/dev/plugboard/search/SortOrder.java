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
	RECENT

}
