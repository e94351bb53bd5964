/**
 * Search over adapter repositories: the {@link dev.plugboard.search.AdapterIndex} port,
 * its embedded Lucene implementation ({@link dev.plugboard.search.LuceneAdapterIndex}:
 * BM25, filtered kNN and reciprocal rank fusion), the offline all-MiniLM-L6-v2 text
 * embedder ({@link dev.plugboard.search.MiniLmEmbedder}) and a relevance evaluation
 * harness ({@link dev.plugboard.search.RelevanceEvaluation}). The module knows nothing of
 * the registry's own types: the registry maps its repositories to
 * {@link dev.plugboard.search.AdapterDocument}s. Design notes are in the module's README.
 */
package dev.plugboard.search;
