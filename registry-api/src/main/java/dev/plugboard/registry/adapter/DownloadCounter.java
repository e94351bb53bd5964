package dev.plugboard.registry.adapter;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Counts a download of a file on the file, its version and its repository. */
@Component
public class DownloadCounter {

	private final AdapterRepository adapters;

	private final AdapterVersionRepository versions;

	private final VersionFileRepository files;

	DownloadCounter(AdapterRepository adapters, AdapterVersionRepository versions, VersionFileRepository files) {
		this.adapters = adapters;
		this.versions = versions;
		this.files = files;
	}

	@Transactional
	public void count(Adapter adapter, AdapterVersion version, VersionFile file) {
		this.files.countDownload(file.getId());
		this.versions.countDownload(version.getId());
		this.adapters.countDownload(adapter.getId());
	}

}
