package dev.plugboard.registry.indexing;

import java.nio.file.Path;

import dev.plugboard.registry.system.HubProperties;
import dev.plugboard.search.AdapterIndex;
import dev.plugboard.search.LuceneAdapterIndex;
import dev.plugboard.search.MiniLmEmbedder;
import dev.plugboard.search.TextEmbedder;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The search index: Lucene on local disk, embeddings from all-MiniLM-L6-v2 run
 * in-process.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "plugboard.search.enabled", havingValue = "true", matchIfMissing = true)
class SearchConfiguration {

	@Bean(destroyMethod = "close")
	TextEmbedder textEmbedder() {
		return MiniLmEmbedder.load();
	}

	// Closed before the embedder it uses (beans are destroyed in reverse order of
	// creation).
	@Bean(destroyMethod = "close")
	LuceneAdapterIndex adapterIndex(SearchProperties search, HubProperties hub, TextEmbedder embedder) {
		Path directory = (search.indexDir() != null) ? search.indexDir() : hub.dataDir().resolve("search-index");
		return LuceneAdapterIndex.open(directory.toAbsolutePath(), embedder);
	}

}
