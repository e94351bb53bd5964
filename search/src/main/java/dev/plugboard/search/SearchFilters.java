package dev.plugboard.search;

/**
 * Equality pre-filters, applied to BM25 and kNN alike (so a kNN search returns its
 * nearest neighbours among the matching documents, not matching documents among the
 * nearest neighbours); null means no filter. All given filters must hold.
 * {@code language} matches a document having that language among its languages.
 *
 * @param task the task id
 * @param subtask the subtask id
 * @param baseModel the base model id
 * @param modelType the model type
 * @param method the adaptation method
 * @param language one language code
 * @param license the license id
 * @param namespace the owning namespace
 * @param repoType the repository type, {@code adapter} or {@code base_model}
 */
public record SearchFilters(String task, String subtask, String baseModel, String modelType, String method,
		String language, String license, String namespace, String repoType) {

	/**
	 * Returns filters that filter nothing.
	 * @return all-null filters
	 */
	public static SearchFilters none() {
		return new SearchFilters(null, null, null, null, null, null, null, null, null);
	}

}
