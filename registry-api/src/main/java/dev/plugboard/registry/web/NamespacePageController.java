package dev.plugboard.registry.web;

import java.util.List;
import java.util.Map;

import dev.plugboard.registry.adapter.Adapter;
import dev.plugboard.registry.adapter.AdapterCatalog;
import dev.plugboard.registry.adapter.AdapterFilter;
import dev.plugboard.registry.adapter.AdapterPage;
import dev.plugboard.registry.evaluation.EvaluationResults;
import dev.plugboard.registry.evaluation.EvaluationResults.HeadlineScore;
import dev.plugboard.registry.system.NotFoundException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** A namespace's repositories (adapters and base models), by name, paged. */
@Controller
class NamespacePageController {

	private static final int PAGE_SIZE = 50;

	private final AdapterCatalog catalog;

	private final EvaluationResults results;

	NamespacePageController(AdapterCatalog catalog, EvaluationResults results) {
		this.catalog = catalog;
		this.results = results;
	}

	@GetMapping("/namespaces/{namespace}")
	String namespace(@PathVariable String namespace, @RequestParam(required = false) String cursor, Model model) {
		AdapterPage page = this.catalog.list(new AdapterFilter(null, namespace, null, null, null, null, null), cursor,
				PAGE_SIZE);
		if (page.items().isEmpty() && cursor == null) {
			throw new NotFoundException("not-found", "Namespace '" + namespace + "' has no repositories");
		}
		Map<Long, HeadlineScore> scores = this.results
			.headlineScores(page.items().stream().map(Adapter::getId).toList());
		List<Card> cards = page.items().stream().map((a) -> Card.of(a, scores.get(a.getId()))).toList();
		model.addAttribute("namespace", namespace);
		model.addAttribute("cards", cards);
		model.addAttribute("baseModels",
				page.items().stream().filter(Adapter::isBaseModel).map(Adapter::repositoryId).toList());
		model.addAttribute("nextCursor", page.nextCursor());
		return "namespace";
	}

}
