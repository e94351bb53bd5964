package dev.plugboard.formats;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.plugboard.formats.TorchArchive.TensorRef;
import dev.plugboard.formats.TorchFixtures.Pickle;
import dev.plugboard.formats.TorchFixtures.Spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TorchArchiveTests {

	private static final List<String> STATE_DICT_IMPORTS = List.of("torch._utils._rebuild_tensor_v2",
			"torch.FloatStorage", "collections.OrderedDict");

	@TempDir
	Path dir;

	/** Where the hostile pickles would create a file if anything ran them. */
	private Path marker() {
		return this.dir.resolve("pwned");
	}

	@AfterEach
	void nothingWasExecuted() {
		assertThat(marker()).doesNotExist();
	}

	// ---- the real AdapterHub adapter ----

	@Test
	void readsTheRealAdapterWithOnlyAllowedImports() {
		TorchArchive archive = TorchArchive.read(SharedData.require(TorchFixtures.ADAPTER));

		assertThat(archive.imports()).containsExactlyElementsOf(STATE_DICT_IMPORTS);
		assertThat(archive.tensors()).hasSize(48);
		assertThat(archive.tensors().values()).allSatisfy((tensor) -> {
			assertThat(tensor.dtype()).isEqualTo(Dtype.F32);
			assertThat(tensor.storageOffset()).isZero();
			assertThat(TorchArchive.isContiguous(tensor.shape(), tensor.stride())).isTrue();
		});
		assertThat(parameters(archive)).isEqualTo(894_528);
		assertThat(archive.tensorBytes()).isEqualTo(894_528L * 4);
		TensorRef down = archive.tensors().get("bert.encoder.layer.0.output.adapters.md.adapter_down.0.weight");
		assertThat(down.shape()).containsExactly(48L, 768L);
		assertThat(down.stride()).containsExactly(768L, 1L);
		assertThat(down.storageKey()).isEqualTo("0");
		assertThat(archive.tensors().get("bert.encoder.layer.0.output.adapters.md.adapter_down.0.bias").shape())
			.containsExactly(48L);
		assertThat(archive.tensors().keySet()).first()
			.isEqualTo("bert.encoder.layer.0.output.adapters.md.adapter_down.0.weight");
	}

	@Test
	void readsTheRealHead() {
		TorchArchive archive = TorchArchive.read(SharedData.require(TorchFixtures.HEAD));

		assertThat(archive.imports()).containsExactlyElementsOf(STATE_DICT_IMPORTS);
		assertThat(archive.tensors().keySet()).containsExactly("heads.md.1.weight", "heads.md.1.bias",
				"heads.md.4.weight", "heads.md.4.bias");
		assertThat(parameters(archive)).isEqualTo(592_130);
		assertThat(archive.tensors().get("heads.md.4.weight").shape()).containsExactly(2L, 768L);
	}

	@Test
	void convertsTheRealAdapterToIdenticalSafetensors() throws IOException {
		assertConvertsByteForByte(SharedData.require(TorchFixtures.ADAPTER), 48);
	}

	@Test
	void convertsTheRealHeadToIdenticalSafetensors() throws IOException {
		assertConvertsByteForByte(SharedData.require(TorchFixtures.HEAD), 4);
	}

	@Test
	void listsImportsOfTheRealPickleWithoutReadingTensors() {
		Map<String, byte[]> entries = TorchFixtures.entries(SharedData.require(TorchFixtures.ADAPTER));
		byte[] pickle = entries.get("pytorch_adapter/data.pkl");
		assertThat(PickleScan.imports(pickle)).containsExactlyElementsOf(STATE_DICT_IMPORTS);
	}

	private void assertConvertsByteForByte(Path file, int tensorCount) throws IOException {
		TorchArchive archive = TorchArchive.read(file);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		archive.writeSafetensors(out, file.getFileName().toString());
		byte[] safetensors = out.toByteArray();

		SafetensorsHeader header = SafetensorsHeader.read(new ByteArrayInputStream(safetensors), safetensors.length);
		assertThat(header.metadata()).containsExactlyInAnyOrderEntriesOf(
				Map.of("format", "pt", "converted_from", file.getFileName().toString()));
		assertThat(header.tensors()).hasSize(tensorCount);
		assertThat(header.parameterCount()).isEqualTo(parameters(archive));
		Map<String, byte[]> entries = TorchFixtures.entries(file);
		String root = entries.keySet().iterator().next().split("/")[0];
		long dataStart = 8 + header.headerLength();
		for (TensorRef tensor : archive.tensors().values()) {
			TensorInfo info = header.tensors().get(tensor.name());
			assertThat(info.dtype()).isEqualTo(tensor.dtype());
			assertThat(info.shape()).isEqualTo(tensor.shape());
			byte[] storage = entries.get(root + "/data/" + tensor.storageKey());
			int begin = (int) (tensor.storageOffset() * 4);
			int length = (int) (info.end() - info.begin());
			assertThat(
					Arrays.copyOfRange(safetensors, (int) (dataStart + info.begin()), (int) (dataStart + info.end())))
				.as(tensor.name())
				.isEqualTo(Arrays.copyOfRange(storage, begin, begin + length));
		}
	}

	private static long parameters(TorchArchive archive) {
		return archive.tensors().values().stream().mapToLong((t) -> TorchArchive.elementCount(t.shape())).sum();
	}

	// ---- views, dtypes, variants ----

	@Test
	void materializesOffsetsStridesAndSharedStorages() {
		List<Spec> specs = List.of(spec("a", 0, List.of(3L, 4L), List.of(4L, 1L)),
				spec("transposed", 0, List.of(4L, 3L), List.of(1L, 4L)), spec("slice", 4, List.of(2L), List.of(1L)),
				spec("column", 1, List.of(3L), List.of(4L)), spec("scalar", 7, List.of(), List.of()),
				spec("empty", 0, List.of(0L, 5L), List.of(5L, 1L)),
				spec("expanded", 2, List.of(2L, 3L), List.of(0L, 1L)));
		Path file = archive(TorchFixtures.stateDict(specs), Map.of("0", floats(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)));

		TorchArchive archive = TorchArchive.read(file);
		assertThat(archive.tensors().keySet()).containsExactly("a", "transposed", "slice", "column", "scalar", "empty",
				"expanded");
		Map<String, float[]> values = convert(archive);

		assertThat(values.get("a")).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
		assertThat(values.get("transposed")).containsExactly(0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11);
		assertThat(values.get("slice")).containsExactly(4, 5);
		assertThat(values.get("column")).containsExactly(1, 5, 9);
		assertThat(values.get("scalar")).containsExactly(7);
		assertThat(values.get("empty")).isEmpty();
		assertThat(values.get("expanded")).containsExactly(2, 3, 4, 2, 3, 4);
	}

	@Test
	void takesTheDtypeFromTheStorageClass() {
		Map<String, Dtype> expected = new LinkedHashMap<>();
		expected.put("FloatStorage", Dtype.F32);
		expected.put("DoubleStorage", Dtype.F64);
		expected.put("HalfStorage", Dtype.F16);
		expected.put("BFloat16Storage", Dtype.BF16);
		expected.put("LongStorage", Dtype.I64);
		expected.put("IntStorage", Dtype.I32);
		expected.put("ShortStorage", Dtype.I16);
		expected.put("CharStorage", Dtype.I8);
		expected.put("ByteStorage", Dtype.U8);
		expected.put("BoolStorage", Dtype.BOOL);
		List<Spec> specs = expected.keySet()
			.stream()
			.map((type) -> new Spec(type, type, type, 2, 0, List.of(2L), List.of(1L)))
			.toList();
		Map<String, byte[]> storages = new LinkedHashMap<>();
		expected.forEach((type, dtype) -> storages.put(type, new byte[2 * dtype.bits() / 8]));

		TorchArchive archive = TorchArchive.read(archive(TorchFixtures.stateDict(specs), storages));

		expected.forEach((type, dtype) -> assertThat(archive.tensors().get(type).dtype()).isEqualTo(dtype));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		archive.writeSafetensors(out, "x.bin");
		SafetensorsHeader header = SafetensorsHeader.read(new ByteArrayInputStream(out.toByteArray()), out.size());
		expected.forEach((type, dtype) -> assertThat(header.tensors().get(type).dtype()).isEqualTo(dtype));
	}

	@Test
	void readsParametersAndPlainDicts() {
		Pickle p = new Pickle().proto(2).op('}').mark().unicode("weight");
		p.global("torch._utils", "_rebuild_parameter").mark();
		p.tensor(spec("ignored", 0, List.of(2L), List.of(1L)));
		p.op(0x88).global("collections", "OrderedDict").emptyTuple().op('R').op('t').op('R');
		p.op('u');
		TorchArchive archive = TorchArchive.read(archive(p.stop(), Map.of("0", floats(1, 2))));

		assertThat(archive.imports()).containsExactly("torch._utils._rebuild_parameter",
				"torch._utils._rebuild_tensor_v2", "torch.FloatStorage", "collections.OrderedDict");
		assertThat(convert(archive).get("weight")).containsExactly(1, 2);
	}

	@Test
	void readsRebuildTensorV3WithUntypedStorages() {
		// torch >= 2.3 pickles uint16/uint32/uint64 and float8 tensors this way.
		Pickle p = new Pickle().proto(2).op('}').mark().unicode("codes");
		p.global("torch._utils", "_rebuild_tensor_v3").mark();
		p.mark().unicode("storage").global("torch", "UntypedStorage").unicode("0").unicode("cpu").integer(8).op('t');
		p.op('Q').integer(1).tuple(List.of(3L)).tuple(List.of(1L)).op(0x89);
		p.global("collections", "OrderedDict").emptyTuple().op('R').global("torch", "uint16").op('t').op('R');
		p.op('u');
		TorchArchive archive = TorchArchive.read(archive(p.stop(), Map.of("0", new byte[] { 1, 0, 2, 0, 3, 0, 4, 0 })));

		TensorRef codes = archive.tensors().get("codes");
		assertThat(codes.dtype()).isEqualTo(Dtype.U16);
		assertThat(codes.storageOffset()).isEqualTo(1);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		archive.writeSafetensors(out, "codes.bin");
		byte[] file = out.toByteArray();
		assertThat(Arrays.copyOfRange(file, file.length - 6, file.length)).containsExactly(2, 0, 3, 0, 4, 0);
	}

	@Test
	void readsProtocolFourPicklesWithFramesAndStackGlobals() {
		Pickle p = new Pickle().proto(4).op(0x95).le(0, 8).op('}').op(0x94).mark().shortUnicode("w").op(0x94);
		p.shortUnicode("torch._utils").shortUnicode("_rebuild_tensor_v2").op(0x93).op(0x94).mark();
		p.mark()
			.shortUnicode("storage")
			.shortUnicode("torch")
			.shortUnicode("HalfStorage")
			.op(0x93)
			.shortUnicode("0")
			.shortUnicode("cpu")
			.integer(2)
			.op('t')
			.op('Q');
		p.integer(0).integer(2).op(0x85).integer(1).op(0x85).op(0x89);
		p.shortUnicode("collections").shortUnicode("OrderedDict").op(0x93).emptyTuple().op('R').op('t').op('R');
		p.op('u');

		TorchArchive archive = TorchArchive.read(archive(p.stop(), Map.of("0", new byte[4])));

		assertThat(archive.imports()).containsExactly("torch._utils._rebuild_tensor_v2", "torch.HalfStorage",
				"collections.OrderedDict");
		assertThat(archive.tensors().get("w").dtype()).isEqualTo(Dtype.F16);
	}

	// ---- hostile pickles: refused, naming the imports, never executed ----

	@Test
	void refusesPosixSystemAndNamesIt() {
		Pickle p = new Pickle().proto(2).global("posix", "system").op('q').op(0).unicode(touchMarker());
		p.op('q').op(1).op(0x85).op('q').op(2).op('R').op('q').op(3);

		FormatException ex = refusal(p.stop());

		assertThat(ex.kind()).isEqualTo("pickle-weights");
		assertThat(ex.violations()).extracting(Violation::subject).containsExactly("posix.system");
		assertThat(ex.getMessage()).contains("posix.system").contains("data.bin");
	}

	@Test
	void refusesBuiltinsEval() {
		Pickle p = new Pickle().proto(2).global("builtins", "eval");
		p.unicode("__import__('os').system('" + touchMarker() + "')").op(0x85).op('R');

		assertRefusedFor(p.stop(), "builtins.eval");
	}

	@Test
	void refusesOsSystemImportedByStackGlobal() {
		Pickle p = new Pickle().proto(4).op(0x95).le(40, 8).shortUnicode("os").op(0x94).shortUnicode("system");
		p.op(0x94).op(0x93).op(0x94).unicode(touchMarker()).op(0x94).op(0x85).op(0x94).op('R').op(0x94);

		assertRefusedFor(p.stop(), "os.system");
	}

	@Test
	void refusesProtocolZeroAndInstImports() {
		byte[] global = ("cos\nsystem\n(S'" + touchMarker() + "'\ntR.").getBytes(StandardCharsets.UTF_8);
		assertRefusedFor(global, "os.system");
		byte[] inst = ("(S'" + touchMarker() + "'\nisubprocess\ncall\n.").getBytes(StandardCharsets.UTF_8);
		assertRefusedFor(inst, "subprocess.call");
		byte[] python2 = ("c__builtin__\neval\n(V1+1\ntR.").getBytes(StandardCharsets.UTF_8);
		assertRefusedFor(python2, "__builtin__.eval");
	}

	@Test
	void refusesEveryImportNestedInsideAValidLookingStateDict() {
		Pickle p = new Pickle().proto(2).global("collections", "OrderedDict").emptyTuple().op('R').mark();
		p.unicode("weight").tensor(spec("weight", 0, List.of(2L), List.of(1L)));
		// A tensor whose backward hooks hold a callable.
		p.unicode("bias").global("torch._utils", "_rebuild_tensor_v2").mark();
		p.mark().unicode("storage").global("torch", "FloatStorage").unicode("0").unicode("cpu").integer(2).op('t');
		p.op('Q').integer(0).tuple(List.of(2L)).tuple(List.of(1L)).op(0x89);
		p.global("collections", "OrderedDict").emptyTuple().op('R');
		p.mark().integer(0).global("builtins", "print").op('u').op('t').op('R');
		// An entry that is not a tensor at all.
		p.unicode("config").global("subprocess", "check_output").mark().unicode("touch").unicode(touchMarker());
		p.op('l').op(0x85).op('R');
		p.op('u');

		FormatException ex = refusal(archive(p.stop(), Map.of("0", floats(1, 2))));

		assertThat(ex.kind()).isEqualTo("pickle-weights");
		assertThat(ex.violations()).extracting(Violation::subject)
			.containsExactly("builtins.print", "subprocess.check_output");
		assertThat(ex.violations()).allSatisfy((v) -> assertThat(v.reason()).isNotBlank());
	}

	@Test
	void refusesWholeModulesAndNumpyArrays() {
		Pickle module = new Pickle().proto(2).global("torch.nn.modules.linear", "Linear").emptyTuple().op(0x81);
		module.op('}').op('b');
		assertRefusedFor(module.stop(), "torch.nn.modules.linear.Linear");

		Pickle numpy = new Pickle().proto(2).global("numpy.core.multiarray", "_reconstruct");
		numpy.global("numpy", "ndarray").integer(0).op(0x85).op('C').op(1).raw("b").op(0x87).op('R');
		assertRefusedFor(numpy.stop(), "numpy.core.multiarray._reconstruct", "numpy.ndarray");
	}

	@Test
	void refusesAllowedNamesInANonCanonicalSpelling() {
		Pickle p = new Pickle().proto(4).shortUnicode("torch").shortUnicode("_utils._rebuild_tensor_v2").op(0x93);
		FormatException ex = refusal(p.op(')').op('R').stop());

		assertThat(ex.kind()).isEqualTo("pickle-weights");
		assertThat(ex.violations()).singleElement()
			.satisfies((v) -> assertThat(v.subject()).isEqualTo("torch._utils._rebuild_tensor_v2"))
			.satisfies((v) -> assertThat(v.reason()).contains("canonical"));
	}

	@Test
	void namesTheImportsEvenWhenThePickleIsBrokenAfterThem() {
		Pickle p = new Pickle().proto(2).global("os", "system").unicode("id").op(0x85).op('R').op(0xff);
		assertRefusedFor(p.stop(), "os.system");
	}

	@Test
	void scansImportsOfBarePickles() {
		Pickle p = new Pickle().proto(2).global("collections", "OrderedDict").emptyTuple().op('R');
		assertThat(PickleScan.imports(p.stop())).containsExactly("collections.OrderedDict");
		Pickle hostile = new Pickle().proto(2).global("os", "system").unicode("id").op(0x85).op('R');
		assertThat(PickleScan.imports(hostile.stop())).containsExactly("os.system");
		FormatException broken = catchThrowableOfType(FormatException.class,
				() -> PickleScan.imports(new Pickle().proto(2).global("os", "system").op(0xff).stop()));
		assertThat(broken.kind()).isEqualTo("pickle-weights");
		assertThat(broken.violations()).extracting(Violation::subject).containsExactly("os.system");
		FormatException malformed = catchThrowableOfType(FormatException.class,
				() -> PickleScan.imports(new Pickle().proto(2).op(0xff).stop()));
		assertThat(malformed.kind()).isEqualTo("invalid-pickle");
		assertThat(PickleScan.isAllowed("torch", "FloatStorage")).isTrue();
		assertThat(PickleScan.isAllowed("torch", "_utils._rebuild_tensor_v2")).isFalse();
	}

	private void assertRefusedFor(byte[] pickle, String... imports) {
		FormatException ex = refusal(pickle);
		assertThat(ex.kind()).isEqualTo("pickle-weights");
		assertThat(ex.violations()).extracting(Violation::subject).containsExactly(imports);
	}

	private String touchMarker() {
		return "touch " + marker();
	}

	// ---- damaged and unsupported files ----

	@Test
	void refusesATruncatedZip() throws IOException {
		byte[] real = Files.readAllBytes(SharedData.require(TorchFixtures.ADAPTER));
		assertInvalid(Arrays.copyOf(real, real.length / 2), "damaged");
		assertInvalid(Arrays.copyOf(real, real.length - 30), "damaged");
	}

	@Test
	void refusesAnArchiveWithoutDataPkl() {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		entries.put("archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
		assertInvalid(TorchFixtures.zip(entries), "data.pkl");
	}

	@Test
	void refusesStoragesShorterThanTheirTensorsNeed() {
		byte[] pickle = TorchFixtures.stateDict(List.of(spec("w", 0, List.of(3L, 4L), List.of(4L, 1L))));
		assertInvalid(TorchFixtures.archive("archive", pickle, Map.of("0", floats(0, 1, 2, 3))), "need");
		assertInvalid(TorchFixtures.archive("archive", pickle, Map.of()), "no entry");
		byte[] beyondDeclared = TorchFixtures
			.stateDict(List.of(new Spec("w", "FloatStorage", "0", 4, 2, List.of(3L), List.of(1L))));
		assertInvalid(TorchFixtures.archive("archive", beyondDeclared, Map.of("0", floats(0, 1, 2, 3, 4))),
				"declares only 4");
	}

	@Test
	void refusesCompressedStorages() throws IOException {
		byte[] pickle = TorchFixtures.stateDict(List.of(spec("w", 0, List.of(3L, 4L), List.of(4L, 1L))));
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.putNextEntry(new ZipEntry("a/data.pkl"));
			zip.write(pickle);
			zip.putNextEntry(new ZipEntry("a/version"));
			zip.write('3');
			zip.putNextEntry(new ZipEntry("a/data/0"));
			zip.write(new byte[48]);
			zip.closeEntry();
		}
		assertInvalid(bytes.toByteArray(), "not stored uncompressed");
	}

	@Test
	void refusesRandomBytesAndOtherFormats() {
		byte[] random = new byte[4096];
		new Random(42).nextBytes(random);
		assertInvalid(random, "not a zip");
		assertInvalid(new byte[0], "not a zip");
		byte[] legacy = new Pickle().proto(2)
			.op(0x8a)
			.op(10)
			.raw(new byte[] { 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19 })
			.op('.')
			.bytes();
		assertInvalid(legacy, "legacy");
		assertInvalid(new Pickle().proto(2).op('}').stop(), "bare pickle");
		byte[] tar = new byte[1024];
		System.arraycopy("ustar".getBytes(StandardCharsets.US_ASCII), 0, tar, 257, 5);
		assertInvalid(tar, "tar");
		Map<String, byte[]> safetensorsLike = Map.of("x", new byte[8]);
		assertInvalid(TorchFixtures.zip(safetensorsLike), "root directory");
	}

	@Test
	void refusesUnsupportedArchiveRecords() {
		byte[] pickle = new Pickle().proto(2).op('}').stop();
		Map<String, byte[]> bigEndian = new LinkedHashMap<>();
		bigEndian.put("a/data.pkl", pickle);
		bigEndian.put("a/byteorder", "big".getBytes(StandardCharsets.US_ASCII));
		bigEndian.put("a/version", "3".getBytes(StandardCharsets.US_ASCII));
		assertInvalid(TorchFixtures.zip(bigEndian), "byte order");
		Map<String, byte[]> noVersion = new LinkedHashMap<>();
		noVersion.put("a/data.pkl", pickle);
		assertInvalid(TorchFixtures.zip(noVersion), "version");
		Map<String, byte[]> futureVersion = new LinkedHashMap<>();
		futureVersion.put("a/data.pkl", pickle);
		futureVersion.put("a/.data/version", "99".getBytes(StandardCharsets.US_ASCII));
		assertInvalid(TorchFixtures.zip(futureVersion), "version '99'");
		Map<String, byte[]> outside = new LinkedHashMap<>();
		outside.put("a/data.pkl", pickle);
		outside.put("a/version", "3".getBytes(StandardCharsets.US_ASCII));
		outside.put("b/data/0", new byte[4]);
		assertInvalid(TorchFixtures.zip(outside), "outside the root");
		assertThat(TorchArchive.read(write(TorchFixtures.archive("a", pickle, Map.of()))).tensors()).isEmpty();
	}

	@Test
	void refusesMalformedPickles() {
		assertInvalidPickle(new Pickle().proto(2).op(0xff).stop(), "0xff");
		assertInvalidPickle(new Pickle().proto(6).op('}').stop(), "protocol 6");
		assertInvalidPickle(new Pickle().proto(2).op('}').bytes(), "without a STOP");
		assertInvalidPickle(new Pickle().proto(2).op('}').op('.').op('N').bytes(), "trailing");
		assertInvalidPickle(new Pickle().proto(2).op('h').op(7).stop(), "memo entry 7");
		assertInvalidPickle(new Pickle().proto(2).op('R').stop(), "underflow");
		assertInvalidPickle(new Pickle().proto(2).op('X').le(0x7fffffff, 4).raw("abc").stop(), "ends inside");
		assertInvalidPickle(new Pickle().proto(2).op(0x8d).le(-1, 8).stop(), "ends inside");
		assertInvalidPickle(new Pickle().proto(2).op(0x82).op(1).stop(), "EXT1");
		assertInvalidPickle(new Pickle().proto(2).op('}').op('N').op('s').stop(), "underflow");
		Pickle setOnInt = new Pickle().proto(2).op('K').op(1).op('K').op(2).op('K').op(3).op('s');
		assertInvalidPickle(setOnInt.stop(), "SETITEM on int 1");
		assertInvalidPickle(new Pickle().proto(2).op('X').le(2, 4).raw(new byte[] { (byte) 0xc3, 0x28 }).stop(),
				"UTF-8");
	}

	@Test
	void refusesStateDictsThatAreNotPlainTensors() {
		assertInvalidPickle(new Pickle().proto(2).op(']').stop(), "not a state dict");
		Pickle integer = new Pickle().proto(2).op('}').unicode("step").integer(3).op('s');
		assertInvalidPickle(integer.stop(), "entry 'step' is int 3, not a tensor");
		Pickle intKey = new Pickle().proto(2).op('}').integer(1).tensor(spec("x", 0, List.of(1L), List.of(1L)));
		assertInvalidPickle(intKey.op('s').stop(), "not a str");
		Pickle reserved = new Pickle().proto(2).op('}').unicode("__metadata__");
		reserved.tensor(spec("x", 0, List.of(1L), List.of(1L))).op('s');
		assertInvalidPickle(reserved.stop(), "reserves");

		Pickle metadata = new Pickle().proto(2).op('}').unicode("c").global("torch._utils", "_rebuild_tensor_v2");
		metadata.mark().mark().unicode("storage").global("torch", "FloatStorage").unicode("0").unicode("cpu");
		metadata.integer(1).op('t').op('Q').integer(0).tuple(List.of(1L)).tuple(List.of(1L)).op(0x89);
		metadata.global("collections", "OrderedDict").emptyTuple().op('R');
		metadata.op('}').unicode("conj").op(0x88).op('s').op('t').op('R').op('s');
		assertInvalid(TorchFixtures.archive("a", metadata.stop(), Map.of("0", floats(1))), "metadata");

		Pickle badKey = new Pickle().proto(2).op('}').unicode("w");
		badKey.tensor(new Spec("w", "FloatStorage", "../../etc/passwd", 1, 0, List.of(1L), List.of(1L))).op('s');
		assertInvalidPickle(badKey.stop(), "not a plain name");

		Pickle mismatch = new Pickle().proto(2).op('}').unicode("w").tensor(spec("w", 0, List.of(2L), List.of(1L)));
		mismatch.op('s').unicode("v");
		mismatch.tensor(new Spec("v", "HalfStorage", "0", 12, 0, List.of(2L), List.of(1L))).op('s');
		assertInvalidPickle(mismatch.stop(), "declared twice");

		Pickle dims = new Pickle().proto(2).op('}').unicode("w");
		dims.tensor(new Spec("w", "FloatStorage", "0", 12, 0, List.of(2L, 2L), List.of(1L))).op('s');
		assertInvalidPickle(dims.stop(), "2 dimensions but 1 strides");

		Pickle overflow = new Pickle().proto(2).op('}').unicode("w");
		overflow
			.tensor(new Spec("w", "FloatStorage", "0", Long.MAX_VALUE, 0, List.of(1L << 40, 1L << 40), List.of(1L, 1L)))
			.op('s');
		assertInvalidPickle(overflow.stop(), "overflow");
	}

	@Test
	void boundsTheMachine() {
		Pickle marks = new Pickle().proto(2);
		for (int i = 0; i <= PickleScan.MAX_MARKS; i++) {
			marks.mark();
		}
		assertInvalidPickle(marks.stop(), "nested MARKs");
		Pickle stack = new Pickle().proto(2).op('N');
		for (int i = 0; i <= PickleScan.MAX_STACK; i++) {
			stack.op('2');
		}
		assertInvalidPickle(stack.stop(), "stack grows");
		Pickle cells = new Pickle().proto(2).op(']').op('q').op(0);
		for (int i = 0; i <= PickleScan.MAX_CELLS / 1000; i++) {
			cells.mark();
			for (int k = 0; k < 1000; k++) {
				cells.op('h').op(0);
			}
			cells.op('e');
		}
		assertInvalidPickle(cells.stop(), "builds more than");
		Pickle memo = new Pickle().proto(4).op('N');
		for (int i = 0; i <= PickleScan.MAX_MEMO; i++) {
			memo.op(0x94);
		}
		assertInvalidPickle(memo.stop(), "memo grows");
	}

	@Test
	void describesDeeplyNestedCallsWithoutRecursing() {
		Pickle p = new Pickle().proto(2).op('}').unicode("w").op('N');
		for (int i = 0; i < 50_000; i++) {
			p.emptyTuple().op('R');
		}
		assertInvalidPickle(p.op('s').stop(), "REDUCE of a computed callable");
	}

	private FormatException refusal(byte[] pickle) {
		return refusal(archive(pickle, Map.of()));
	}

	private FormatException refusal(Path file) {
		FormatException ex = catchThrowableOfType(FormatException.class, () -> TorchArchive.read(file));
		assertThat(ex).as("refused").isNotNull();
		return ex;
	}

	private void assertInvalidPickle(byte[] pickle, String reason) {
		assertInvalid(TorchFixtures.archive("a", pickle, Map.of()), reason);
	}

	private void assertInvalid(byte[] file, String reason) {
		FormatException ex = refusal(write(file));
		assertThat(ex.kind()).isEqualTo("invalid-pickle");
		assertThat(ex.getMessage()).contains(reason);
		assertThat(ex.violations()).isNotEmpty();
	}

	private Path archive(byte[] pickle, Map<String, byte[]> storages) {
		return write(TorchFixtures.archive("archive", pickle, storages));
	}

	private Path write(byte[] bytes) {
		return TorchFixtures.write(this.dir, "data.bin", bytes);
	}

	private static Spec spec(String name, long offset, List<Long> size, List<Long> stride) {
		return new Spec(name, "FloatStorage", "0", 12, offset, size, stride);
	}

	private static byte[] floats(float... values) {
		ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
		for (float value : values) {
			buffer.putFloat(value);
		}
		return buffer.array();
	}

	private static Map<String, float[]> convert(TorchArchive archive) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		archive.writeSafetensors(out, "data.bin");
		byte[] file = out.toByteArray();
		SafetensorsHeader header = SafetensorsHeader.read(new ByteArrayInputStream(file), file.length);
		Map<String, float[]> values = new LinkedHashMap<>();
		long dataStart = 8 + header.headerLength();
		header.tensors().forEach((name, info) -> {
			ByteBuffer data = ByteBuffer.wrap(file, (int) (dataStart + info.begin()), (int) (info.end() - info.begin()))
				.order(ByteOrder.LITTLE_ENDIAN);
			float[] floats = new float[(int) (info.end() - info.begin()) / 4];
			data.asFloatBuffer().get(floats);
			values.put(name, floats);
		});
		return values;
	}

}
