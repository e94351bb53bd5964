package dev.plugboard.registry.web;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Search results with facets, sort and pages; every state is a URL. */
@Controller
class SearchPageController {

	private final CatalogSearch search;

	SearchPageController(CatalogSearch search) {
		this.search = search;
	}

	@GetMapping("/search")
	String search(@RequestParam Map<String, String> parameters, Model model) {
		SearchForm form = SearchForm.of(parameters);
		model.addAttribute("form", form);
		model.addAttribute("sorts", SearchForm.SORTS);
		this.search.search(form.query()).ifPresentOrElse((results) -> {
			model.addAttribute("results", results);
			model.addAttribute("facets", Facet.of(results.facets(), form));
		}, () -> model.addAttribute("facets", List.of()));
		return "search";
	}

}
