package dev.plugboard.registry.adapter;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.plugboard.formats.FormatException;
import dev.plugboard.formats.Identifiers;
import dev.plugboard.registry.system.InvalidRequestException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns the references users write into a concrete version:
 * <ul>
 * <li>{@code ns/name} — the latest version (newest published, not yanked);</li>
 * <li>{@code ns/name@rev} — rev is an exact version first, then a tag, {@code latest}, or
 * a 40-hex commit id;</li>
 * <li>{@code task/subtask@org} — AdapterHub's short form, used when no repository
 * {@code task/subtask} exists; {@code model} and {@code config} narrow it down as
 * AdapterHub's per-model index does;</li>
 * <li>{@code sha256:<hex>} — the first version that holds a file with that digest.</li>
 * </ul>
 */
@Service
public class ReferenceResolver {

	private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

	private static final Pattern SHA256 = Pattern.compile("sha256:([0-9a-f]{64})");

	private final AdapterRepository adapters;

	private final VersionCatalog versions;

	private final TagService tags;

	private final VersionFileRepository files;

	private final AdapterVersionRepository versionRows;

	private final ArchitectureConfigIds architectures;

	ReferenceResolver(AdapterRepository adapters, VersionCatalog versions, TagService tags, VersionFileRepository files,
			AdapterVersionRepository versionRows, ArchitectureConfigIds architectures) {
		this.architectures = architectures;
		this.adapters = adapters;
		this.versions = versions;
		this.tags = tags;
		this.files = files;
		this.versionRows = versionRows;
	}

	@Transactional(readOnly = true)
	public Resolution resolve(String reference, String model, String config) {
		if (reference == null || reference.isBlank()) {
			throw new InvalidRequestException("invalid-reference", "Pass a reference: ref=ns/name[@version|@tag]");
		}
		String ref = reference.strip();
		var sha = SHA256.matcher(ref);
		if (sha.matches()) {
			return bySha256(ref, sha.group(1));
		}
		int at = ref.lastIndexOf('@');
		String repository = (at < 0) ? ref : ref.substring(0, at);
		String revision = (at < 0) ? null : ref.substring(at + 1);
		String[] parts = repository.split("/", -1);
		if (parts.length != 2 || (revision != null && revision.isEmpty())) {
			throw new InvalidRequestException("invalid-reference", "'" + reference
					+ "' is not a reference; use ns/name, ns/name@version, ns/name@tag or task/subtask@org");
		}
		try {
			Identifiers.requireNamespace(parts[0]);
			Identifiers.requireName(parts[1]);
		}
		catch (FormatException ex) {
			throw new InvalidRequestException("invalid-reference", "'" + reference + "': " + ex.getMessage());
		}
		var named = this.adapters.findByNamespaceAndName(parts[0], parts[1]);
		if (named.isPresent()) {
			return revision(named.get(), (revision == null) ? "latest" : revision);
		}
		return byTaxonomy(reference, parts[0], parts[1], revision, model, config);
	}

	/**
	 * Resolves a reference and lists the version's files, in one read-only transaction.
	 */
	@Transactional(readOnly = true)
	public ResolvedFiles resolveWithFiles(String reference, String model, String config) {
		Resolution resolution = resolve(reference, model, config);
		return new ResolvedFiles(resolution, this.versions.files(resolution.version()));
	}

	/** A resolution and the files of its version. */
	public record ResolvedFiles(Resolution resolution, java.util.List<VersionFile> files) {
	}

	/** Resolves a revision within one repository. */
	@Transactional(readOnly = true)
	public Resolution revision(Adapter adapter, String revision) {
		if (revision.equals("latest") || revision.equals("main") || revision.equals("HEAD")) {
			AdapterVersion latest = this.versions.latest(adapter)
				.orElseThrow(() -> new VersionNotFoundException(adapter.repositoryId(), "latest"));
			return new Resolution(adapter, latest, "latest");
		}
		var exact = Identifiers.isVersion(revision) ? this.versions.find(adapter, revision)
				: java.util.Optional.<AdapterVersion>empty();
		if (exact.isPresent()) {
			return new Resolution(adapter, exact.get(), "version");
		}
		if (COMMIT.matcher(revision).matches()) {
			return this.versions.versions(adapter)
				.stream()
				.filter((v) -> v.commitId().equals(revision))
				.findFirst()
				.map((v) -> new Resolution(adapter, v, "commit"))
				.orElseThrow(() -> new VersionNotFoundException(adapter.repositoryId(), revision));
		}
		var tagged = Identifiers.isTag(revision) ? this.tags.pointee(adapter, revision)
				: java.util.Optional.<AdapterVersion>empty();
		if (tagged.isPresent()) {
			if (tagged.get().isYanked()) {
				throw new VersionYankedException(adapter.repositoryId(), revision, tagged.get().getVersion());
			}
			return new Resolution(adapter, tagged.get(), "tag");
		}
		if (!Identifiers.isVersion(revision) && !Identifiers.isTag(revision)) {
			throw new InvalidRequestException("invalid-reference",
					"'" + revision + "' is neither a version, a tag nor a commit id");
		}
		throw new VersionNotFoundException(adapter.repositoryId(), revision);
	}

	private Resolution byTaxonomy(String reference, String task, String subtask, String org, String model,
			String config) {
		List<Adapter> candidates = ((org == null)
				? this.adapters.findByTaskAndSubtaskOrderByNamespaceAscNameAsc(task, subtask)
				: this.adapters.findByTaskAndSubtaskAndNamespaceOrderByNameAsc(task, subtask, org))
			.stream()
			.filter((a) -> model == null || model.isBlank() || model.equals(a.getModelName()))
			.filter((a) -> config == null || config.isBlank() || matchesConfig(a, config))
			.filter((a) -> this.versions.latest(a).isPresent())
			.toList();
		if (candidates.size() > 1) {
			// AdapterHub answers a short form that several adapters fit with the
			// subtask's default.
			List<Adapter> defaults = candidates.stream().filter(Adapter::isAdapterhubDefault).toList();
			if (defaults.size() == 1) {
				candidates = defaults;
			}
		}
		if (candidates.isEmpty()) {
			throw new ReferenceNotFoundException(reference,
					"no repository of that name, and no adapter for task/subtask '" + task + "/" + subtask + "'"
							+ ((org != null) ? " by '" + org + "'" : "") + ((model != null) ? " on " + model : "")
							+ ((config != null) ? " with config " + config : ""));
		}
		if (candidates.size() > 1) {
			throw new AmbiguousReferenceException(reference, candidates.stream().map(Adapter::repositoryId).toList());
		}
		Adapter adapter = candidates.get(0);
		return new Resolution(adapter, this.versions.latest(adapter).orElseThrow(), "taxonomy");
	}

	/**
	 * A config filter names a method ({@code seq_bn}), a config id, or an architecture
	 * ({@code pfeiffer}).
	 */
	private boolean matchesConfig(Adapter adapter, String config) {
		if (config.equals(adapter.getMethod()) || config.equals(adapter.getConfigId())) {
			return true;
		}
		return adapter.getConfigId() != null
				&& this.architectures.configId(config).map(adapter.getConfigId()::equals).orElse(false);
	}

	private Resolution bySha256(String reference, String sha256) {
		return this.files.findBySha256OrderByIdAsc(sha256)
			.stream()
			.map((file) -> this.versionRows.findById(file.getVersionId()).orElseThrow())
			.filter(Objects::nonNull)
			.findFirst()
			.map((version) -> new Resolution(this.adapters.findById(version.getAdapterId()).orElseThrow(), version,
					"sha256"))
			.orElseThrow(() -> new ReferenceNotFoundException(reference, "no file has that sha256"));
	}

}
