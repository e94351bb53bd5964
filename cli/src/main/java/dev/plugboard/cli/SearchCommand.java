package dev.plugboard.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Searches the catalog. */
@Command(name = "search", description = "Search adapters by words and filters (hybrid full-text and semantic).")
final class SearchCommand implements Callable<Integer> {

	@Mixin
	HubOptions options;

	@Parameters(paramLabel = "WORDS", arity = "0..*", description = "What to look for, e.g. movie review sentiment.")
	List<String> words = new ArrayList<>();

	@Option(names = "--task")
	String task;

	@Option(names = "--subtask")
	String subtask;

	@Option(names = "--base-model", paramLabel = "MODEL")
	String baseModel;

	@Option(names = "--method")
	String method;

	@Option(names = "--language")
	String language;

	@Option(names = "--license")
	String license;

	@Option(names = "--namespace")
	String namespace;

	@Option(names = "--base-models", description = "Search base models instead of adapters.")
	boolean baseModels;

	@Option(names = "--sort", description = "relevance, downloads, recent or score (default: relevance).")
	String sort;

	@Option(names = "--mode", description = "hybrid, keyword or semantic (default: hybrid).")
	String mode;

	@Option(names = "--limit", defaultValue = "20",
			description = "At most this many hits, 1-100 (default ${DEFAULT-VALUE}).")
	int limit;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("q", String.join(" ", this.words));
		parameters.put("task", this.task);
		parameters.put("subtask", this.subtask);
		parameters.put("base_model", this.baseModel);
		parameters.put("method", this.method);
		parameters.put("language", this.language);
		parameters.put("license", this.license);
		parameters.put("namespace", this.namespace);
		parameters.put("repo_type", this.baseModels ? "base_model" : null);
		parameters.put("sort", this.sort);
		parameters.put("mode", this.mode);
		parameters.put("limit", Integer.toString(this.limit));
		JsonObject result = this.options.client().search(parameters);
		if (this.options.json) {
			Output.json(this.spec.commandLine().getOut(), result);
			return 0;
		}
		List<List<String>> rows = new ArrayList<>();
		rows.add(List.of("ID", "TASK", "BASE MODEL", "METHOD", "SCORE", "DOWNLOADS"));
		for (JsonElement element : result.getAsJsonArray("hits")) {
			JsonObject hit = element.getAsJsonObject();
			String task = Output.string(hit, "task")
					+ (Output.string(hit, "subtask").isEmpty() ? "" : "/" + Output.string(hit, "subtask"));
			JsonObject evaluation = (hit.get("evaluation") != null && hit.get("evaluation").isJsonObject())
					? hit.getAsJsonObject("evaluation") : null;
			String score = (evaluation != null)
					? Output.score(evaluation.get("value").getAsDouble()) + " " + Output.string(evaluation, "metric")
					: "";
			rows.add(List.of(Output.string(hit, "id"), task, Output.string(hit, "model_name"),
					Output.string(hit, "method"), score, Output.string(hit, "downloads")));
		}
		Output.table(this.spec.commandLine().getOut(), rows);
		this.spec.commandLine().getErr().println(result.get("total").getAsLong() + " matching");
		this.spec.commandLine().getErr().flush();
		return 0;
	}

}
