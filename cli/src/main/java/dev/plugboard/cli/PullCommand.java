package dev.plugboard.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.plugboard.client.FileRef;
import dev.plugboard.client.PlugboardClient;
import dev.plugboard.client.Snapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Downloads a version into the cache and prints where it is. */
@Command(name = "pull", description = "Download an adapter (or base model) version into the local cache, verifying "
		+ "every sha256, and print its directory.")
final class PullCommand implements Callable<Integer> {

	@Mixin
	HubOptions options;

	@Parameters(paramLabel = "REFERENCE",
			description = "ns/name, ns/name@version, ns/name@tag, ns/name@commit, task/subtask@org or sha256:<hex>.")
	String reference;

	@Option(names = "--base-model", paramLabel = "MODEL",
			description = "Narrow task/subtask@org down to adapters of this base model.")
	String baseModel;

	@Option(names = "--to", paramLabel = "DIR",
			description = "Also lay the files out in DIR (hard links into the cache where possible).")
	Path target;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		PlugboardClient client = this.options.client();
		Snapshot snapshot = client.pull(this.reference, this.baseModel, ProgressBars.of(this.options));
		Path directory = snapshot.directory();
		if (this.target != null) {
			directory = client.cache().materialize(this.target.toAbsolutePath(), snapshot.version().files());
		}
		PrintWriter out = this.spec.commandLine().getOut();
		if (snapshot.offline() && !this.options.offline()) {
			this.spec.commandLine()
				.getErr()
				.println("plugboard: warning: the hub is unreachable; using " + snapshot.repository() + "@"
						+ snapshot.version().version() + " from the cache");
			this.spec.commandLine().getErr().flush();
		}
		if (this.options.json) {
			JsonObject json = new JsonObject();
			json.addProperty("repository", snapshot.repository());
			json.addProperty("version", snapshot.version().version());
			json.addProperty("commit", snapshot.version().commit());
			json.addProperty("yanked", snapshot.version().yanked());
			json.addProperty("directory", directory.toString());
			json.addProperty("downloaded_bytes", snapshot.downloadedBytes());
			json.addProperty("offline", snapshot.offline());
			JsonArray files = new JsonArray();
			for (FileRef file : snapshot.version().files()) {
				JsonObject entry = new JsonObject();
				entry.addProperty("path", file.path());
				entry.addProperty("size", file.size());
				entry.addProperty("sha256", file.sha256());
				files.add(entry);
			}
			json.add("files", files);
			Output.json(out, json);
		}
		else {
			out.println(directory);
			out.flush();
			if (!this.options.quiet) {
				PrintWriter err = this.spec.commandLine().getErr();
				err.println(snapshot.repository() + "@" + snapshot.version().version() + ": "
						+ snapshot.version().files().size() + " files, " + Output.size(snapshot.version().size())
						+ ((snapshot.downloadedBytes() > 0)
								? ", " + Output.size(snapshot.downloadedBytes()) + " downloaded"
								: ", all from the cache")
						+ (snapshot.version().yanked() ? " (yanked)" : ""));
				err.flush();
			}
		}
		return 0;
	}

}
