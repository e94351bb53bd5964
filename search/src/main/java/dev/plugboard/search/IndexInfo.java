package dev.plugboard.search;

/**
 * What an index is built with.
 *
 * @param schemaVersion the version of the index layout and of the text composed for
 * embedding; a change requires a rebuild
 * @param embeddingModel the embedding model id
 * @param dimension the embedding dimension
 * @param documents the number of searchable documents
 */
public record IndexInfo(int schemaVersion, String embeddingModel, int dimension, long documents) {

}
