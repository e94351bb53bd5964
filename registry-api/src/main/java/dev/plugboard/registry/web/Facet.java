package dev.plugboard.registry.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A facet as the search page lists it: each value with its count and the link that
 * selects it (or, when selected, removes it).
 */
record Facet(String parameter, String label, List<Value> values) {

	private static final int SHOWN = 10;

	private static final Map<String, String> INDEX_FIELDS = Map.of("task", "task", "subtask", "subtask", "base_model",
			"baseModel", "method", "method", "language", "language", "license", "license", "namespace", "namespace");

	private static final Map<String, String> LABELS = Map.of("task", "Task", "subtask", "Subtask", "base_model",
			"Base model", "method", "Method", "language", "Language", "license", "License", "namespace", "Namespace");

	static List<Facet> of(Map<String, Map<String, Long>> counts, SearchForm form) {
		List<Facet> facets = new ArrayList<>();
		for (String parameter : SearchForm.FILTERS) {
			Map<String, Long> values = counts.getOrDefault(INDEX_FIELDS.get(parameter), Map.of());
			List<Value> shown = new ArrayList<>();
			String selected = form.getFilters().get(parameter);
			if (selected != null && !values.containsKey(selected)) {
				shown.add(new Value(selected, 0, true, form.without(parameter)));
			}
			values.entrySet().stream().limit(SHOWN).forEach((entry) -> {
				boolean on = form.isSelected(parameter, entry.getKey());
				shown.add(new Value(entry.getKey(), entry.getValue(), on,
						on ? form.without(parameter) : form.with(parameter, entry.getKey())));
			});
			if (!shown.isEmpty()) {
				facets.add(new Facet(parameter, LABELS.get(parameter), shown));
			}
		}
		return facets;
	}

	record Value(String value, long count, boolean selected, String url) {
	}

}
