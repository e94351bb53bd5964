package dev.plugboard.registry.hf;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.plugboard.formats.Identifiers;
import dev.plugboard.registry.adapter.Adapter;
import dev.plugboard.registry.adapter.AdapterVersion;
import dev.plugboard.registry.adapter.PublishResult;
import dev.plugboard.registry.adapter.VersionCatalog;
import dev.plugboard.registry.adapter.VersionFile;
import dev.plugboard.registry.adapter.VersionPublisher;
import dev.plugboard.registry.identity.Caller;
import dev.plugboard.storage.BlobStore;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Turns a Hub commit into a Plugboard version. A Hub commit changes a branch (files
 * added, replaced, deleted on top of the parent); a Plugboard version is a whole
 * snapshot. So the new version holds the latest version's files with the commit's changes
 * applied, and goes through {@link VersionPublisher} like any upload: the same
 * validation, limits, transaction and content addressing.
 * <p>
 * The version's name: the commit's summary when it reads as a version (a valid version
 * starting with a digit, or {@code v} and a digit: {@code 1.0.0}, {@code v2},
 * {@code 2024.06.01}), else {@code hf-} and the first 12 hex digits of the commit id. The
 * commit id is the version's content digest, known before any byte is stored, so a
 * retried commit names the same version and is answered with it; a commit that changes
 * nothing answers the latest version's commit.
 */
@Service
class HfCommits {

	private static final Pattern VERSION_LIKE = Pattern.compile("v?[0-9].*");

	private final VersionCatalog versions;

	private final VersionPublisher publisher;

	private final BlobStore blobs;

	HfCommits(VersionCatalog versions, VersionPublisher publisher, BlobStore blobs) {
		this.versions = versions;
		this.publisher = publisher;
		this.blobs = blobs;
	}

	PublishResult commit(Caller caller, Adapter adapter, CommitRequest request) {
		Optional<AdapterVersion> parent = this.versions.latest(adapter);
		if (request.parentCommit() != null
				&& !request.parentCommit().equals(parent.map(AdapterVersion::commitId).orElse(null))) {
			throw new HfException(HttpStatus.PRECONDITION_FAILED,
					"A commit has happened since " + request.parentCommit() + ": main is at "
							+ parent.map(AdapterVersion::commitId).orElse("no commit") + ". Pull and retry.");
		}
		Map<String, CommitFile> files = new TreeMap<>();
		parent.ifPresent((version) -> {
			for (VersionFile file : this.versions.files(version)) {
				if (file.getConvertedFrom() != null) {
					// Derived by the hub from a pickle file; the next publish derives it
					// again.
					continue;
				}
				files.put(file.getPath(), carried(adapter, file));
			}
		});
		for (String deleted : request.deletedFolders()) {
			files.keySet().removeIf((path) -> path.startsWith(deleted));
		}
		request.deletedFiles().forEach(files::remove);
		files.putAll(request.added());
		if (files.isEmpty()) {
			throw HfException.badRequest("The commit leaves the repository without files");
		}
		Map<String, String> digests = new LinkedHashMap<>();
		files.forEach((path, file) -> digests.put(path, file.sha256()));
		String digest = VersionPublisher.contentDigest(digests);
		if (parent.isPresent() && parent.get().getContentDigest().equals(digest)) {
			return new PublishResult(adapter, parent.get(), false);
		}
		String version = versionName(request.summary(), digest);
		return this.publisher.publishAsGiven(caller, adapter.getNamespace(), adapter.getName(), version, (sink) -> {
			for (Map.Entry<String, CommitFile> file : files.entrySet()) {
				try (InputStream in = file.getValue().open(this.blobs)) {
					sink.accept(file.getKey(), in);
				}
			}
		});
	}

	static String versionName(String summary, String digest) {
		String candidate = (summary != null) ? summary.strip() : "";
		if (VERSION_LIKE.matcher(candidate).matches() && Identifiers.isVersion(candidate)) {
			return candidate;
		}
		return "hf-" + digest.substring(0, 12);
	}

	private CommitFile carried(Adapter adapter, VersionFile file) {
		if (file.isExternal()) {
			throw HfException.badRequest(adapter.repositoryId() + " holds files that live elsewhere (" + file.getPath()
					+ " is at " + file.getExternalUrl()
					+ "); commit to it through the native API, which publishes whole versions");
		}
		return new CommitFile.Stored(file.getBlobKey(), file.getSha256());
	}

}
