package dev.plugboard.registry.basemodel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.plugboard.registry.adapter.Adapter;
import dev.plugboard.registry.adapter.AdapterCatalog;
import dev.plugboard.registry.adapter.AdapterMetadata;
import dev.plugboard.registry.adapter.AdapterMetadata.Change;
import dev.plugboard.registry.adapter.AdapterVersion;
import dev.plugboard.registry.adapter.PublishResult;
import dev.plugboard.registry.adapter.RepositoryType;
import dev.plugboard.registry.adapter.RepositoryTypeConflictException;
import dev.plugboard.registry.adapter.VersionCatalog;
import dev.plugboard.registry.adapter.VersionPublisher;
import dev.plugboard.registry.identity.Caller;
import dev.plugboard.registry.system.InvalidRequestException;
import dev.plugboard.runtime.baseimport.BaseModelImport;
import dev.plugboard.runtime.baseimport.BundledBaseModel;
import dev.plugboard.runtime.encoder.ModelDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

/**
 * Registers the base models whose ONNX exports the hub ships with (see
 * {@link BundledBaseModel}) as base-model repositories named like their Hugging Face
 * repositories ({@code sentence-transformers/all-MiniLM-L6-v2}), version
 * {@value #VERSION}: the export is converted into the Hugging Face layout in a temporary
 * directory and published through the same path as an upload (staged, checked,
 * content-addressed, one transaction with audit record and outbox row). Registering a
 * model that is already registered changes nothing and converts nothing.
 */
@Service
public class BundledBaseModels {

	/**
	 * The version a bundled model is published as. The Hugging Face commit of the export
	 * is not recorded in the jar, so the first (and so far only) import is 1.0.0.
	 */
	public static final String VERSION = "1.0.0";

	/** The {@code source} of the repositories registered here. */
	public static final String SOURCE = "bundled";

	private static final Logger log = LoggerFactory.getLogger(BundledBaseModels.class);

	private static final Pattern JAR = Pattern.compile("([^/!]+\\.jar)!/");

	private final AdapterCatalog catalog;

	private final VersionCatalog versions;

	private final VersionPublisher publisher;

	private final JsonMapper json;

	private final Map<BundledBaseModel, ReentrantLock> locks = new EnumMap<>(BundledBaseModel.class);

	BundledBaseModels(AdapterCatalog catalog, VersionCatalog versions, VersionPublisher publisher, JsonMapper json) {
		this.catalog = catalog;
		this.versions = versions;
		this.publisher = publisher;
		this.json = json;
		for (BundledBaseModel model : BundledBaseModel.values()) {
			this.locks.put(model, new ReentrantLock());
		}
	}

	/**
	 * The bundled model with that Hugging Face id, ignoring case.
	 * @throws InvalidRequestException of kind {@code unknown-base-model} naming the
	 * bundled ones
	 */
	public static BundledBaseModel byName(String name) {
		return Arrays.stream(BundledBaseModel.values())
			.filter((model) -> model.repository().equalsIgnoreCase(name))
			.findFirst()
			.orElseThrow(() -> new InvalidRequestException("unknown-base-model",
					"No bundled base model '" + name + "'; the hub ships with "
							+ Arrays.stream(BundledBaseModel.values()).map(BundledBaseModel::repository).toList()));
	}

	/** The registered version of a bundled model, if it is registered. */
	public Optional<AdapterVersion> registered(BundledBaseModel model) {
		String[] id = model.repository().split("/", 2);
		return this.catalog.find(id[0], id[1])
			.filter(Adapter::isBaseModel)
			.flatMap((adapter) -> this.versions.find(adapter, VERSION));
	}

	/**
	 * Registers a bundled model unless it is registered: converts it and publishes it as
	 * version {@value #VERSION} of its base-model repository.
	 * @return the version and whether this call created it
	 * @throws RepositoryTypeConflictException when an adapter repository has the model's
	 * name
	 */
	public PublishResult register(Caller caller, BundledBaseModel model) {
		caller.requireAdmin();
		String[] id = model.repository().split("/", 2);
		ReentrantLock lock = this.locks.get(model);
		lock.lock();
		try {
			Optional<Adapter> existing = this.catalog.find(id[0], id[1]);
			if (existing.isPresent()) {
				Adapter adapter = existing.get();
				if (!adapter.isBaseModel()) {
					throw new RepositoryTypeConflictException(adapter.repositoryId(), adapter.getRepoType(),
							RepositoryType.BASE_MODEL);
				}
				Optional<AdapterVersion> version = this.versions.find(adapter, VERSION);
				if (version.isPresent()) {
					return new PublishResult(adapter, version.get(), false);
				}
			}
			return convertAndPublish(caller, model, id[0], id[1]);
		}
		finally {
			lock.unlock();
		}
	}

	private PublishResult convertAndPublish(Caller caller, BundledBaseModel model, String namespace, String name) {
		long started = System.nanoTime();
		Path work = null;
		try {
			work = Files.createTempDirectory("plugboard-base-model-");
			ModelDirectory directory = BaseModelImport.importTo(model, work.resolve("model"));
			this.catalog.createImportedIfMissing(caller, namespace, name, RepositoryType.BASE_MODEL,
					metadata(model, directory), SOURCE, origin(model));
			PublishResult result = this.publisher.publishFromHub(caller, namespace, name, VERSION,
					new DirectoryFiles(directory.path()));
			log.info("Registered base model {}@{} in {} ms", model.repository(), VERSION,
					(System.nanoTime() - started) / 1_000_000);
			return result;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot convert " + model.repository(), ex);
		}
		finally {
			deleteQuietly(work);
		}
	}

	private static AdapterMetadata metadata(BundledBaseModel model, ModelDirectory directory) {
		var config = directory.config();
		String pooling = model.pooling().name().toLowerCase(Locale.ROOT);
		String description = "# " + model.repository() + "\n\n" + summary(model) + "\n\nA BERT encoder: "
				+ config.layers() + " layers, hidden size " + config.hiddenSize() + ", " + config.attentionHeads()
				+ " attention heads, vocabulary of " + config.vocabSize() + " tokens; sentence embeddings by "
				+ ("cls".equals(pooling) ? "the [CLS] token" : pooling + " pooling")
				+ ".\n\nRegistered by the hub from the ONNX export shipped in `" + jarOf(model)
				+ "` (Maven Central), converted into the Hugging Face layout: `config.json`, `model.safetensors` "
				+ "(float32 weights named as `BertModel` names them, matrices `[out, in]`), `tokenizer.json` and "
				+ "`1_Pooling/config.json`.\n";
		return new AdapterMetadata(new Change<>(description), null, new Change<>("bert"), null, null, null, null, null,
				null, new Change<>(List.of("en")), new Change<>(license(model)),
				new Change<>(List.of("sentence-transformers", "feature-extraction", "sentence-similarity")),
				new Change<>(model.repository().split("/", 2)[0]), null,
				new Change<>("{\"huggingface\":\"https://huggingface.co/" + model.repository() + "\"}"));
	}

	private static String summary(BundledBaseModel model) {
		return switch (model) {
			case ALL_MINILM_L6_V2 -> "Sentence embeddings for English: maps sentences and paragraphs to a "
					+ "384-dimensional vector, for semantic search, clustering and similarity.";
			case BGE_SMALL_EN_V15 -> "BAAI General Embedding (small, English, v1.5): maps text to a "
					+ "384-dimensional vector, for retrieval, classification and similarity.";
		};
	}

	/** The licenses of the upstream Hugging Face repositories. */
	private static String license(BundledBaseModel model) {
		return switch (model) {
			case ALL_MINILM_L6_V2 -> "apache-2.0";
			case BGE_SMALL_EN_V15 -> "mit";
		};
	}

	private String origin(BundledBaseModel model) {
		Map<String, Object> origin = new LinkedHashMap<>();
		origin.put("jar", jarOf(model));
		origin.put("onnx_resource", model.onnxResource());
		origin.put("tokenizer_resource", model.tokenizerResource());
		origin.put("pooling", model.pooling().name().toLowerCase(Locale.ROOT));
		return this.json.writeValueAsString(origin);
	}

	/** The file name of the jar holding the model's ONNX export. */
	static String jarOf(BundledBaseModel model) {
		URL url = BundledBaseModel.class.getClassLoader().getResource(model.onnxResource());
		if (url == null) {
			return null;
		}
		String last = null;
		Matcher matcher = JAR.matcher(url.toString());
		while (matcher.find()) {
			last = matcher.group(1);
		}
		return last;
	}

	private static void deleteQuietly(Path directory) {
		if (directory == null) {
			return;
		}
		try (Stream<Path> walk = Files.walk(directory)) {
			for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			log.warn("Could not delete {}: {}", directory, ex.getMessage());
		}
	}

}
