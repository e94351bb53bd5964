package dev.plugboard.registry.web;

import java.util.List;
import java.util.Map;

import dev.plugboard.search.SearchFilters;
import dev.plugboard.search.SearchMode;
import dev.plugboard.search.SearchQuery;
import dev.plugboard.search.SortOrder;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The front page: a search box, popular tasks and base models (facet counts over every
 * adapter), recently updated and best-scored adapters.
 */
@Controller
class HomeController {

	private static final int SHOWN = 6;

	private final CatalogSearch search;

	HomeController(CatalogSearch search) {
		this.search = search;
	}

	@GetMapping("/")
	String home(Model model) {
		SearchFilters adapters = new SearchFilters(null, null, null, null, null, null, null, null, "adapter");
		this.search.search(new SearchQuery("", adapters, SearchMode.KEYWORD, SortOrder.RECENT, SHOWN, null))
			.ifPresent((recent) -> {
				model.addAttribute("recent", recent.cards());
				model.addAttribute("total", recent.total());
				model.addAttribute("tasks", top(recent.facets().get("task")));
				model.addAttribute("baseModels", top(recent.facets().get("baseModel")));
			});
		this.search.search(new SearchQuery("", adapters, SearchMode.KEYWORD, SortOrder.SCORE, SHOWN, null))
			.ifPresent((best) -> model.addAttribute("best",
					best.cards().stream().filter((card) -> card.evaluation() != null).toList()));
		return "home";
	}

	private static List<Map.Entry<String, Long>> top(Map<String, Long> counts) {
		return (counts == null) ? List.of() : counts.entrySet().stream().limit(8).toList();
	}

}
