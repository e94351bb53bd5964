package dev.plugboard.registry.web;

import dev.plugboard.registry.evaluation.Benchmarks;
import dev.plugboard.registry.evaluation.EvaluationResults;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Benchmarks and their leaderboards (best version of each adapter, best first). */
@Controller
class BenchmarkPageController {

	private static final int LEADERBOARD_SIZE = 100;

	private final Benchmarks benchmarks;

	private final EvaluationResults results;

	BenchmarkPageController(Benchmarks benchmarks, EvaluationResults results) {
		this.benchmarks = benchmarks;
		this.results = results;
	}

	@GetMapping("/benchmarks")
	String benchmarks(Model model) {
		model.addAttribute("benchmarks", this.benchmarks.list(null, null));
		return "benchmarks";
	}

	@GetMapping("/benchmarks/{namespace}/{name}")
	String leaderboard(@PathVariable String namespace, @PathVariable String name,
			@RequestParam(name = "base_model", required = false) String baseModel,
			@RequestParam(required = false) String method, Model model) {
		model.addAttribute("leaderboard",
				this.results.leaderboard(namespace, name, baseModel, method, LEADERBOARD_SIZE));
		model.addAttribute("baseModel", (baseModel != null) ? baseModel : "");
		model.addAttribute("method", (method != null) ? method : "");
		return "leaderboard";
	}

}
