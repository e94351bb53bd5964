package dev.plugboard.registry.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.plugboard.registry.adapter.Adapter;
import dev.plugboard.registry.adapter.AdapterCatalog;
import dev.plugboard.registry.adapter.AdapterVersion;
import dev.plugboard.registry.adapter.TagService;
import dev.plugboard.registry.adapter.VersionCatalog;
import dev.plugboard.registry.adapter.VersionFile;
import dev.plugboard.registry.adapter.VersionNotFoundException;
import dev.plugboard.registry.evaluation.EvaluationResults;
import dev.plugboard.registry.evaluation.Result;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A repository's page: its card, metadata, the weights of a version, all versions with
 * their files, evaluation results as a table and a chart, and snippets to fetch it.
 */
@Controller
class AdapterPageController {

	/** Versions whose evaluations the page shows (the newest). */
	private static final int EVALUATED_VERSIONS = 30;

	private final AdapterCatalog catalog;

	private final VersionCatalog versions;

	private final TagService tags;

	private final EvaluationResults results;

	private final Markdown markdown;

	private final JsonMapper json;

	AdapterPageController(AdapterCatalog catalog, VersionCatalog versions, TagService tags, EvaluationResults results,
			Markdown markdown, JsonMapper json) {
		this.catalog = catalog;
		this.versions = versions;
		this.tags = tags;
		this.results = results;
		this.markdown = markdown;
		this.json = json;
	}

	@GetMapping("/adapters/{namespace}/{name}")
	String adapter(@PathVariable String namespace, @PathVariable String name,
			@RequestParam(required = false) String version, Model model) {
		Adapter adapter = this.catalog.get(namespace, name);
		List<AdapterVersion> all = this.versions.versions(adapter);
		Map<Long, List<VersionFile>> files = this.versions.files(all);
		Map<String, String> refs = this.tags.tags(adapter);
		AdapterVersion selected = selected(adapter, all, refs, version);
		model.addAttribute("adapter", adapter);
		model.addAttribute("card", this.markdown.toHtml(adapter.getDescription()));
		model.addAttribute("links", Metadata.links(adapter.getLinks(), this.json));
		model.addAttribute("baseModelRepo",
				(adapter.getModelName() != null) ? this.catalog.baseModels(List.of(adapter.getModelName()))
					.get(adapter.getModelName().toLowerCase(java.util.Locale.ROOT)) : null);
		model.addAttribute("refs", refs);
		model.addAttribute("versions",
				all.stream().map((v) -> VersionRow.of(v, files.getOrDefault(v.getId(), List.of()), refs)).toList());
		model.addAttribute("selected", selected);
		model.addAttribute("weights",
				(selected != null) ? Metadata.weights(selected.getWeights(), this.json) : List.of());
		evaluations(all, model);
		if (selected != null) {
			String hub = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
			model.addAttribute("snippets", Snippets.of(hub, adapter.repositoryId(), selected.getVersion(),
					adapter.getMethod(), adapter.getModelName(),
					files.getOrDefault(selected.getId(), List.of()).stream().map(VersionFile::getPath).toList()));
		}
		return "adapter";
	}

	private AdapterVersion selected(Adapter adapter, List<AdapterVersion> all, Map<String, String> refs,
			String version) {
		if (version != null && !version.isBlank()) {
			return all.stream()
				.filter((v) -> v.getVersion().equals(version))
				.findFirst()
				.orElseThrow(() -> new VersionNotFoundException(adapter.repositoryId(), version));
		}
		String latest = refs.get("latest");
		return all.stream()
			.filter((v) -> v.getVersion().equals(latest))
			.findFirst()
			.orElse(all.isEmpty() ? null : all.get(0));
	}

	private void evaluations(List<AdapterVersion> all, Model model) {
		List<AdapterVersion> oldestFirst = new ArrayList<>(all.subList(0, Math.min(all.size(), EVALUATED_VERSIONS)));
		oldestFirst.sort(Comparator.comparing(AdapterVersion::getCreatedAt).thenComparing(AdapterVersion::getId));
		List<EvaluationRow> rows = new ArrayList<>();
		List<String> evaluatedVersions = new ArrayList<>();
		Map<String, Map<Integer, Double>> scores = new LinkedHashMap<>();
		Map<Long, List<Result>> byVersion = this.results
			.resultsOfVersions(oldestFirst.stream().map(AdapterVersion::getId).toList());
		for (AdapterVersion version : oldestFirst) {
			List<Result> found = byVersion.getOrDefault(version.getId(), List.of());
			if (found.isEmpty()) {
				continue;
			}
			int index = evaluatedVersions.size();
			evaluatedVersions.add(version.getVersion());
			for (Result result : found) {
				rows.add(EvaluationRow.of(version, result, this.json));
				scores.computeIfAbsent(result.benchmarkId(), (benchmark) -> new LinkedHashMap<>())
					.put(index, result.primaryValue());
			}
		}
		rows.sort(Comparator.comparing(EvaluationRow::createdAt).reversed());
		model.addAttribute("evaluations", rows);
		model.addAttribute("chart", rows.isEmpty() ? null : ScoreChart.of(evaluatedVersions, scores));
	}

}
