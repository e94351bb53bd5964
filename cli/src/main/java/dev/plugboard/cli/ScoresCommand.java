package dev.plugboard.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.plugboard.client.PlugboardClient;
import dev.plugboard.client.ResolvedVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Shows evaluation results of a version, or a benchmark's leaderboard. */
@Command(name = "scores",
		description = "Show a version's evaluation results and jobs, or with --benchmark a leaderboard.")
final class ScoresCommand implements Callable<Integer> {

	@Mixin
	HubOptions options;

	@Parameters(paramLabel = "REFERENCE", arity = "0..1", description = "The version, e.g. ukp/sst2-lora@1.0.0.")
	String reference;

	@Option(names = "--benchmark", paramLabel = "NS/NAME",
			description = "Show this benchmark's leaderboard instead, e.g. glue/sst2.")
	String benchmark;

	@Option(names = "--base-model", paramLabel = "MODEL", description = "Leaderboard: only this base model.")
	String baseModel;

	@Option(names = "--method", description = "Leaderboard: only this method.")
	String method;

	@Option(names = "--limit", description = "Leaderboard: at most this many entries.")
	Integer limit;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		if ((this.reference == null) == (this.benchmark == null)) {
			throw new picocli.CommandLine.ParameterException(this.spec.commandLine(),
					"Give either a REFERENCE or --benchmark");
		}
		PlugboardClient client = this.options.client();
		if (this.benchmark != null) {
			return leaderboard(client);
		}
		ResolvedVersion version = client.resolve(this.reference);
		JsonObject evaluations = client.evaluations(version.repository(), version.version());
		if (this.options.json) {
			Output.json(this.spec.commandLine().getOut(), evaluations);
			return 0;
		}
		List<List<String>> rows = new ArrayList<>();
		rows.add(List.of("BENCHMARK", "METRIC", "SCORE", "EXAMPLES", "DEVICE", "EVALUATED"));
		for (JsonElement element : evaluations.getAsJsonArray("results")) {
			JsonObject result = element.getAsJsonObject();
			rows.add(List.of(Output.string(result, "benchmark"), Output.string(result, "primary_metric"),
					Output.score(result.get("score").getAsDouble()), Output.string(result, "examples"),
					Output.string(result, "device"), Output.string(result, "created_at")));
		}
		this.spec.commandLine().getOut().println(version.repository() + "@" + version.version());
		Output.table(this.spec.commandLine().getOut(), rows);
		for (JsonElement element : evaluations.getAsJsonArray("jobs")) {
			JsonObject job = element.getAsJsonObject();
			String status = Output.string(job, "status");
			if (!status.equals("succeeded")) {
				this.spec.commandLine()
					.getOut()
					.println("job " + Output.string(job, "id") + " on " + Output.string(job, "benchmark") + ": "
							+ status + (Output.string(job, "last_error").isEmpty() ? ""
									: " (" + Output.string(job, "last_error") + ")"));
			}
		}
		this.spec.commandLine().getOut().flush();
		return 0;
	}

	private int leaderboard(PlugboardClient client) {
		JsonObject board = client.leaderboard(this.benchmark, this.baseModel, this.method, this.limit);
		if (this.options.json) {
			Output.json(this.spec.commandLine().getOut(), board);
			return 0;
		}
		List<List<String>> rows = new ArrayList<>();
		rows.add(List.of("RANK", "ADAPTER", "VERSION", "BASE MODEL", "METHOD",
				Output.string(board, "primary_metric").toUpperCase(java.util.Locale.ROOT)));
		for (JsonElement element : board.getAsJsonArray("entries")) {
			JsonObject entry = element.getAsJsonObject();
			rows.add(List.of(Output.string(entry, "rank"), Output.string(entry, "repository"),
					Output.string(entry, "version"), Output.string(entry, "model_name"), Output.string(entry, "method"),
					Output.score(entry.get("score").getAsDouble())));
		}
		Output.table(this.spec.commandLine().getOut(), rows);
		return 0;
	}

}
