package dev.plugboard.registry.web;

import java.util.Map;

import dev.plugboard.registry.system.InvalidRequestException;
import dev.plugboard.search.SortOrder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SearchFormTests {

	@Test
	void everyStateIsAUrlThatReadsBackTheSame() {
		SearchForm form = SearchForm.of(Map.of("q", "c++ & sentiment", "task", "sentiment", "sort", "score"));
		String url = form.with("base_model", "bert-base-uncased");
		assertThat(url)
			.isEqualTo("/search?q=c%2B%2B+%26+sentiment&task=sentiment&base_model=bert-base-uncased&sort=score");
		assertThat(form.without("task")).isEqualTo("/search?q=c%2B%2B+%26+sentiment&sort=score");
		assertThat(form.sortedBy("relevance")).isEqualTo("/search?q=c%2B%2B+%26+sentiment&task=sentiment");
		assertThat(form.next("abc=")).endsWith("&sort=score&cursor=abc%3D&page=2");
		assertThat(form.query().sort()).isEqualTo(SortOrder.SCORE);
		assertThat(form.query().filters().task()).isEqualTo("sentiment");
		assertThat(form.query().filters().repoType()).isEqualTo("adapter");
	}

	@Test
	void refusesSortsItDoesNotOfferAndOverlongText() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> SearchForm.of(Map.of("sort", "alphabetical")));
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> SearchForm.of(Map.of("q", "x".repeat(1025))));
	}

	@Test
	void ignoresUnknownParametersAndBadPageNumbers() {
		SearchForm form = SearchForm.of(Map.of("colour", "blue", "page", "abc"));
		assertThat(form.getPage()).isEqualTo(1);
		assertThat(form.getFilters()).isEmpty();
	}

}
