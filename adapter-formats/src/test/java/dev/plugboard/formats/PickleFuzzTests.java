package dev.plugboard.formats;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import net.jqwik.api.statistics.Statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Damaged torch archives and pickles never make the reader fail with anything but
 * {@link FormatException}, and whatever it accepts imports only allowed globals.
 */
class PickleFuzzTests {

	private static final String ROOT = "pytorch_adapter";

	private static Path dir;

	private static Map<String, byte[]> realEntries;

	private static byte[] realFile;

	private static TorchFixtures.ZipTemplate template;

	@Example
	@AddLifecycleHook(NeedsTheRealAdapter.class)
	void theRebuiltArchiveIsReadable() {
		byte[] pickle = realEntries().get(ROOT + "/data.pkl");
		TorchArchive archive = TorchArchive.read(withPickle(pickle));
		assertThat(archive.tensors()).hasSize(48);
		archive.writeSafetensors(OutputStream.nullOutputStream(), "pytorch_adapter.bin");
	}

	@Property(tries = 200)
	@AddLifecycleHook(NeedsTheRealAdapter.class)
	void bitFlipsInDataPklAreRejectedCleanly(@ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0) Integer> bits) {
		byte[] pickle = realEntries().get(ROOT + "/data.pkl").clone();
		for (int bit : bits) {
			int at = bit % (pickle.length * 8);
			pickle[at / 8] ^= (byte) (1 << (at % 8));
		}
		assertOnlyFormatException(withPickle(pickle));
	}

	@Property(tries = 100)
	@AddLifecycleHook(NeedsTheRealAdapter.class)
	void byteEditsInDataPklAreRejectedCleanly(@ForAll @IntRange(min = 0) int position, @ForAll byte value,
			@ForAll boolean insert) {
		byte[] pickle = realEntries().get(ROOT + "/data.pkl");
		int at = position % pickle.length;
		byte[] edited;
		if (insert) {
			edited = new byte[pickle.length + 1];
			System.arraycopy(pickle, 0, edited, 0, at);
			edited[at] = value;
			System.arraycopy(pickle, at, edited, at + 1, pickle.length - at);
		}
		else {
			edited = pickle.clone();
			edited[at] = value;
		}
		assertOnlyFormatException(withPickle(edited));
	}

	@Property(tries = 100)
	@AddLifecycleHook(NeedsTheRealAdapter.class)
	void truncatedDataPklIsRejectedCleanly(@ForAll @IntRange(min = 0) int cut) {
		byte[] pickle = realEntries().get(ROOT + "/data.pkl");
		assertOnlyFormatException(withPickle(Arrays.copyOf(pickle, cut % pickle.length)));
	}

	@Property(tries = 30)
	@AddLifecycleHook(NeedsTheRealAdapter.class)
	void truncatedArchivesAreRejectedCleanly(@ForAll @IntRange(min = 0) int cut) {
		byte[] file = realFile();
		assertOnlyFormatException(Arrays.copyOf(file, cut % file.length));
	}

	@Property(tries = 60)
	@AddLifecycleHook(NeedsTheRealAdapter.class)
	void damagedZipStructuresAreRejectedCleanly(@ForAll @IntRange(min = 0, max = 8191) int offset,
			@ForAll @IntRange(min = 0, max = 7) int bit, @ForAll boolean nearEnd) {
		byte[] file = realFile().clone();
		// The local header of data.pkl and the pickle sit at the start, the central
		// directory at the end.
		int at = nearEnd ? file.length - 1 - offset : offset;
		file[at] ^= (byte) (1 << bit);
		assertOnlyFormatException(file);
	}

	/**
	 * The guard the archive reader applies: a random pickle either passes it importing
	 * only allowed globals, or is refused with a format error. ({@code imports} alone
	 * lists disallowed globals of a well-formed pickle without refusing it.)
	 */
	@Property(tries = 500)
	void randomPicklesAreRejectedCleanly(@ForAll("pickles") byte[] pickle) {
		try {
			PickleScan.Run run = PickleScan.run(pickle);
			run.throwIfRefused("data.pkl");
			assertThat(run.imports()).allSatisfy((name) -> assertThat(PickleScan.ALLOWED_GLOBALS).contains(name));
		}
		catch (FormatException ex) {
			assertThat(ex.kind()).isIn("invalid-pickle", "pickle-weights");
		}
	}

	@Example
	void aWellFormedPickleReturningAForbiddenGlobalIsRefused() {
		// PROTO 2, GLOBAL 'os system', STOP: found by the property above
		byte[] pickle = { (byte) 0x80, 2, 'c', 'o', 's', '\n', 's', 'y', 's', 't', 'e', 'm', '\n', '.' };
		assertThat(PickleScan.imports(pickle)).containsExactly("os.system");
		assertThatExceptionOfType(FormatException.class)
			.isThrownBy(() -> PickleScan.run(pickle).throwIfRefused("data.pkl"))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo("pickle-weights"));
	}

	@Provide
	Arbitrary<byte[]> pickles() {
		Arbitrary<byte[]> opcode = Arbitraries.oneOf(
				Arbitraries
					.of("(", ")", "]", "}", "N", "t", "l", "d", "a", "e", "s", "u", "R", "b", "Q", "0", "1", "2",
							"\u0085", "\u0086", "\u0087", "\u0088", "\u0089", "\u0094", "\u0093", "\u0081", "\u008f",
							"\u0090", "\u0091", ".")
					.map((op) -> new byte[] { (byte) op.charAt(0) }),
				Arbitraries.of("K\u0001", "K\u0000", "M\u0000\u0003", "J\u00ff\u00ff\u00ff\u00ff", "q\u0000", "q\u0001",
						"h\u0000", "h\u0001", "X\u0002\u0000\u0000\u0000os", "\u008c\u0006system", "\u008c\u0005torch",
						"\u008c\u000bFloatStorage", "ctorch\nFloatStorage\n", "ccollections\nOrderedDict\n",
						"ctorch._utils\n_rebuild_tensor_v2\n", "cos\nsystem\n", "\u008a\u0002\u00ff\u007f",
						"G\u0040\u0000\u0000\u0000\u0000\u0000\u0000\u0000", "I01\n", "S'a'\n", "Vabc\n", "p3\n",
						"g3\n", "C\u0001x", "\u0095\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000")
					.map((op) -> op.getBytes(StandardCharsets.ISO_8859_1)),
				Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(6));
		return opcode.list().ofMaxSize(60).map((parts) -> {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			out.write(0x80);
			out.write(2);
			parts.forEach(out::writeBytes);
			return out.toByteArray();
		});
	}

	private static void assertOnlyFormatException(byte[] archive) {
		Path file = dir().resolve("fuzz.bin");
		try {
			Files.write(file, archive);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		assertOnlyFormatException(file);
	}

	/** Reads the archive and, if it is accepted, converts it; only FormatException. */
	private static void assertOnlyFormatException(Path file) {
		try {
			TorchArchive read = TorchArchive.read(file);
			assertThat(read.imports()).allSatisfy((name) -> assertThat(PickleScan.ALLOWED_GLOBALS).contains(name));
			read.writeSafetensors(OutputStream.nullOutputStream(), "fuzz.bin");
			Statistics.collect("accepted");
		}
		catch (FormatException ex) {
			assertThat(ex.kind()).isIn("invalid-pickle", "pickle-weights");
			assertThat(ex.violations()).isNotEmpty();
			Statistics.collect(ex.kind());
		}
	}

	/** The real archive with another data.pkl, written as its last entry. */
	private static Path withPickle(byte[] pickle) {
		Path file = dir().resolve("pickle.bin");
		template().write(file, ROOT + "/data.pkl", pickle);
		return file;
	}

	private static synchronized TorchFixtures.ZipTemplate template() {
		if (template == null) {
			Map<String, byte[]> storages = new LinkedHashMap<>(realEntries());
			storages.remove(ROOT + "/data.pkl");
			template = new TorchFixtures.ZipTemplate(storages);
		}
		return template;
	}

	private static synchronized Path dir() {
		if (dir == null) {
			try {
				dir = Files.createTempDirectory("pickle-fuzz");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return dir;
	}

	private static synchronized Map<String, byte[]> realEntries() {
		if (realEntries == null) {
			realEntries = TorchFixtures.entries(realPath());
		}
		return realEntries;
	}

	private static synchronized byte[] realFile() {
		if (realFile == null) {
			try {
				realFile = Files.readAllBytes(realPath());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return realFile;
	}

	private static Path realPath() {
		return Path.of(System.getProperty("plugboard.shared-data")).resolve(TorchFixtures.ADAPTER);
	}

	@AfterContainer
	static void deleteTheScratchFiles() throws IOException {
		if (dir != null) {
			Files.deleteIfExists(dir.resolve("fuzz.bin"));
			Files.deleteIfExists(dir.resolve("pickle.bin"));
			Files.deleteIfExists(dir);
		}
	}

	/** Skips a property that needs the real adapter when the shared data is absent. */
	static final class NeedsTheRealAdapter implements SkipExecutionHook {

		@Override
		public SkipResult shouldBeSkipped(LifecycleContext context) {
			String shared = System.getProperty("plugboard.shared-data");
			if (shared != null && Files.exists(Path.of(shared).resolve(TorchFixtures.ADAPTER))) {
				return SkipResult.doNotSkip();
			}
			return SkipResult.skip("the real adapter is missing from plugboard.shared-data");
		}

	}

}
