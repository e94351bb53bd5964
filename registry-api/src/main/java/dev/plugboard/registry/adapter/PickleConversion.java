package dev.plugboard.registry.adapter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import dev.plugboard.formats.FileKind;
import dev.plugboard.formats.FormatException;
import dev.plugboard.formats.TorchArchive;
import dev.plugboard.storage.BlobStore;

/**
 * Legacy pickle weights ({@code pytorch_adapter.bin}, {@code adapter_model.bin}) are read
 * without executing anything ({@link TorchArchive}: opcodes walked, only
 * tensor-rebuilding globals allowed) and converted to safetensors stored beside the
 * original, under the name the adapters/PEFT libraries look for. Anything outside the
 * allow-list is refused with the imports named.
 */
final class PickleConversion {

	/**
	 * The safetensors names the AdapterHub and PEFT libraries load in place of each
	 * pickle.
	 */
	private static final Map<String, String> KNOWN_NAMES = Map.of("pytorch_adapter.bin", "adapter.safetensors",
			"pytorch_model_head.bin", "model_head.safetensors", "adapter_model.bin", "adapter_model.safetensors",
			"pytorch_model.bin", "model.safetensors");

	private PickleConversion() {
	}

	/**
	 * Converts each pickle file of a version; returns the staged safetensors files.
	 * @param staging told of every new staging object at once, so that it is cleaned up
	 * whatever fails later
	 */
	static List<StagedFile> convert(BlobStore blobs, List<StagedFile> files, long maxFileBytes,
			Consumer<StagedFile> staging) {
		Set<String> paths = files.stream().map(StagedFile::path).collect(Collectors.toSet());
		List<StagedFile> converted = new ArrayList<>();
		// A copy: the staging callback may add to the very list passed in.
		for (StagedFile file : List.copyOf(files)) {
			if (FileKind.of(file.path()) != FileKind.PICKLE) {
				continue;
			}
			String target = safetensorsName(file.path());
			TorchArchive archive;
			Path original = null;
			Path output = null;
			try {
				original = download(blobs, file);
				archive = read(file.path(), original);
				if (paths.contains(target)) {
					// The uploader sent the safetensors twin already; the pickle was
					// still vetted.
					continue;
				}
				long budget = Runtime.getRuntime().maxMemory() / 4;
				if (archive.tensorBytes() > budget) {
					throw new FormatException("invalid-pickle",
							file.path() + " holds " + archive.tensorBytes()
									+ " bytes of tensors, more than this hub converts in memory (" + budget
									+ "); upload safetensors instead",
							List.of());
				}
				output = Files.createTempFile("plugboard-converted-", ".safetensors");
				try (OutputStream out = Files.newOutputStream(output)) {
					archive.writeSafetensors(out, lastSegment(file.path()));
				}
				try (InputStream in = Files.newInputStream(output)) {
					StagedFile staged = new StagedFile(target, blobs.stage(in, maxFileBytes), file.path());
					staging.accept(staged);
					converted.add(staged);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			finally {
				deleteQuietly(original);
				deleteQuietly(output);
			}
		}
		return converted;
	}

	private static TorchArchive read(String path, Path file) {
		try {
			return TorchArchive.read(file);
		}
		catch (FormatException ex) {
			throw new FormatException(ex.kind(), path + ": " + ex.getMessage(), ex.violations());
		}
	}

	/**
	 * TorchArchive needs random access (the zip directory is at the end), so the pickle
	 * goes to a temp file.
	 */
	private static Path download(BlobStore blobs, StagedFile file) throws IOException {
		Path temp = Files.createTempFile("plugboard-pickle-", ".bin");
		try (InputStream in = blobs.read(file.blob().key(), 0, -1)) {
			Files.copy(in, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		return temp;
	}

	static String safetensorsName(String path) {
		int slash = path.lastIndexOf('/');
		String folder = path.substring(0, slash + 1);
		String name = path.substring(slash + 1);
		String known = KNOWN_NAMES.get(name);
		if (known != null) {
			return folder + known;
		}
		int dot = name.lastIndexOf('.');
		return folder + ((dot > 0) ? name.substring(0, dot) : name) + ".safetensors";
	}

	private static String lastSegment(String path) {
		return path.substring(path.lastIndexOf('/') + 1);
	}

	private static void deleteQuietly(Path path) {
		if (path != null) {
			try {
				Files.deleteIfExists(path);
			}
			catch (IOException ex) {
				path.toFile().deleteOnExit();
			}
		}
	}

}
