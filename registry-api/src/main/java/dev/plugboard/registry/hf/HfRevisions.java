package dev.plugboard.registry.hf;

import java.util.List;
import java.util.Optional;

import dev.plugboard.registry.adapter.Adapter;
import dev.plugboard.registry.adapter.AdapterCatalog;
import dev.plugboard.registry.adapter.ReferenceResolver;
import dev.plugboard.registry.adapter.Resolution;
import dev.plugboard.registry.adapter.VersionCatalog;
import dev.plugboard.registry.adapter.VersionFile;
import dev.plugboard.registry.adapter.VersionNotFoundException;
import dev.plugboard.registry.system.InvalidRequestException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Hugging Face revisions on Plugboard versions: {@code main} and {@code HEAD} are the
 * latest version, then a version, a tag or a 40-hex commit id, as the native API resolves
 * them. A repository without versions is the Hub's freshly created repository: its
 * {@code main} exists and is empty.
 */
@Component
class HfRevisions {

	private final AdapterCatalog catalog;

	private final ReferenceResolver resolver;

	private final VersionCatalog versions;

	HfRevisions(AdapterCatalog catalog, ReferenceResolver resolver, VersionCatalog versions) {
		this.catalog = catalog;
		this.resolver = resolver;
		this.versions = versions;
	}

	Adapter repository(String namespace, String name) {
		try {
			return this.catalog.get(namespace, name);
		}
		catch (RuntimeException ex) {
			if (ex instanceof InvalidRequestException || ex instanceof dev.plugboard.formats.FormatException) {
				// An id the hub could never hold does not exist, as far as clients care.
				throw new HfException(HttpStatus.NOT_FOUND, "RepoNotFound",
						"Repository not found: " + namespace + "/" + name + " (" + ex.getMessage() + ")");
			}
			throw ex;
		}
	}

	/**
	 * The revision's snapshot: a version and its files, or the empty {@code main} of a
	 * repository without versions.
	 */
	Snapshot snapshot(Adapter adapter, String revision) {
		Resolution resolution;
		try {
			resolution = this.resolver.revision(adapter, revision);
		}
		catch (VersionNotFoundException ex) {
			if (isBranch(revision)) {
				return new Snapshot(adapter, revision, Optional.empty(), List.of());
			}
			throw ex;
		}
		catch (InvalidRequestException | dev.plugboard.formats.FormatException ex) {
			throw new HfException(HttpStatus.NOT_FOUND, "RevisionNotFound",
					"Invalid rev id: " + revision + " (" + ex.getMessage() + ")");
		}
		return new Snapshot(adapter, revision, Optional.of(resolution), this.versions.files(resolution.version()));
	}

	static boolean isBranch(String revision) {
		return "main".equals(revision) || "HEAD".equals(revision);
	}

	/** What a revision names. */
	record Snapshot(Adapter adapter, String revision, Optional<Resolution> resolution, List<VersionFile> files) {

		/** The 40-hex commit id, or null for an empty repository. */
		String commit() {
			return this.resolution.map((r) -> r.version().commitId()).orElse(null);
		}

		Optional<VersionFile> file(String path) {
			return this.files.stream().filter((file) -> file.getPath().equals(path)).findFirst();
		}

	}

}
