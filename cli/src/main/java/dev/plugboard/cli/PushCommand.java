package dev.plugboard.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import com.google.gson.JsonObject;
import dev.plugboard.client.PlugboardClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Publishes a local adapter as a new version. */
@Command(name = "push", description = "Publish a local adapter directory (or a zip/tar/tar.gz bundle) as a new "
		+ "version, creating the repository when it does not exist.")
final class PushCommand implements Callable<Integer> {

	@Mixin
	HubOptions options;

	@Parameters(index = "0", paramLabel = "NS/NAME@VERSION",
			description = "Where to publish, e.g. ukp/sst2-lora@1.0.0.")
	String destination;

	@Parameters(index = "1", paramLabel = "PATH", description = "The adapter directory or bundle.")
	Path source;

	@Option(names = "--task", description = "AdapterHub task, e.g. sentiment.")
	String task;

	@Option(names = "--subtask", description = "AdapterHub subtask, e.g. sst-2.")
	String subtask;

	@Option(names = "--base-model", paramLabel = "MODEL", description = "The base model, e.g. "
			+ "sentence-transformers/all-MiniLM-L6-v2 (default: what adapter_config.json names).")
	String baseModel;

	@Option(names = "--method", description = "lora, seq_bn, … (default: what adapter_config.json says).")
	String method;

	@Option(names = "--license", description = "SPDX license id, e.g. apache-2.0.")
	String license;

	@Option(names = "--description", paramLabel = "FILE",
			description = "The model card (Markdown); default: README.md in the directory, for a new repository.")
	Path description;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() throws IOException {
		int at = this.destination.lastIndexOf('@');
		if (at <= 0 || at == this.destination.length() - 1) {
			throw new IllegalArgumentException(
					"Name the version to publish: NS/NAME@VERSION, e.g. ukp/sst2-lora@1.0.0; got " + this.destination);
		}
		String repository = this.destination.substring(0, at);
		String version = this.destination.substring(at + 1);
		Map<String, Object> metadata = new LinkedHashMap<>();
		put(metadata, "task", this.task);
		put(metadata, "subtask", this.subtask);
		put(metadata, "model_name", this.baseModel);
		put(metadata, "method", this.method);
		put(metadata, "license", this.license);
		PlugboardClient client = this.options.client();
		Path card = (this.description != null) ? this.description
				: (Files.isDirectory(this.source) ? this.source.resolve("README.md") : null);
		if (this.description != null || (card != null && Files.isRegularFile(card) && !exists(client, repository))) {
			metadata.put("description", Files.readString(card));
		}
		JsonObject published = client.push(repository, version, this.source, metadata, ProgressBars.of(this.options));
		PrintWriter out = this.spec.commandLine().getOut();
		if (this.options.json) {
			Output.json(out, published);
		}
		else {
			out.println("Published " + Output.string(published, "adapter") + "@" + Output.string(published, "version")
					+ " (" + published.getAsJsonArray("files").size() + " files, "
					+ Output.size(published.get("total_size").getAsLong()) + ", commit "
					+ Output.string(published, "commit") + ")");
			out.println(Output.string(published, "url"));
			out.flush();
		}
		return 0;
	}

	private static boolean exists(PlugboardClient client, String repository) {
		try {
			client.repository(repository);
			return true;
		}
		catch (dev.plugboard.client.HubException ex) {
			if (ex.status() == 404) {
				return false;
			}
			throw ex;
		}
	}

	private static void put(Map<String, Object> metadata, String key, String value) {
		if (value != null) {
			metadata.put(key, value);
		}
	}

}
