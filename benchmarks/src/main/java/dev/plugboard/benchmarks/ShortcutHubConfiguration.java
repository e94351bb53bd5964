package dev.plugboard.benchmarks;

import java.nio.file.Path;
import java.util.List;

import dev.plugboard.benchmarks.search.ShortcutEmbedder;
import dev.plugboard.benchmarks.search.VariantCorpus;
import dev.plugboard.search.AdapterDocument;
import dev.plugboard.search.AdapterHubCatalog;
import dev.plugboard.search.TextEmbedder;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * Loaded into the hub under test only (through {@code spring.main.sources}, never by the
 * hub's own scan). The hub keeps its real MiniLM embedder bean and its whole indexing
 * path; this adds a primary embedder in front of it that answers the generated variants'
 * texts with vectors derived from the cards' real vectors (the search benchmark's
 * shortcut, regenerated here from the same seed) and everything else, query texts
 * included, with the real model. Without it a 100,000-repository rebuild would take 45+
 * minutes of MiniLM on two cores.
 */
@Configuration(proxyBeanMethods = false)
public class ShortcutHubConfiguration {

	static final String CATALOG = "plugboard.web-bench.catalog";

	static final String DOCUMENTS = "plugboard.web-bench.documents";

	@Bean
	@Primary
	ShortcutEmbedder benchmarkEmbedder(@Qualifier("textEmbedder") TextEmbedder real, Environment environment) {
		List<AdapterDocument> catalog = AdapterHubCatalog.load(Path.of(environment.getRequiredProperty(CATALOG)));
		int documents = environment.getRequiredProperty(DOCUMENTS, Integer.class);
		ShortcutEmbedder embedder = ShortcutEmbedder.mainCorpus(real).withoutRecording();
		List<String> texts = VariantCorpus.baseTexts(catalog);
		VariantCorpus.registerBases(texts, real.embed(texts), List.of(embedder));
		VariantCorpus.generate(catalog, documents, List.of(embedder));
		embedder.resetCounters();
		return embedder;
	}

	@Bean
	ServerTimingFilter serverTimingFilter(ShortcutEmbedder embedder) {
		return new ServerTimingFilter(embedder);
	}

}
