package dev.plugboard.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Shows a repository. */
@Command(name = "info", description = "Show a repository: metadata, tags and latest version.")
final class InfoCommand implements Callable<Integer> {

	@Mixin
	HubOptions options;

	@Parameters(paramLabel = "NS/NAME")
	String repository;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		JsonObject info = this.options.client().repository(this.repository);
		PrintWriter out = this.spec.commandLine().getOut();
		if (this.options.json) {
			Output.json(out, info);
			return 0;
		}
		for (String field : new String[] { "id", "repo_type", "task", "subtask", "model_name", "method", "license",
				"latest_version", "downloads", "url" }) {
			String value = Output.string(info, field);
			if (!value.isEmpty()) {
				out.printf("%-15s %s%n", field.replace('_', ' ') + ":", value);
			}
		}
		JsonObject refs = info.getAsJsonObject("refs");
		if (refs != null && !refs.isEmpty()) {
			StringBuilder tags = new StringBuilder();
			for (Map.Entry<String, JsonElement> ref : refs.entrySet()) {
				tags.append((tags.length() == 0) ? "" : ", ")
					.append(ref.getKey())
					.append(" → ")
					.append(ref.getValue().getAsString());
			}
			out.printf("%-15s %s%n", "tags:", tags);
		}
		String description = Output.string(info, "description");
		if (!description.isEmpty()) {
			out.println();
			out.println(description.strip());
		}
		out.flush();
		return 0;
	}

}
