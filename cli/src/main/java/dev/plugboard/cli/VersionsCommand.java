package dev.plugboard.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Lists a repository's versions. */
@Command(name = "versions", description = "List a repository's versions, newest first.")
final class VersionsCommand implements Callable<Integer> {

	@Mixin
	HubOptions options;

	@Parameters(paramLabel = "NS/NAME")
	String repository;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		JsonElement versions = this.options.client().versions(this.repository);
		if (this.options.json) {
			Output.json(this.spec.commandLine().getOut(), versions);
			return 0;
		}
		JsonElement items = versions.isJsonObject() ? versions.getAsJsonObject().get("items") : versions;
		List<List<String>> rows = new ArrayList<>();
		rows.add(List.of("VERSION", "COMMIT", "FILES", "SIZE", "TAGS", "STATUS", "CREATED"));
		for (JsonElement element : items.getAsJsonArray()) {
			JsonObject version = element.getAsJsonObject();
			List<String> tags = new ArrayList<>();
			version.getAsJsonArray("tags").forEach((tag) -> tags.add(tag.getAsString()));
			String commit = Output.string(version, "commit");
			rows.add(List.of(Output.string(version, "version"), commit.substring(0, Math.min(12, commit.length())),
					Integer.toString(version.getAsJsonArray("files").size()),
					Output.size(version.get("total_size").getAsLong()), String.join(",", tags),
					version.get("yanked").getAsBoolean() ? "yanked" : Output.string(version, "status"),
					Output.string(version, "created_at")));
		}
		Output.table(this.spec.commandLine().getOut(), rows);
		return 0;
	}

}
