package dev.plugboard.registry.indexing;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled turns search (and loading the embedding model) off
 * @param indexDir where the Lucene index lives; default {@code <data-dir>/search-index}
 * @param pollInterval how often the indexer looks for changes in the outbox
 */
@ConfigurationProperties("plugboard.search")
public record SearchProperties(@DefaultValue("true") boolean enabled, Path indexDir,
		@DefaultValue("200ms") Duration pollInterval) {
}
