package dev.plugboard.registry.adapter;

import java.io.IOException;
import java.io.InputStream;

/**
 * The files of a publish as they arrive, one after another, never all in memory: from a
 * multipart body or from a bundle.
 */
@FunctionalInterface
public interface UploadedFiles {

	/**
	 * Hands each file to the sink in arrival order; a stream is valid only during its
	 * call.
	 */
	void forEach(Sink sink) throws IOException;

	@FunctionalInterface
	interface Sink {

		void accept(String path, InputStream content) throws IOException;

	}

}
