package dev.plugboard.registry.adapter;

import dev.plugboard.storage.StagedBlob;

/** A received file whose bytes sit in a staging object until the version commits. */
record StagedFile(String path, StagedBlob blob) {

	StagedFile withPath(String newPath) {
		return new StagedFile(newPath, this.blob);
	}

}
