package dev.plugboard.registry;

import java.util.List;

import dev.plugboard.registry.adapter.Adapter;
import dev.plugboard.registry.adapter.AdapterCatalog;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Search pages and the search API read a page of hits in one query: exactly the
 * repositories asked for, in the order asked, even when other namespace and name
 * combinations of the same values exist.
 */
class AdapterCatalogIT extends HubTestSupport {

	@Autowired
	private AdapterCatalog catalog;

	@Test
	void findAllReturnsExactlyTheAskedRepositoriesInTheirOrder() {
		String a = uniqueNamespace("fa");
		String b = uniqueNamespace("fb");
		for (String namespace : List.of(a, b)) {
			createAdapter(namespace, "x", null);
			createAdapter(namespace, "y", null);
		}
		List<String> found = this.catalog.findAll(List.of(b + "/y", a + "/x", a + "/gone", "malformed"))
			.stream()
			.map(Adapter::repositoryId)
			.toList();
		assertThat(found).containsExactly(b + "/y", a + "/x");
		assertThat(this.catalog.findAll(List.of())).isEmpty();
	}

}
