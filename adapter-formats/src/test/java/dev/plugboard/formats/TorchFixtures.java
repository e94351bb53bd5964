package dev.plugboard.formats;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Builds torch.save archives and pickles by hand for tests: nothing here needs Python or
 * PyTorch, and nothing is ever unpickled.
 */
final class TorchFixtures {

	static final String ADAPTER = "real-adapters/adapterhub-bn-mbert-adapters101/pytorch_adapter.bin";

	static final String HEAD = "real-adapters/adapterhub-bn-mbert-adapters101/pytorch_model_head.bin";

	private TorchFixtures() {
	}

	/** A zip with the given entries, in order, stored uncompressed as torch.save does. */
	static byte[] zip(Map<String, byte[]> entries) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
				ZipEntry zipEntry = new ZipEntry(entry.getKey());
				zipEntry.setMethod(ZipEntry.STORED);
				zipEntry.setSize(entry.getValue().length);
				zipEntry.setCompressedSize(entry.getValue().length);
				CRC32 crc = new CRC32();
				crc.update(entry.getValue());
				zipEntry.setCrc(crc.getValue());
				zip.putNextEntry(zipEntry);
				zip.write(entry.getValue());
				zip.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/** A torch.save-like archive: data.pkl, the storages as data/key, version 3. */
	static byte[] archive(String root, byte[] pickle, Map<String, byte[]> storages) {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		entries.put(root + "/data.pkl", pickle);
		entries.put(root + "/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
		storages.forEach((key, data) -> entries.put(root + "/data/" + key, data));
		entries.put(root + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
		return zip(entries);
	}

	/** Every entry of a zip file, by name, in order. */
	static Map<String, byte[]> entries(Path file) {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		try (ZipFile zip = new ZipFile(file.toFile())) {
			Enumeration<? extends ZipEntry> all = zip.entries();
			while (all.hasMoreElements()) {
				ZipEntry entry = all.nextElement();
				entries.put(entry.getName(), zip.getInputStream(entry).readAllBytes());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return entries;
	}

	static Path write(Path dir, String name, byte[] bytes) {
		try {
			return Files.write(dir.resolve(name), bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Writes zip files made of fixed stored entries plus one last entry that changes,
	 * rewriting only the tail of the file when it already starts with the fixed entries:
	 * fuzzing a pickle next to megabytes of storages stays fast.
	 */
	static final class ZipTemplate {

		private final ByteArrayOutputStream locals = new ByteArrayOutputStream();

		private final ByteArrayOutputStream centrals = new ByteArrayOutputStream();

		private int count;

		private Path written;

		ZipTemplate(Map<String, byte[]> fixed) {
			fixed.forEach((name, data) -> add(this.locals, this.centrals, name, data));
		}

		private void add(ByteArrayOutputStream local, ByteArrayOutputStream central, String name, byte[] data) {
			byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
			CRC32 crc = new CRC32();
			crc.update(data);
			int offset = this.locals.size() + ((local == this.locals) ? 0 : local.size());
			ByteBuffer header = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
			header.putInt(0x04034b50).putShort((short) 10).putShort((short) 0).putShort((short) 0);
			header.putShort((short) 0).putShort((short) 0x21).putInt((int) crc.getValue());
			header.putInt(data.length).putInt(data.length).putShort((short) nameBytes.length).putShort((short) 0);
			local.writeBytes(header.array());
			local.writeBytes(nameBytes);
			local.writeBytes(data);
			ByteBuffer entry = ByteBuffer.allocate(46).order(ByteOrder.LITTLE_ENDIAN);
			entry.putInt(0x02014b50).putShort((short) 20).putShort((short) 10).putShort((short) 0).putShort((short) 0);
			entry.putShort((short) 0).putShort((short) 0x21).putInt((int) crc.getValue());
			entry.putInt(data.length).putInt(data.length).putShort((short) nameBytes.length);
			entry.putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0);
			entry.putInt(offset);
			central.writeBytes(entry.array());
			central.writeBytes(nameBytes);
			this.count++;
		}

		/** Writes the fixed entries, then {@code name}, then the central directory. */
		void write(Path file, String name, byte[] data) {
			ByteArrayOutputStream tail = new ByteArrayOutputStream();
			ByteArrayOutputStream central = new ByteArrayOutputStream();
			central.writeBytes(this.centrals.toByteArray());
			int before = this.count;
			add(tail, central, name, data);
			this.count = before;
			int centralOffset = this.locals.size() + tail.size();
			ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
			end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0);
			end.putShort((short) (before + 1)).putShort((short) (before + 1));
			end.putInt(central.size()).putInt(centralOffset).putShort((short) 0);
			tail.writeBytes(central.toByteArray());
			tail.writeBytes(end.array());
			try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
				if (!file.equals(this.written)) {
					channel.truncate(0);
					channel.write(ByteBuffer.wrap(this.locals.toByteArray()), 0);
					this.written = file;
				}
				channel.truncate(this.locals.size());
				channel.write(ByteBuffer.wrap(tail.toByteArray()), this.locals.size());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	/** One tensor for {@link #stateDict}: its storage class and view. */
	record Spec(String name, String storageClass, String key, long numel, long offset, List<Long> size,
			List<Long> stride) {
	}

	/**
	 * A pickle laid out as torch.save (protocol 2) writes a state dict: an OrderedDict of
	 * {@code _rebuild_tensor_v2} calls on persistent storages, with {@code _metadata} set
	 * by BUILD.
	 */
	static byte[] stateDict(List<Spec> specs) {
		Pickle p = new Pickle().proto(2).global("collections", "OrderedDict").emptyTuple().op('R').mark();
		for (Spec spec : specs) {
			p.unicode(spec.name()).tensor(spec);
		}
		p.op('u');
		// state_dict()._metadata = {'': {'version': 1}}
		p.op('}')
			.unicode("_metadata")
			.op('}')
			.unicode("")
			.op('}')
			.unicode("version")
			.integer(1)
			.op('s')
			.op('s')
			.op('s');
		p.op('b');
		return p.stop();
	}

	/** Writes pickle opcodes. */
	static final class Pickle {

		private final ByteArrayOutputStream out = new ByteArrayOutputStream();

		Pickle op(int opcode) {
			this.out.write(opcode);
			return this;
		}

		Pickle raw(byte[] bytes) {
			this.out.writeBytes(bytes);
			return this;
		}

		Pickle raw(String latin1) {
			return raw(latin1.getBytes(StandardCharsets.ISO_8859_1));
		}

		/**
		 * Pushes
		 * {@code _rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict())}.
		 */
		Pickle tensor(Spec spec) {
			global("torch._utils", "_rebuild_tensor_v2").mark();
			mark().unicode("storage")
				.global("torch", spec.storageClass())
				.unicode(spec.key())
				.unicode("cpu")
				.integer(spec.numel())
				.op('t')
				.op('Q');
			integer(spec.offset()).tuple(spec.size()).tuple(spec.stride()).op(0x89);
			return global("collections", "OrderedDict").emptyTuple().op('R').op('t').op('R');
		}

		Pickle proto(int version) {
			return op(0x80).op(version);
		}

		Pickle mark() {
			return op('(');
		}

		Pickle emptyTuple() {
			return op(')');
		}

		Pickle global(String module, String name) {
			return op('c').raw((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
		}

		Pickle unicode(String text) {
			byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
			op('X');
			le(utf8.length, 4);
			return raw(utf8);
		}

		Pickle shortUnicode(String text) {
			byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
			op(0x8c).op(utf8.length);
			return raw(utf8);
		}

		Pickle integer(long value) {
			if (value >= 0 && value < 256) {
				return op('K').op((int) value);
			}
			if (value >= 0 && value < 65536) {
				op('M');
				return le(value, 2);
			}
			if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
				op('J');
				return le(value, 4);
			}
			op(0x8a).op(8);
			return le(value, 8);
		}

		Pickle tuple(List<Long> values) {
			mark();
			values.forEach(this::integer);
			return op('t');
		}

		Pickle le(long value, int bytes) {
			for (int i = 0; i < bytes; i++) {
				this.out.write((int) (value >>> (8 * i)) & 0xff);
			}
			return this;
		}

		byte[] stop() {
			return op('.').bytes();
		}

		byte[] bytes() {
			return this.out.toByteArray();
		}

	}

}
