package dev.plugboard.registry.web;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.web.util.UriUtils;

/**
 * Copy-ready ways to fetch one version: Java (adapter-runtime pulling the base model and
 * stitching the adapter by name), CLI, curl, and Python with the {@code adapters} or
 * {@code peft} library (through a downloaded directory, since neither knows this hub).
 */
record Snippets(List<Snippet> all) {

	static Snippets of(String hub, String repository, String version, String method, String modelName,
			List<String> files) {
		String reference = repository + "@" + version;
		String base = (modelName != null) ? modelName : "<base model>";
		String directory = repository.replace('/', '_') + "-" + version;
		StringBuilder curl = new StringBuilder("mkdir -p " + directory + " && cd " + directory + "\n");
		String versionUrl = hub + "/api/v1/adapters/" + encodePath(repository) + "/versions/"
				+ UriUtils.encodePathSegment(version, StandardCharsets.UTF_8);
		for (String file : files) {
			curl.append("curl -fL --create-dirs -o ")
				.append(shellQuote(file))
				.append(' ')
				.append(shellQuote(versionUrl + "/files/" + encodePath(file)))
				.append('\n');
		}
		// The Java way is adapter-runtime's: the base model and the adapter both pulled
		// by
		// name, stitched, and ready to predict.
		String baseModel = (modelName != null) ? modelName : "<base model repository>";
		String java = """
				PlugboardClient hub = PlugboardClient.builder("%s").build();
				try (AdaptedModel model = AdaptedModel.pull(hub, "%s")) {
				    StitchedAdapter adapter = model.loadAdapter("%s");   // resolved, downloaded, sha256-verified, cached
				    model.activate(adapter.name());
				    float[][] probabilities = model.classify(List.of("Your text here."));
				}
				"""
			.formatted(hub, baseModel, reference);
		// Options belong to the subcommand (picocli), so --hub follows "pull".
		String cli = "plugboard pull " + reference + " --hub " + hub;
		boolean peft = method == null || method.equals("lora") || method.equals("ia3") || method.equals("prefix_tuning")
				|| method.equals("prompt_tuning");
		String python = peft ? """
				# after downloading the files (curl tab) into %s
				from transformers import AutoModel
				from peft import PeftModel
				model = PeftModel.from_pretrained(AutoModel.from_pretrained("%s"), "%s")
				""".formatted(directory, base, directory) : """
				# after downloading the files (curl tab) into %s
				from adapters import AutoAdapterModel
				model = AutoAdapterModel.from_pretrained("%s")
				model.load_adapter("%s", set_active=True)
				""".formatted(directory, base, directory);
		return new Snippets(List.of(new Snippet("java", "Java SDK", java.strip()), new Snippet("cli", "CLI", cli),
				new Snippet("curl", "curl", curl.toString().strip()),
				new Snippet("python", peft ? "Python (peft)" : "Python (adapters)", python.strip())));
	}

	/** Each segment of a slash-separated path percent-encoded; the slashes kept. */
	private static String encodePath(String path) {
		return Arrays.stream(path.split("/", -1))
			.map((segment) -> UriUtils.encodePathSegment(segment, StandardCharsets.UTF_8))
			.collect(Collectors.joining("/"));
	}

	/** One shell word, whatever the text holds. */
	private static String shellQuote(String text) {
		return "'" + text.replace("'", "'\\''") + "'";
	}

	record Snippet(String id, String label, String code) {
	}

}
