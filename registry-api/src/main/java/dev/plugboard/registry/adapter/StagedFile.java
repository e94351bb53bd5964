package dev.plugboard.registry.adapter;

import dev.plugboard.storage.StagedBlob;

/**
 * A received file whose bytes sit in a staging object until the version commits.
 *
 * @param convertedFrom for a safetensors file the hub made from a pickle file, that
 * file's path; null for what the client sent
 */
record StagedFile(String path, StagedBlob blob, String convertedFrom) {

	StagedFile(String path, StagedBlob blob) {
		this(path, blob, null);
	}

	StagedFile withPath(String newPath) {
		return new StagedFile(newPath, this.blob, this.convertedFrom);
	}

}
