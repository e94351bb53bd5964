package dev.plugboard.formats;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import dev.plugboard.formats.PickleScan.Global;
import dev.plugboard.formats.PickleScan.PDict;
import dev.plugboard.formats.PickleScan.PObject;
import dev.plugboard.formats.PickleScan.PTuple;
import dev.plugboard.formats.PickleScan.Persistent;

/**
 * Reads a torch.save zip archive without executing anything: walks the pickle opcodes,
 * allows only the globals needed to rebuild tensors, and reports every import found.
 *
 * <p>
 * The archive is the format {@code torch.save} writes since PyTorch 1.6: a zip whose
 * entries share one root directory, holding the pickle {@code <root>/data.pkl}, one raw
 * little-endian entry {@code <root>/data/<key>} per storage, {@code <root>/version} (or
 * {@code <root>/.data/version}) and maybe {@code <root>/byteorder}. Its pickle is walked
 * by {@link PickleScan}, which models the pickle machine as data and never imports or
 * calls anything. Only globals in {@link PickleScan#ALLOWED_GLOBALS} are accepted, and
 * only a dict whose values are tensors rebuilt by {@code torch._utils._rebuild_tensor_v2}
 * (or {@code _rebuild_tensor}, {@code _rebuild_tensor_v3}, {@code _rebuild_parameter}) is
 * understood.
 *
 * <p>
 * Reading needs a file, because a zip is read from its central directory at the end;
 * {@link #read(Path)} reads the pickle and the directory only, and checks every storage
 * entry is long enough, but reads no tensor data: {@link #writeSafetensors} does, keeping
 * all tensors in memory at once (at most {@link #MAX_TOTAL_TENSOR_BYTES}).
 */
public final class TorchArchive {

	/** The most tensors an archive may hold. */
	public static final int MAX_TENSORS = 100_000;

	/** The most bytes all tensors together may need once converted. */
	public static final long MAX_TOTAL_TENSOR_BYTES = 2L * 1024 * 1024 * 1024;

	/** The most bytes one tensor may need: the length of a Java array. */
	static final long MAX_TENSOR_BYTES = Integer.MAX_VALUE - 8;

	static final int MAX_ENTRIES = MAX_TENSORS + 64;

	static final int MAX_DIMENSIONS = 64;

	/** The file format versions PyTorch itself reads (caffe2/serialize/versions.h). */
	static final int MIN_VERSION = 1;

	static final int MAX_VERSION = 10;

	private static final Pattern STORAGE_KEY = Pattern.compile("[A-Za-z0-9_]{1,100}");

	private static final byte[] LEGACY_MAGIC = { (byte) 0x80, 0x02, (byte) 0x8a, 0x0a, 0x6c, (byte) 0xfc, (byte) 0x9c,
			0x46, (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19 };

	private static final Map<String, Dtype> TYPED_STORAGES = Map.of("torch.FloatStorage", Dtype.F32,
			"torch.DoubleStorage", Dtype.F64, "torch.HalfStorage", Dtype.F16, "torch.BFloat16Storage", Dtype.BF16,
			"torch.LongStorage", Dtype.I64, "torch.IntStorage", Dtype.I32, "torch.ShortStorage", Dtype.I16,
			"torch.CharStorage", Dtype.I8, "torch.ByteStorage", Dtype.U8, "torch.BoolStorage", Dtype.BOOL);

	/**
	 * The dtypes torch pickles with {@code _rebuild_tensor_v3} and an untyped storage.
	 */
	private static final Map<String, Dtype> V3_DTYPES = Map.of("torch.uint16", Dtype.U16, "torch.uint32", Dtype.U32,
			"torch.uint64", Dtype.U64, "torch.float8_e5m2", Dtype.F8_E5M2, "torch.float8_e4m3fn", Dtype.F8_E4M3,
			"torch.float8_e8m0fnu", Dtype.F8_E8M0);

	private static final String UNTYPED_STORAGE = "torch.UntypedStorage";

	private final Path file;

	private final String root;

	private final List<String> imports;

	private final Map<String, TensorRef> tensors;

	private final long tensorBytes;

	private TorchArchive(Path file, String root, List<String> imports, Map<String, TensorRef> tensors,
			long tensorBytes) {
		this.file = file;
		this.root = root;
		this.imports = imports;
		this.tensors = tensors;
		this.tensorBytes = tensorBytes;
	}

	/**
	 * Reads from a seekable file (zip central directory).
	 * @param file a {@code torch.save} archive, such as {@code pytorch_adapter.bin} or
	 * {@code adapter_model.bin}
	 * @return the archive's imports and tensors; no tensor data is read yet
	 * @throws FormatException of kind {@code pickle-weights} naming every offending
	 * import (subject {@code "module.name"}) when a global outside
	 * {@link PickleScan#ALLOWED_GLOBALS} appears; of kind {@code invalid-pickle} for a
	 * damaged or unsupported archive or pickle, including legacy (non-zip) torch files
	 * @throws UncheckedIOException if the file cannot be read at all
	 */
	public static TorchArchive read(Path file) {
		Objects.requireNonNull(file, "file");
		String name = displayName(file);
		sniff(file, name);
		try (ZipFile zip = new ZipFile(file.toFile())) {
			return read(file, name, zip);
		}
		catch (ZipException | EOFException | IllegalArgumentException ex) {
			throw invalid(name,
					"the zip archive is damaged (" + Violations.shown(String.valueOf(ex.getMessage()), 120) + ")");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static TorchArchive read(Path file, String name, ZipFile zip) throws IOException {
		if (zip.size() > MAX_ENTRIES) {
			throw invalid(name, "the archive has " + zip.size() + " entries, more than the limit of " + MAX_ENTRIES);
		}
		Map<String, ZipEntry> entries = new HashMap<>();
		String root = null;
		Enumeration<? extends ZipEntry> enumeration = zip.entries();
		while (enumeration.hasMoreElements()) {
			ZipEntry entry = enumeration.nextElement();
			String entryName = entry.getName();
			if (root == null) {
				int slash = entryName.indexOf('/');
				if (slash <= 0) {
					throw invalid(name, "the first entry '" + Violations.shown(entryName)
							+ "' is not inside a root directory, as torch.save writes it");
				}
				root = entryName.substring(0, slash);
			}
			if (!entryName.startsWith(root + "/")) {
				throw invalid(name, "entry '" + Violations.shown(entryName) + "' is outside the root directory '"
						+ Violations.shown(root) + "'");
			}
			if (entries.put(entryName, entry) != null) {
				throw invalid(name, "entry '" + Violations.shown(entryName) + "' appears twice");
			}
		}
		if (root == null) {
			throw invalid(name, "the zip archive is empty");
		}
		ZipEntry pickleEntry = entries.get(root + "/data.pkl");
		if (pickleEntry == null) {
			throw invalid(name, "the archive has no '" + Violations.shown(root) + "/data.pkl' entry");
		}
		checkVersion(name, zip, entries, root);
		checkByteOrder(name, zip, entries.get(root + "/byteorder"));
		byte[] pickle = readBounded(zip, pickleEntry, PickleScan.MAX_PICKLE_BYTES);
		if (pickle == null) {
			throw invalid(name, "data.pkl is larger than the limit of " + PickleScan.MAX_PICKLE_BYTES + " bytes");
		}
		PickleScan.Run run = PickleScan.run(pickle);
		run.throwIfRefused(name);
		StateDict state = new StateDict(name);
		state.interpret(run.root());
		long fileSize = Files.size(file);
		long storedBytes = 0;
		for (Map.Entry<String, Long> need : state.neededBytes().entrySet()) {
			String entryName = root + "/data/" + need.getKey();
			ZipEntry entry = entries.get(entryName);
			if (entry == null) {
				throw invalid(name,
						"storage '" + need.getKey() + "' has no entry '" + Violations.shown(entryName) + "'");
			}
			if (entry.getMethod() != ZipEntry.STORED || entry.getSize() != entry.getCompressedSize()
					|| entry.getSize() > fileSize - storedBytes) {
				throw invalid(name, "storage entry '" + Violations.shown(entryName)
						+ "' is not stored uncompressed within the file, as torch.save writes it");
			}
			storedBytes += entry.getSize();
			if (entry.getSize() < need.getValue()) {
				throw invalid(name, "storage entry '" + Violations.shown(entryName) + "' has " + entry.getSize()
						+ " bytes, but its tensors need " + need.getValue());
			}
		}
		return new TorchArchive(file, root, run.imports(), Collections.unmodifiableMap(state.tensors),
				state.totalBytes);
	}

	/**
	 * Returns every global the pickle imports.
	 * @return {@code "module.name"} for every {@code GLOBAL}/{@code STACK_GLOBAL} seen,
	 * in order, deduplicated
	 */
	public List<String> imports() {
		return this.imports;
	}

	/**
	 * Returns the tensors of the state dict.
	 * @return state-dict name to tensor, in pickle order; unmodifiable
	 */
	public Map<String, TensorRef> tensors() {
		return this.tensors;
	}

	/**
	 * Returns how many bytes the tensors need once converted, which is also about how
	 * much memory {@link #writeSafetensors} holds at once.
	 * @return the sum of every tensor's element count times its element size
	 */
	public long tensorBytes() {
		return this.tensorBytes;
	}

	/**
	 * Writes the tensors as safetensors, contiguous and row-major, with metadata
	 * {@code {"format":"pt","converted_from":<originalName>}}. Views are materialized:
	 * storage offsets and strides are honoured, and tensors sharing a storage are written
	 * as separate copies.
	 * @param out where to write; not closed
	 * @param originalName the name of the original file, recorded in the metadata
	 * @throws FormatException of kind {@code invalid-pickle} if a storage entry can no
	 * longer be read as {@link #read} found it (the file changed)
	 * @throws UncheckedIOException if reading the archive or writing fails
	 */
	public void writeSafetensors(OutputStream out, String originalName) {
		Objects.requireNonNull(out, "out");
		Objects.requireNonNull(originalName, "originalName");
		String name = displayName(this.file);
		Map<String, SafetensorsWriter.Tensor> converted = new LinkedHashMap<>();
		try (ZipFile zip = new ZipFile(this.file.toFile())) {
			for (TensorRef tensor : this.tensors.values()) {
				converted.put(tensor.name(),
						new SafetensorsWriter.Tensor(tensor.dtype(), tensor.shape(), materialize(name, zip, tensor)));
			}
		}
		catch (ZipException | EOFException | IllegalArgumentException ex) {
			throw invalid(name,
					"the zip archive is damaged (" + Violations.shown(String.valueOf(ex.getMessage()), 120) + ")");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("format", "pt");
		metadata.put("converted_from", originalName);
		SafetensorsWriter.write(out, converted, metadata);
	}

	private byte[] materialize(String name, ZipFile zip, TensorRef tensor) throws IOException {
		int itemSize = tensor.dtype().bits() / 8;
		long elements = elementCount(tensor.shape());
		if (elements == 0) {
			return new byte[0];
		}
		long spanBytes = (neededElements(tensor) - tensor.storageOffset()) * itemSize;
		if (spanBytes > MAX_TENSOR_BYTES) {
			throw invalid(name, "tensor '" + Violations.shown(tensor.name()) + "' is a view spanning " + spanBytes
					+ " bytes of its storage, more than can be materialized");
		}
		String entryName = this.root + "/data/" + tensor.storageKey();
		ZipEntry entry = zip.getEntry(entryName);
		if (entry == null) {
			throw invalid(name, "storage entry '" + Violations.shown(entryName) + "' is gone; the file changed");
		}
		// The size was checked against the entry, and the entry against the file size.
		byte[] span = new byte[(int) spanBytes];
		int read;
		try (InputStream in = zip.getInputStream(entry)) {
			in.skipNBytes(tensor.storageOffset() * itemSize);
			read = in.readNBytes(span, 0, span.length);
		}
		if (read < spanBytes) {
			throw invalid(name, "storage entry '" + Violations.shown(entryName) + "' is shorter than tensor '"
					+ Violations.shown(tensor.name()) + "' needs; the file changed");
		}
		if (isContiguous(tensor.shape(), tensor.stride())) {
			return span;
		}
		return gather(span, tensor, itemSize, elements);
	}

	/** Copies a strided view into row-major order. */
	private static byte[] gather(byte[] span, TensorRef tensor, int itemSize, long elements) {
		int dims = tensor.shape().size();
		long[] size = new long[dims];
		long[] stride = new long[dims];
		for (int d = 0; d < dims; d++) {
			size[d] = tensor.shape().get(d);
			stride[d] = tensor.stride().get(d);
		}
		byte[] out = new byte[(int) (elements * itemSize)];
		long[] index = new long[dims];
		long source = 0;
		for (long k = 0; k < elements; k++) {
			System.arraycopy(span, (int) (source * itemSize), out, (int) (k * itemSize), itemSize);
			for (int d = dims - 1; d >= 0; d--) {
				index[d]++;
				source += stride[d];
				if (index[d] < size[d]) {
					break;
				}
				source -= stride[d] * size[d];
				index[d] = 0;
			}
		}
		return out;
	}

	static boolean isContiguous(List<Long> shape, List<Long> stride) {
		long expected = 1;
		for (int d = shape.size() - 1; d >= 0; d--) {
			long size = shape.get(d);
			if (size == 0) {
				return true;
			}
			if (size != 1 && stride.get(d) != expected) {
				return false;
			}
			expected *= size;
		}
		return true;
	}

	static long elementCount(List<Long> shape) {
		long count = 1;
		for (long size : shape) {
			count = Math.multiplyExact(count, size);
		}
		return count;
	}

	/** One past the last storage element the tensor reads; 0 for an empty tensor. */
	static long neededElements(TensorRef tensor) {
		if (elementCount(tensor.shape()) == 0) {
			return 0;
		}
		long last = tensor.storageOffset();
		for (int d = 0; d < tensor.shape().size(); d++) {
			last = Math.addExact(last, Math.multiplyExact(tensor.shape().get(d) - 1, tensor.stride().get(d)));
		}
		return Math.addExact(last, 1);
	}

	// ---- archive checks ----

	private static String displayName(Path file) {
		Path fileName = file.getFileName();
		return (fileName != null) ? fileName.toString() : file.toString();
	}

	private static void sniff(Path file, String name) {
		byte[] head;
		try (InputStream in = Files.newInputStream(file)) {
			head = in.readNBytes(512);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (head.length >= 4 && head[0] == 'P' && head[1] == 'K'
				&& ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6))) {
			return;
		}
		if (head.length >= LEGACY_MAGIC.length
				&& Arrays.equals(Arrays.copyOf(head, LEGACY_MAGIC.length), LEGACY_MAGIC)) {
			throw invalid(name,
					"it uses the legacy torch.save format of PyTorch < 1.6, which is a chain of raw "
							+ "pickles rather than a zip archive and is not read here; load and re-save it with "
							+ "torch >= 1.6, or better, convert it to safetensors");
		}
		if (head.length >= 262 && new String(head, 257, 5, StandardCharsets.ISO_8859_1).equals("ustar")) {
			throw invalid(name, "it is a tar archive (the torch.save format of PyTorch < 0.4), not a zip archive; "
					+ "convert it to safetensors");
		}
		if (head.length >= 1 && (head[0] & 0xff) == 0x80) {
			throw invalid(name, "it is a bare pickle, not a torch.save zip archive; only torch.save zip archives "
					+ "(PyTorch >= 1.6) are read");
		}
		throw invalid(name, "it is not a zip archive, as torch.save (PyTorch >= 1.6) writes");
	}

	private static void checkVersion(String name, ZipFile zip, Map<String, ZipEntry> entries, String root)
			throws IOException {
		ZipEntry entry = entries.get(root + "/version");
		if (entry == null) {
			entry = entries.get(root + "/.data/version");
		}
		if (entry == null) {
			throw invalid(name, "the archive has no version record");
		}
		String text = smallText(zip, entry);
		if (text == null || !text.matches("[0-9]{1,3}") || Integer.parseInt(text) < MIN_VERSION
				|| Integer.parseInt(text) > MAX_VERSION) {
			throw invalid(name, "unsupported archive format version '" + Violations.shown(String.valueOf(text), 20)
					+ "'; expected " + MIN_VERSION + " to " + MAX_VERSION);
		}
	}

	private static void checkByteOrder(String name, ZipFile zip, ZipEntry entry) throws IOException {
		if (entry == null) {
			return;
		}
		String text = smallText(zip, entry);
		if (!"little".equals(text)) {
			throw invalid(name, "byte order '" + Violations.shown(String.valueOf(text), 20)
					+ "' is not supported; only little-endian storages are read");
		}
	}

	private static String smallText(ZipFile zip, ZipEntry entry) throws IOException {
		byte[] bytes = readBounded(zip, entry, 32);
		return (bytes != null) ? new String(bytes, StandardCharsets.ISO_8859_1).strip() : null;
	}

	/** Reads a whole entry, or returns {@code null} if it is longer than {@code max}. */
	private static byte[] readBounded(ZipFile zip, ZipEntry entry, int max) throws IOException {
		if (entry.getSize() > max) {
			return null;
		}
		try (InputStream in = zip.getInputStream(entry)) {
			byte[] bytes = in.readNBytes(max + 1);
			return (bytes.length > max) ? null : bytes;
		}
	}

	static FormatException invalid(String file, String reason) {
		String shown = Violations.shown(file);
		return Violations.single("invalid-pickle",
				"'" + shown + "' is not a PyTorch archive this registry can read: " + reason, shown, reason);
	}

	// ---- the state dict ----

	/** Turns the modelled pickle value into tensors, checking every piece. */
	private static final class StateDict {

		private final String file;

		final Map<String, TensorRef> tensors = new LinkedHashMap<>();

		private final Map<String, Storage> storages = new HashMap<>();

		long totalBytes;

		StateDict(String file) {
			this.file = file;
		}

		void interpret(Object root) {
			if (!(root instanceof PDict dict)) {
				throw refuse(
						"the pickle holds " + PickleScan.describe(root) + ", not a state dict (a dict of tensors)");
			}
			if (dict.keys.size() > MAX_TENSORS) {
				throw refuse(
						"the state dict has " + dict.keys.size() + " entries, more than the limit of " + MAX_TENSORS);
			}
			for (int i = 0; i < dict.keys.size(); i++) {
				if (!(dict.keys.get(i) instanceof String key)) {
					throw refuse("a state dict key is " + PickleScan.describe(dict.keys.get(i)) + ", not a str");
				}
				if (key.equals(HeaderJson.METADATA_KEY)) {
					throw refuse("a tensor is named " + HeaderJson.METADATA_KEY + ", which safetensors reserves");
				}
				this.tensors.put(key, tensor(key, dict.values.get(i), false));
			}
			for (TensorRef tensor : this.tensors.values()) {
				long bytes = elementCount(tensor.shape()) * (tensor.dtype().bits() / 8);
				this.totalBytes += bytes;
				if (this.totalBytes > MAX_TOTAL_TENSOR_BYTES) {
					throw refuse("the tensors need more than " + MAX_TOTAL_TENSOR_BYTES
							+ " bytes together, more than this reader converts");
				}
			}
		}

		/** Bytes each storage entry must have: the most any of its tensors reads. */
		Map<String, Long> neededBytes() {
			Map<String, Long> needed = new LinkedHashMap<>();
			for (TensorRef tensor : this.tensors.values()) {
				try {
					long bytes = Math.multiplyExact(neededElements(tensor), tensor.dtype().bits() / 8);
					needed.merge(tensor.storageKey(), bytes, Math::max);
				}
				catch (ArithmeticException ex) {
					throw refuse("the storage range of tensor '" + Violations.shown(tensor.name()) + "' overflows");
				}
			}
			return needed;
		}

		private TensorRef tensor(String name, Object value, boolean inParameter) {
			String shown = Violations.shown(name);
			if (!(value instanceof PObject object) || !object.how.equals("REDUCE")
					|| !(object.callable instanceof Global global)) {
				throw refuse("entry '" + shown + "' is " + PickleScan.describe(value) + ", not a tensor");
			}
			if (object.state != null || object.mutated) {
				throw refuse("tensor '" + shown + "' carries extra Python state, which a plain state dict does not");
			}
			if (!(object.args instanceof PTuple tuple)) {
				throw refuse("tensor '" + shown + "' is rebuilt from " + PickleScan.describe(object.args)
						+ " rather than an argument tuple");
			}
			List<Object> args = tuple.items;
			try {
				return switch (global.dotted()) {
					case "torch._utils._rebuild_parameter" -> {
						arity(shown, global, args, 3, 3);
						if (inParameter) {
							throw refuse("tensor '" + shown + "' nests a parameter in a parameter");
						}
						bool(shown, "requires_grad", args.get(1));
						hooks(shown, args.get(2));
						yield tensor(name, args.get(0), true);
					}
					case "torch._utils._rebuild_tensor" -> {
						arity(shown, global, args, 4, 4);
						yield build(name, args, storage(shown, args.get(0), null));
					}
					case "torch._utils._rebuild_tensor_v2" -> {
						arity(shown, global, args, 6, 7);
						bool(shown, "requires_grad", args.get(4));
						hooks(shown, args.get(5));
						if (args.size() == 7) {
							metadata(shown, args.get(6));
						}
						yield build(name, args, storage(shown, args.get(0), null));
					}
					case "torch._utils._rebuild_tensor_v3" -> {
						arity(shown, global, args, 7, 8);
						bool(shown, "requires_grad", args.get(4));
						hooks(shown, args.get(5));
						if (!(args.get(6) instanceof Global dtypeGlobal)
								|| !V3_DTYPES.containsKey(dtypeGlobal.dotted())) {
							throw refuse("tensor '" + shown + "' has dtype " + PickleScan.describe(args.get(6))
									+ ", not one of " + V3_DTYPES.keySet());
						}
						if (args.size() == 8) {
							metadata(shown, args.get(7));
						}
						yield build(name, args, storage(shown, args.get(0), V3_DTYPES.get(dtypeGlobal.dotted())));
					}
					default -> throw refuse("entry '" + shown + "' is built by " + global.dotted() + ", not a tensor");
				};
			}
			catch (ArithmeticException ex) {
				throw refuse("the sizes of tensor '" + shown + "' overflow");
			}
		}

		private TensorRef build(String name, List<Object> args, Storage storage) {
			String shown = Violations.shown(name);
			long offset = nonNegative(shown, "storage offset", args.get(1));
			List<Long> shape = dimensions(shown, "size", args.get(2));
			List<Long> stride = dimensions(shown, "stride", args.get(3));
			if (stride.size() != shape.size()) {
				throw refuse(
						"tensor '" + shown + "' has " + shape.size() + " dimensions but " + stride.size() + " strides");
			}
			TensorRef tensor = new TensorRef(name, storage.dtype, shape, stride, offset, storage.key);
			long elements = elementCount(shape);
			long bytes = Math.multiplyExact(elements, storage.dtype.bits() / 8);
			if (bytes > MAX_TENSOR_BYTES) {
				throw refuse("tensor '" + shown + "' has " + bytes + " bytes, more than one array can hold");
			}
			long needed = neededElements(tensor);
			if (needed > storage.elements) {
				throw refuse("tensor '" + shown + "' reads up to element " + needed + " of storage '" + storage.key
						+ "', which declares only " + storage.elements);
			}
			return tensor;
		}

		/**
		 * Checks a persistent id {@code ('storage', <class>, key, location, numel)}.
		 * @param v3Dtype the tensor dtype for an untyped storage, or {@code null} for a
		 * typed one
		 */
		private Storage storage(String shown, Object value, Dtype v3Dtype) {
			if (!(value instanceof Persistent persistent) || !(persistent.pid() instanceof PTuple pid)
					|| pid.items.size() != 5 || !"storage".equals(pid.items.get(0))
					|| !(pid.items.get(1) instanceof Global type) || !(pid.items.get(2) instanceof String key)
					|| !(pid.items.get(3) instanceof String) || !(pid.items.get(4) instanceof Long numel)) {
				throw refuse("tensor '" + shown + "' does not reference a storage as "
						+ "('storage', <storage class>, key, location, numel)");
			}
			if (!STORAGE_KEY.matcher(key).matches()) {
				throw refuse("tensor '" + shown + "' references storage key '" + Violations.shown(key, 40)
						+ "', which is not a plain name");
			}
			if (numel < 0) {
				throw refuse("storage '" + key + "' declares " + numel + " elements");
			}
			Dtype dtype;
			long elements;
			if (v3Dtype == null) {
				dtype = TYPED_STORAGES.get(type.dotted());
				if (dtype == null) {
					throw refuse("tensor '" + shown + "' uses storage class " + type.dotted()
							+ ", but _rebuild_tensor needs a typed storage");
				}
				elements = numel;
			}
			else {
				if (!type.dotted().equals(UNTYPED_STORAGE)) {
					throw refuse("tensor '" + shown + "' uses storage class " + type.dotted()
							+ ", but _rebuild_tensor_v3 needs " + UNTYPED_STORAGE);
				}
				dtype = v3Dtype;
				elements = numel / (dtype.bits() / 8);
			}
			Storage storage = new Storage(key, type.dotted(), numel, dtype, elements);
			Storage earlier = this.storages.putIfAbsent(key, storage);
			if (earlier != null && (!earlier.type.equals(storage.type) || earlier.numel != numel
					|| earlier.dtype != storage.dtype)) {
				throw refuse("storage '" + key + "' is declared twice, differently");
			}
			return storage;
		}

		private void arity(String shown, Global global, List<Object> args, int min, int max) {
			if (args.size() < min || args.size() > max) {
				throw refuse("tensor '" + shown + "' calls " + global.dotted() + " with " + args.size() + " arguments");
			}
		}

		private void bool(String shown, String what, Object value) {
			if (!(value instanceof Boolean)) {
				throw refuse(
						"tensor '" + shown + "' has " + PickleScan.describe(value) + " as " + what + ", not a bool");
			}
		}

		private void hooks(String shown, Object value) {
			if (!(value instanceof PDict dict) || !dict.keys.isEmpty() || dict.state != null) {
				throw refuse("tensor '" + shown + "' has backward hooks " + PickleScan.describe(value)
						+ "; only an empty OrderedDict is accepted");
			}
		}

		private void metadata(String shown, Object value) {
			if (!(value instanceof PDict dict) || !dict.keys.isEmpty() || dict.state != null) {
				throw refuse("tensor '" + shown + "' has tensor metadata " + PickleScan.describe(value)
						+ " (such as conjugate or negative bits), which is not supported");
			}
		}

		private long nonNegative(String shown, String what, Object value) {
			if (!(value instanceof Long number) || number < 0) {
				throw refuse("tensor '" + shown + "' has " + PickleScan.describe(value) + " as " + what
						+ ", not a non-negative int");
			}
			return number;
		}

		private List<Long> dimensions(String shown, String what, Object value) {
			if (!(value instanceof PTuple tuple) || tuple.items.size() > MAX_DIMENSIONS) {
				throw refuse("tensor '" + shown + "' has " + PickleScan.describe(value) + " as " + what
						+ ", not a tuple of at most " + MAX_DIMENSIONS + " ints");
			}
			List<Long> result = new ArrayList<>(tuple.items.size());
			for (Object item : tuple.items) {
				result.add(nonNegative(shown, what, item));
			}
			return result;
		}

		private FormatException refuse(String reason) {
			return invalid(this.file, reason);
		}

	}

	private record Storage(String key, String type, long numel, Dtype dtype, long elements) {
	}

	/**
	 * One tensor of the state dict, as the pickle describes it.
	 *
	 * @param name the state-dict key
	 * @param dtype the element type, from the storage class (or, for
	 * {@code _rebuild_tensor_v3}, the dtype argument)
	 * @param shape the dimensions
	 * @param stride the step in storage elements for each dimension
	 * @param storageOffset the first storage element the tensor reads
	 * @param storageKey the storage's key: its data is entry {@code <root>/data/<key>}
	 */
	public record TensorRef(String name, Dtype dtype, List<Long> shape, List<Long> stride, long storageOffset,
			String storageKey) {

		public TensorRef {
			Objects.requireNonNull(name, "name");
			Objects.requireNonNull(dtype, "dtype");
			Objects.requireNonNull(storageKey, "storageKey");
			shape = List.copyOf(shape);
			stride = List.copyOf(stride);
		}

	}

}
