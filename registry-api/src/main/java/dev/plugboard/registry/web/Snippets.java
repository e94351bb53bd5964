package dev.plugboard.registry.web;

import java.util.List;

/**
 * Copy-ready ways to fetch one version: Java SDK, CLI, curl, and Python with the
 * {@code adapters} or {@code peft} library (through a downloaded directory, since neither
 * knows this hub).
 */
record Snippets(List<Snippet> all) {

	static Snippets of(String hub, String repository, String version, String method, String modelName,
			List<String> files) {
		String reference = repository + "@" + version;
		String base = (modelName != null) ? modelName : "<base model>";
		String directory = repository.replace('/', '_') + "-" + version;
		StringBuilder curl = new StringBuilder("mkdir -p " + directory + " && cd " + directory + "\n");
		for (String file : files) {
			curl.append("curl -fL --create-dirs -o '")
				.append(file)
				.append("' ")
				.append(hub)
				.append("/api/v1/adapters/")
				.append(repository)
				.append("/versions/")
				.append(version)
				.append("/files/")
				.append(file)
				.append('\n');
		}
		String java = """
				PlugboardClient hub = PlugboardClient.builder("%s").build();
				ModelDirectory base = BaseModelImport.importTo(BundledBaseModel.ALL_MINILM_L6_V2, Path.of("models/base"));
				try (AdaptedModel model = AdaptedModel.load(base, Devices.choose("auto"))) {
				    model.add(hub.pull("%s"));   // resolved, downloaded, sha256-verified, cached
				    model.activate("%s");
				}
				"""
			.formatted(hub, reference, repository.substring(repository.indexOf('/') + 1));
		String cli = "plugboard --hub " + hub + " pull " + reference;
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

	record Snippet(String id, String label, String code) {
	}

}
