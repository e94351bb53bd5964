package dev.plugboard.registry.adapter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.plugboard.formats.AdapterConfigs;
import dev.plugboard.formats.AdapterHubConfigId;
import dev.plugboard.formats.Identifiers;
import dev.plugboard.registry.identity.Caller;
import dev.plugboard.registry.system.InvalidRequestException;
import dev.plugboard.registry.system.UploadProperties;
import dev.plugboard.storage.BlobStore;
import dev.plugboard.storage.StorageException;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * Publishes immutable versions. Bytes are streamed into staging objects while hashed,
 * checked, and only then committed: one transaction writes the version, its files and the
 * audit record, and moves the blobs to their content addresses before it commits. A
 * rejected or failed publish leaves no version row and no staging object; a crash between
 * the blob move and the commit leaves an unreferenced blob that {@code BlobSweeper}
 * removes.
 */
@Service
public class VersionPublisher {

	private final AdapterCatalog catalog;

	private final AdapterRepository adapters;

	private final AdapterVersionRepository versions;

	private final VersionFileRepository files;

	private final AuditLog audit;

	private final BlobStore blobs;

	private final UploadProperties limits;

	private final TransactionTemplate transaction;

	private final tools.jackson.databind.json.JsonMapper json;

	private final SearchOutbox outbox;

	private final List<VersionPublishedListener> listeners;

	VersionPublisher(SearchOutbox outbox, tools.jackson.databind.json.JsonMapper json, AdapterCatalog catalog,
			AdapterRepository adapters, AdapterVersionRepository versions, VersionFileRepository files, AuditLog audit,
			BlobStore blobs, UploadProperties limits, TransactionTemplate transaction,
			List<VersionPublishedListener> listeners) {
		this.listeners = List.copyOf(listeners);
		this.catalog = catalog;
		this.adapters = adapters;
		this.versions = versions;
		this.files = files;
		this.audit = audit;
		this.blobs = blobs;
		this.limits = limits;
		this.transaction = transaction;
		this.json = json;
		this.outbox = outbox;
	}

	/** Checks everything that does not need the body, before any of it is read. */
	private Adapter authorize(Caller caller, String namespace, String name, String version) {
		Adapter adapter = this.catalog.get(namespace, name);
		caller.requireWrite(namespace);
		Identifiers.requireVersion(version);
		return adapter;
	}

	public PublishResult publish(Caller caller, String namespace, String name, String version, UploadedFiles upload) {
		return publish(caller, namespace, name, version, upload, this.limits, true);
	}

	/**
	 * Publishes files at exactly the paths given (a Hugging Face commit names every path
	 * itself, and its commit id is computed from them), without dropping a top folder
	 * shared by all files as {@link #publish} does for zipped folders.
	 */
	public PublishResult publishAsGiven(Caller caller, String namespace, String name, String version,
			UploadedFiles upload) {
		return publish(caller, namespace, name, version, upload, this.limits, false);
	}

	/**
	 * Publishes files the hub made itself (a bundled base model), through the same checks
	 * and the same transaction as uploads, but not bounded by the upload limits, which
	 * protect the hub from clients.
	 */
	public PublishResult publishFromHub(Caller caller, String namespace, String name, String version,
			UploadedFiles files) {
		return publish(caller, namespace, name, version, files, new UploadProperties(DataSize.ofBytes(Long.MAX_VALUE),
				DataSize.ofBytes(Long.MAX_VALUE), Integer.MAX_VALUE), true);
	}

	private PublishResult publish(Caller caller, String namespace, String name, String version, UploadedFiles upload,
			UploadProperties limits, boolean stripCommonFolder) {
		Adapter adapter = authorize(caller, namespace, name, version);
		List<StagedFile> staged = new ArrayList<>();
		List<StagedFile> pending = staged;
		try {
			receive(upload, staged, limits);
			List<StagedFile> uploaded = List.copyOf(stripCommonFolder ? stripCommonFolder(staged) : staged);
			List<StagedFile> converted = PickleConversion.convert(this.blobs, uploaded, limits.maxFileSize().toBytes(),
					staged::add);
			List<StagedFile> all = new ArrayList<>(uploaded);
			all.addAll(converted);
			VersionContentCheck.CheckedContent content = adapter.isBaseModel()
					? VersionContentCheck.checkBaseModel(this.blobs, all) : VersionContentCheck.check(this.blobs, all);
			// Only what the client sent defines the content: conversions are derived, and
			// a
			// retry must match even if the converter changes.
			String digest = contentDigest(uploaded);
			PublishResult result = this.transaction
				.execute((status) -> commit(caller, adapter, version, all, digest, content));
			if (result.created()) {
				pending = List.of();
			}
			return result;
		}
		finally {
			for (StagedFile file : pending) {
				this.blobs.discard(file.blob());
			}
		}
	}

	private void receive(UploadedFiles upload, List<StagedFile> staged, UploadProperties limits) {
		Set<String> paths = new HashSet<>();
		long[] total = { 0 };
		long maxFile = limits.maxFileSize().toBytes();
		long maxVersion = limits.maxVersionSize().toBytes();
		try {
			upload.forEach((path, content) -> {
				Identifiers.requireFilePath(path);
				if (!paths.add(path)) {
					throw new InvalidRequestException("duplicate-file", "The upload contains '" + path + "' twice");
				}
				if (staged.size() >= limits.maxFiles()) {
					throw new InvalidRequestException("A version may hold at most " + limits.maxFiles() + " files");
				}
				long budget = Math.min(maxFile, maxVersion - total[0]);
				ClientInput input = new ClientInput(content);
				StagedFile file;
				try {
					file = new StagedFile(path, this.blobs.stage(input, budget));
				}
				catch (StorageException ex) {
					if (input.failure() != null) {
						throw unreadable(input.failure());
					}
					throw ex;
				}
				staged.add(file);
				total[0] += file.blob().size();
			});
		}
		catch (IOException ex) {
			throw unreadable(ex);
		}
		if (staged.isEmpty()) {
			throw new InvalidRequestException("empty-version", "The upload contains no files");
		}
	}

	private static InvalidRequestException unreadable(IOException ex) {
		return new InvalidRequestException("malformed-body",
				"The upload could not be read to its end: " + ex.getMessage());
	}

	/**
	 * A bundle made by zipping a folder holds {@code folder/adapter_config.json}; users
	 * mean the folder's content, so a single top folder shared by all files is dropped.
	 */
	static List<StagedFile> stripCommonFolder(List<StagedFile> staged) {
		if (staged.stream().anyMatch((file) -> !file.path().contains("/"))) {
			return staged;
		}
		String first = staged.get(0).path();
		String folder = first.substring(0, first.indexOf('/') + 1);
		if (!staged.stream().allMatch((file) -> file.path().startsWith(folder))) {
			return staged;
		}
		return staged.stream().map((file) -> file.withPath(file.path().substring(folder.length()))).toList();
	}

	private PublishResult commit(Caller caller, Adapter adapter, String version, List<StagedFile> staged, String digest,
			VersionContentCheck.CheckedContent content) {
		ObjectNode config = content.config();
		Adapter locked = lock(adapter);
		Optional<PublishResult> retry = samePublishedBefore(locked, version, digest);
		if (retry.isPresent()) {
			return retry.get();
		}
		AdapterVersion published = this.versions.save(new AdapterVersion(locked, version, digest, caller.tokenId(),
				new VersionNotes(null, null, this.json.writeValueAsString(content.weights()))));
		for (StagedFile file : staged) {
			this.files.save(VersionFile.stored(published, file.path(), file.blob().size(), file.blob().sha256(),
					BlobStore.contentKey(file.blob().sha256()), file.convertedFrom()));
		}
		if (locked.isBaseModel()) {
			fillModelTypeFromConfig(locked, config);
		}
		else {
			fillMetadataFromConfig(locked, config);
		}
		this.outbox.changed(locked);
		this.audit.record(caller, "version.published", locked,
				Map.of("version", version, "files", staged.size(), "content_digest", digest));
		// Evaluation jobs for matching benchmarks commit with the version or not at all.
		this.listeners.forEach((listener) -> listener.published(locked, published));
		for (StagedFile file : staged) {
			this.blobs.promote(file.blob());
		}
		return new PublishResult(locked, published, true);
	}

	/** Locks the repository's row: publishes of one repository happen one at a time. */
	private Adapter lock(Adapter adapter) {
		return this.adapters.lockById(adapter.getId())
			.orElseThrow(() -> new AdapterNotFoundException(adapter.repositoryId()));
	}

	/**
	 * Versions are immutable: the same content under the same version is an idempotent
	 * retry (the existing version is the answer), other content is a conflict.
	 */
	private Optional<PublishResult> samePublishedBefore(Adapter locked, String version, String digest) {
		return this.versions.findByAdapterIdAndVersion(locked.getId(), version).map((existing) -> {
			if (!existing.getContentDigest().equals(digest)) {
				throw new VersionConflictException(locked.repositoryId(), version);
			}
			return new PublishResult(locked, existing, false);
		});
	}

	/**
	 * Publishes a version whose files live elsewhere (an imported catalog): only their
	 * URLs and checksums are recorded. Same immutability rules as uploads.
	 */
	public PublishResult publishExternal(Caller caller, String namespace, String name, String version,
			List<ExternalFile> external, VersionNotes notes) {
		Adapter adapter = authorize(caller, namespace, name, version);
		if (external.isEmpty()) {
			throw new InvalidRequestException("empty-version", "The version lists no files");
		}
		Set<String> paths = new HashSet<>();
		for (ExternalFile file : external) {
			Identifiers.requireFilePath(file.path());
			if (!paths.add(file.path())) {
				throw new InvalidRequestException("duplicate-file", "The version lists '" + file.path() + "' twice");
			}
		}
		String digest = digest(external.stream().map((file) -> file.path() + " " + file.sha256()).toList());
		return this.transaction.execute((status) -> {
			Adapter locked = lock(adapter);
			Optional<PublishResult> retry = samePublishedBefore(locked, version, digest);
			if (retry.isPresent()) {
				return retry.get();
			}
			AdapterVersion published = this.versions
				.save(new AdapterVersion(locked, version, digest, caller.tokenId(), notes));
			external.forEach((file) -> this.files.save(VersionFile.external(published, file)));
			this.outbox.changed(locked);
			this.audit.record(caller, "version.published", locked,
					Map.of("version", version, "files", external.size(), "external", true));
			return new PublishResult(locked, published, true);
		});
	}

	/**
	 * Fields the owner left empty are taken from the config; the owner's own values win.
	 */
	private static void fillMetadataFromConfig(Adapter adapter, ObjectNode config) {
		adapter.apply(new AdapterMetadata(null, unlessSet(adapter.getModelName(), AdapterConfigs.baseModel(config)),
				null, unlessSet(adapter.getMethod(), AdapterConfigs.method(config)),
				unlessSet(adapter.getAdapterConfig(), config.toString()),
				unlessSet(adapter.getConfigId(), configId(config)), null, null, null, null, null, null, null, null,
				null));
	}

	/** A base model's empty {@code model_type} is taken from its config.json. */
	private static void fillModelTypeFromConfig(Adapter adapter, ObjectNode config) {
		tools.jackson.databind.JsonNode node = config.get("model_type");
		String modelType = (node != null && node.isString() && node.stringValue().length() <= 128) ? node.stringValue()
				: null;
		adapter.apply(new AdapterMetadata(null, null, unlessSet(adapter.getModelType(), modelType), null, null, null,
				null, null, null, null, null, null, null, null, null));
	}

	private static AdapterMetadata.Change<String> unlessSet(String current, String derived) {
		return (current == null && derived != null) ? new AdapterMetadata.Change<>(derived) : null;
	}

	/**
	 * AdapterHub's config id: of the {@code config} object of an AdapterHub-library
	 * config, else of the whole (PEFT) config, so uploads appear in the generated
	 * AdapterHub index.
	 */
	private static String configId(ObjectNode config) {
		tools.jackson.databind.JsonNode inner = config.get("config");
		try {
			return AdapterHubConfigId.of((inner != null && inner.isObject()) ? inner : config);
		}
		catch (IllegalArgumentException ex) {
			// A config Python's json module could not dump has no AdapterHub id; nothing
			// else depends on it.
			return null;
		}
	}

	/**
	 * sha256 over the sorted "path sha256" lines: equal for equal content, whatever the
	 * upload order.
	 */
	static String contentDigest(List<StagedFile> staged) {
		return digest(staged.stream().map((file) -> file.path() + " " + file.blob().sha256()).toList());
	}

	/**
	 * The content digest a version of these files gets (path to sha256), computable
	 * before any byte is received: the Hugging Face commit endpoint names a version after
	 * it.
	 */
	public static String contentDigest(Map<String, String> sha256ByPath) {
		return digest(sha256ByPath.entrySet().stream().map((file) -> file.getKey() + " " + file.getValue()).toList());
	}

	private static String digest(List<String> lines) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			lines.stream().sorted().forEach((line) -> digest.update((line + "\n").getBytes(StandardCharsets.UTF_8)));
			return java.util.HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
