package dev.plugboard.registry.adapter;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import dev.plugboard.registry.system.InvalidRequestException;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.io.input.CloseShieldInputStream;

/**
 * Reads a zip, tar or tar.gz bundle as a stream of files (Commons Compress, one pass, no
 * temporary files). The format is sniffed from the magic bytes, so a wrong Content-Type
 * does not matter. Entries that are links or devices are refused; OS clutter
 * ({@code __MACOSX/}, {@code .DS_Store}) is skipped.
 */
public final class Bundles {

	private Bundles() {
	}

	/** The bundle's files, read as they stream in. */
	public static UploadedFiles read(InputStream raw, int maxEntries) {
		return (sink) -> {
			try (ArchiveInputStream<? extends ArchiveEntry> archive = open(raw)) {
				int entries = 0;
				ArchiveEntry entry;
				while ((entry = nextEntry(archive)) != null) {
					if (++entries > maxEntries) {
						throw new InvalidRequestException("invalid-bundle",
								"The bundle has more than " + maxEntries + " entries");
					}
					if (entry instanceof TarArchiveEntry tar && !tar.isFile() && !tar.isDirectory()) {
						throw new InvalidRequestException("invalid-bundle", "Bundle entry '" + entry.getName()
								+ "' is a link or special file; only files are allowed");
					}
					String path = normalize(entry.getName());
					if (entry.isDirectory() || isClutter(path)) {
						continue;
					}
					sink.accept(path, CloseShieldInputStream.wrap(archive));
				}
			}
		};
	}

	private static ArchiveEntry nextEntry(ArchiveInputStream<? extends ArchiveEntry> archive) {
		try {
			return archive.getNextEntry();
		}
		catch (IOException | RuntimeException ex) {
			throw new InvalidRequestException("invalid-bundle", "The bundle is damaged: " + ex.getMessage());
		}
	}

	private static ArchiveInputStream<? extends ArchiveEntry> open(InputStream raw) throws IOException {
		BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
		byte[] head = peek(in, 512);
		if (startsWith(head, 0x50, 0x4b, 0x03, 0x04) || startsWith(head, 0x50, 0x4b, 0x05, 0x06)) {
			return new ZipArchiveInputStream(in);
		}
		if (startsWith(head, 0x1f, 0x8b)) {
			return new TarArchiveInputStream(new GzipCompressorInputStream(in));
		}
		if (head.length >= 262 && new String(Arrays.copyOfRange(head, 257, 262)).equals("ustar")) {
			return new TarArchiveInputStream(in);
		}
		throw new InvalidRequestException("invalid-bundle", "A bundle must be a zip, tar or tar.gz archive");
	}

	private static byte[] peek(BufferedInputStream in, int length) throws IOException {
		in.mark(length);
		byte[] head = in.readNBytes(length);
		in.reset();
		return head;
	}

	private static boolean startsWith(byte[] head, int... magic) {
		if (head.length < magic.length) {
			return false;
		}
		for (int i = 0; i < magic.length; i++) {
			if ((head[i] & 0xff) != magic[i]) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Strips a leading {@code ./}; everything else (absolute paths, {@code ..}) is left
	 * for the path rules to refuse, so bundles and multipart uploads obey one grammar.
	 */
	private static String normalize(String name) {
		String path = name;
		while (path.startsWith("./")) {
			path = path.substring(2);
		}
		return path;
	}

	/** Whether a bundle entry is an archiver's or a desktop's dropping, never content. */
	public static boolean isClutter(String path) {
		return path.startsWith("__MACOSX/") || path.equals(".DS_Store") || path.endsWith("/.DS_Store");
	}

}
