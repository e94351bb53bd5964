package dev.plugboard.registry.hf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.plugboard.registry.adapter.Adapter;
import dev.plugboard.registry.adapter.AdapterAlreadyExistsException;
import dev.plugboard.registry.adapter.AdapterCatalog;
import dev.plugboard.registry.adapter.AdapterMetadata;
import dev.plugboard.registry.identity.Caller;
import dev.plugboard.registry.identity.Permission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Who a token is, creating repositories, and the model-card check before a commit. */
@RestController
@Tag(name = "Hugging Face API")
class HfAccountController {

	private final AdapterCatalog catalog;

	private final JsonMapper json;

	HfAccountController(AdapterCatalog catalog, JsonMapper json) {
		this.catalog = catalog;
		this.json = json;
	}

	/**
	 * A token scoped to a namespace is the user of that name (so {@code whoami()["name"]}
	 * is where its repositories go); admin and runner tokens are users named after their
	 * permission, members of no organisation.
	 */
	@GetMapping("/api/whoami-v2")
	@Operation(summary = "The calling token as the Hub describes a user (401 without a valid token)")
	Map<String, Object> whoami(@Parameter(hidden = true) Caller caller) {
		String name = (caller.namespace() != null) ? caller.namespace() : caller.permission().id();
		Map<String, Object> token = new LinkedHashMap<>();
		token.put("displayName", "token " + caller.tokenId());
		token.put("role", caller.permission().includes(Permission.WRITE) ? "write" : "read");
		Map<String, Object> user = new LinkedHashMap<>();
		user.put("type", "user");
		user.put("id", "token-" + caller.tokenId());
		user.put("name", name);
		user.put("fullname", name);
		user.put("email", null);
		user.put("emailVerified", false);
		user.put("isPro", false);
		user.put("canPay", false);
		user.put("avatarUrl", "");
		user.put("periodEnd", null);
		user.put("orgs", List.of());
		user.put("auth", Map.of("type", "access_token", "accessToken", token));
		user.put("plugboard", Map.of("permission", caller.permission().id(), "namespace",
				(caller.namespace() != null) ? caller.namespace() : ""));
		return user;
	}

	@PostMapping("/api/repos/create")
	@Operation(summary = "Create a (public, model) repository; 409 when it exists")
	ResponseEntity<Map<String, Object>> create(@Parameter(hidden = true) Caller caller, @RequestBody String body) {
		JsonNode request = HfException.json(this.json, body);
		String type = request.path("type").asString("model");
		if (!type.equals("model")) {
			throw HfException.badRequest("Plugboard holds model repositories (adapters) only, not " + type + "s");
		}
		boolean wantsPrivate = request.path("private").asBoolean(false)
				|| !request.path("visibility").asString("public").equals("public");
		if (wantsPrivate) {
			throw HfException.badRequest("Plugboard repositories are public; create it with visibility public");
		}
		if (request.path("files").isArray() && !request.path("files").isEmpty()) {
			throw HfException.badRequest("Create the repository without files, then commit them (a commit publishes a "
					+ "version, which is validated as a whole)");
		}
		String name = request.path("name").asString("");
		String namespace = request.path("organization").isString() ? request.path("organization").stringValue() : null;
		if (name.contains("/")) {
			namespace = name.substring(0, name.indexOf('/'));
			name = name.substring(name.indexOf('/') + 1);
		}
		if (namespace == null) {
			namespace = caller.namespace();
		}
		if (namespace == null || name.isBlank()) {
			throw HfException.badRequest("Name the repository: {\"name\": …, \"organization\": <namespace>}");
		}
		String license = request.path("license").isString() ? request.path("license").stringValue().strip() : null;
		if (license != null && (license.isEmpty() || license.length() > 256)) {
			throw HfException.badRequest("license must be 1 to 256 characters");
		}
		String url = ServletUriComponentsBuilder.fromCurrentContextPath()
			.pathSegment(namespace, name)
			.build()
			.toUriString();
		try {
			Adapter adapter = this.catalog.create(caller, namespace, name,
					new AdapterMetadata(null, null, null, null, null, null, null, null, null, null,
							(license != null) ? new AdapterMetadata.Change<>(license) : null, null, null, null, null));
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("url", url);
			answer.put("name", adapter.repositoryId());
			answer.put("id", String.format("%024x", adapter.getId()));
			return ResponseEntity.ok(answer);
		}
		catch (AdapterAlreadyExistsException ex) {
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("error", "You already created this model repo");
			answer.put("url", url);
			return ResponseEntity.status(HttpStatus.CONFLICT).body(answer);
		}
	}

	/**
	 * The model card's YAML front matter must parse to a mapping; huggingface_hub checks
	 * this before every commit holding a README.md.
	 */
	@PostMapping("/api/validate-yaml")
	@Operation(summary = "Check a model card's YAML front matter")
	ResponseEntity<Map<String, Object>> validateYaml(@RequestBody String body) {
		JsonNode request = HfException.json(this.json, body);
		String content = request.path("content").asString("");
		String error = frontMatterError(content);
		if (error != null) {
			return ResponseEntity.badRequest()
				.body(Map.of("errors", List.of(Map.of("message", error)), "warnings", List.of()));
		}
		return ResponseEntity.ok(Map.of("errors", List.of(), "warnings", List.of()));
	}

	static String frontMatterError(String content) {
		String text = content.replace("\r\n", "\n");
		if (!text.startsWith("---\n")) {
			return null;
		}
		int end = text.indexOf("\n---", 3);
		if (end < 0) {
			return "The YAML front matter opened by '---' is never closed by a '---' line";
		}
		String yaml = text.substring(4, end + 1);
		LoaderOptions options = new LoaderOptions();
		options.setMaxAliasesForCollections(50);
		options.setCodePointLimit(1024 * 1024);
		try {
			Object loaded = new org.yaml.snakeyaml.Yaml(new SafeConstructor(options)).load(yaml);
			if (loaded != null && !(loaded instanceof Map)) {
				return "The YAML front matter must be a mapping of keys to values";
			}
			return null;
		}
		catch (YAMLException ex) {
			return "The YAML front matter is not valid YAML: " + ex.getMessage();
		}
	}

}
