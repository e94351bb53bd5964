package dev.plugboard.registry.adapter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.plugboard.formats.AdapterConfigs;
import dev.plugboard.formats.AdapterDescription;
import dev.plugboard.formats.AdapterInspector;
import dev.plugboard.formats.FileKind;
import dev.plugboard.formats.FormatException;
import dev.plugboard.formats.SafetensorsHeader;
import dev.plugboard.formats.Violation;
import dev.plugboard.registry.system.InvalidRequestException;
import dev.plugboard.storage.BlobStore;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a version's staged files before anything is committed: for an adapter, an
 * {@code adapter_config.json} that parses, JSON configs that parse, and safetensors
 * headers that are sane and fit the method; for a base model, a {@code config.json} with
 * a {@code model_type} and sane safetensors headers. Reads only what it needs from
 * storage (configs, and each safetensors header by a ranged read).
 */
final class VersionContentCheck {

	static final String ADAPTER_CONFIG = "adapter_config.json";

	static final String MODEL_CONFIG = "config.json";

	private static final List<String> JSON_CONFIGS = List.of(ADAPTER_CONFIG, "head_config.json");

	private VersionContentCheck() {
	}

	/**
	 * @return the parsed adapter_config.json and the description of the weights
	 * @throws FormatException when a file is invalid, or the weights do not fit the
	 * declared method (kind {@code inconsistent-adapter}, with violations)
	 */
	static CheckedContent check(BlobStore blobs, List<StagedFile> files) {
		StagedFile config = files.stream()
			.filter((file) -> file.path().equals(ADAPTER_CONFIG))
			.findFirst()
			.orElseThrow(() -> new InvalidRequestException("missing-adapter-config",
					"A version needs an adapter_config.json at its root; got "
							+ files.stream().map(StagedFile::path).toList()));
		ObjectNode parsed = null;
		ObjectNode head = null;
		Map<String, SafetensorsHeader> weights = new LinkedHashMap<>();
		for (StagedFile file : files) {
			if (JSON_CONFIGS.contains(file.path())) {
				ObjectNode node = parseJson(blobs, file);
				if (file == config) {
					parsed = node;
				}
				else {
					head = node;
				}
			}
			else if (FileKind.of(file.path()) == FileKind.SAFETENSORS) {
				weights.put(file.path(), readSafetensors(blobs, file));
			}
		}
		// Base-model dimensions are not known to the registry yet; shapes are checked
		// against
		// the config and against each other.
		AdapterDescription description = AdapterInspector.describe(parsed, weights, head, null);
		if (!description.isConsistent()) {
			throw AdapterInspector.reject(description);
		}
		return new CheckedContent(parsed, description.toMap());
	}

	/**
	 * Checks a base model's version: a {@code config.json} at its root that is a JSON
	 * object naming its {@code model_type} (what Hugging Face's {@code AutoConfig}
	 * needs), and every safetensors header. No {@code adapter_config.json} is needed.
	 * @return the parsed config.json and a description of the weights
	 */
	static CheckedContent checkBaseModel(BlobStore blobs, List<StagedFile> files) {
		StagedFile config = files.stream()
			.filter((file) -> file.path().equals(MODEL_CONFIG))
			.findFirst()
			.orElseThrow(() -> new InvalidRequestException("missing-model-config",
					"A base-model version needs a config.json at its root; got "
							+ files.stream().map(StagedFile::path).toList()));
		ObjectNode parsed;
		try {
			parsed = parseJson(blobs, config);
		}
		catch (FormatException ex) {
			throw new FormatException("invalid-model-config", ex.getMessage(), ex.violations());
		}
		tools.jackson.databind.JsonNode modelType = parsed.get("model_type");
		if (modelType == null || !modelType.isString() || modelType.stringValue().isBlank()) {
			throw new FormatException("invalid-model-config",
					"config.json must name the architecture in a string field model_type (e.g. \"bert\")",
					List.of(new Violation(MODEL_CONFIG, "model_type missing or not a string")));
		}
		Map<String, SafetensorsHeader> weights = new LinkedHashMap<>();
		for (StagedFile file : files) {
			if (FileKind.of(file.path()) == FileKind.SAFETENSORS) {
				weights.put(file.path(), readSafetensors(blobs, file));
			}
		}
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("format", weights.isEmpty() ? null : "safetensors");
		description.put("model_type", modelType.stringValue());
		description.put("files", List.copyOf(weights.keySet()));
		description.put("tensors", weights.values().stream().mapToInt((header) -> header.tensors().size()).sum());
		description.put("parameters", weights.values().stream().mapToLong(SafetensorsHeader::parameterCount).sum());
		description.put("dtypes",
				weights.values()
					.stream()
					.flatMap((header) -> header.tensors().values().stream())
					.map((tensor) -> tensor.dtype().name())
					.distinct()
					.sorted()
					.toList());
		return new CheckedContent(parsed, description);
	}

	/**
	 * What the checks learned about a version.
	 *
	 * @param config the parsed adapter_config.json (adapters) or config.json (base
	 * models)
	 * @param weights the description of the weights, stored with the version
	 */
	record CheckedContent(ObjectNode config, Map<String, Object> weights) {
	}

	private static ObjectNode parseJson(BlobStore blobs, StagedFile file) {
		if (file.blob().size() > AdapterConfigs.MAX_BYTES) {
			throw new FormatException("invalid-adapter-config",
					file.path() + " is larger than " + AdapterConfigs.MAX_BYTES + " bytes",
					List.of(new Violation(file.path(), "too large")));
		}
		try (InputStream in = blobs.read(file.blob().key(), 0, -1)) {
			try {
				return AdapterConfigs.parse(in.readAllBytes());
			}
			catch (FormatException ex) {
				throw new FormatException(ex.kind(), file.path() + ": " + ex.getMessage(), ex.violations());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static SafetensorsHeader readSafetensors(BlobStore blobs, StagedFile file) {
		long size = file.blob().size();
		long headerRead = Math.min(size, 8 + SafetensorsHeader.MAX_HEADER_BYTES);
		try (InputStream in = (size < 8) ? InputStream.nullInputStream()
				: blobs.read(file.blob().key(), 0, headerRead)) {
			try {
				return SafetensorsHeader.read(in, size);
			}
			catch (FormatException ex) {
				throw new FormatException(ex.kind(), file.path() + ": " + ex.getMessage(), ex.violations());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
