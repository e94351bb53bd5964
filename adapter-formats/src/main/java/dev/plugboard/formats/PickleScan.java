package dev.plugboard.formats;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Walks a Python pickle without executing anything, and lists the globals it imports.
 *
 * <p>
 * The walk is a model of the pickle virtual machine in which every value is plain data: a
 * global is only a (module, name) pair, and {@code REDUCE}, {@code NEWOBJ}, {@code INST},
 * {@code OBJ} and {@code BUILD} record what a real unpickler would call instead of
 * calling it. Nothing is ever imported, looked up or invoked, so a hostile pickle can at
 * worst be rejected.
 *
 * <p>
 * The walk is bounded: by the pickle size ({@link #MAX_PICKLE_BYTES}), the memo size, the
 * stack and mark depth, and a budget of values and container slots, so that its memory
 * use is a small multiple of the pickle size whatever the pickle says.
 * {@link TorchArchive} builds on it to read PyTorch state dicts.
 */
public final class PickleScan {

	/** The largest pickle this class walks. */
	public static final int MAX_PICKLE_BYTES = 64 * 1024 * 1024;

	/**
	 * The globals a plain PyTorch state dict needs, as {@code "module.name"}. They are
	 * matched as exact (module, name) pairs: {@code module="torch", name="_utils.x"} is
	 * not the same import as {@code module="torch._utils", name="x"}.
	 */
	public static final Set<String> ALLOWED_GLOBALS = Set.of("collections.OrderedDict",
			"torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor", "torch._utils._rebuild_tensor_v3",
			"torch._utils._rebuild_parameter", "torch.FloatStorage", "torch.DoubleStorage", "torch.HalfStorage",
			"torch.BFloat16Storage", "torch.LongStorage", "torch.IntStorage", "torch.ShortStorage", "torch.CharStorage",
			"torch.ByteStorage", "torch.BoolStorage", "torch.UntypedStorage", "torch.uint16", "torch.uint32",
			"torch.uint64", "torch.float8_e5m2", "torch.float8_e4m3fn", "torch.float8_e8m0fnu");

	static final int MAX_MEMO = 1_000_000;

	static final int MAX_STACK = 100_000;

	static final int MAX_MARKS = 10_000;

	/** Values created plus container slots filled. */
	static final int MAX_CELLS = 4_000_000;

	static final int MAX_LINE = 64 * 1024;

	static final int MAX_IMPORTS = 10_000;

	static final int MAX_IMPORT_CHARS = 1_000;

	static final int MAX_NUMBER_CHARS = 1_000;

	static final int MAX_LONG_BYTES = 1_024;

	private PickleScan() {
	}

	/**
	 * Lists the globals a pickle imports, without executing it, whether or not they are
	 * allowed.
	 * @param pickle the pickle bytes, at most {@link #MAX_PICKLE_BYTES}
	 * @return every {@code GLOBAL}, {@code STACK_GLOBAL} and {@code INST} import as
	 * {@code "module.name"}, in order of first appearance, without duplicates
	 * @throws FormatException if the pickle cannot be walked to its {@code STOP}: too
	 * large, malformed, or using an opcode this walk does not model; of kind
	 * {@code pickle-weights} naming the globals outside {@link #ALLOWED_GLOBALS} if any
	 * were imported before the problem, else of kind {@code invalid-pickle}
	 */
	public static List<String> imports(byte[] pickle) {
		Run run = run(pickle);
		if (run.problem() != null) {
			run.throwIfRefused("pickle");
		}
		return run.imports();
	}

	/**
	 * Tells whether an import is in {@link #ALLOWED_GLOBALS}.
	 * @param module the module, as written in the pickle
	 * @param name the name, as written in the pickle
	 * @return whether a plain state dict may import it
	 */
	public static boolean isAllowed(String module, String name) {
		return !module.isEmpty() && !name.isEmpty() && name.indexOf('.') < 0
				&& ALLOWED_GLOBALS.contains(module + "." + name);
	}

	static Run run(byte[] pickle) {
		Objects.requireNonNull(pickle, "pickle");
		if (pickle.length > MAX_PICKLE_BYTES) {
			return new Run(List.of(), Map.of(), null,
					"the pickle has " + pickle.length + " bytes, more than the limit of " + MAX_PICKLE_BYTES);
		}
		Machine machine = new Machine(pickle);
		String problem = null;
		Object root = null;
		try {
			root = machine.execute();
		}
		catch (Bad ex) {
			problem = ex.getMessage();
		}
		return new Run(List.copyOf(machine.imports), Collections.unmodifiableMap(machine.disallowed), root, problem);
	}

	/**
	 * The outcome of a walk.
	 *
	 * @param imports every import, dotted, in order, deduplicated
	 * @param disallowed the imports outside the allow-list, dotted, with the reason
	 * @param root the value {@code STOP} returned, or {@code null} if the walk failed
	 * @param problem why the walk failed, or {@code null}
	 */
	record Run(List<String> imports, Map<String, String> disallowed, Object root, String problem) {

		/**
		 * Throws {@code pickle-weights} for disallowed imports (even if the walk failed
		 * later), else {@code invalid-pickle} if it failed.
		 */
		void throwIfRefused(String subject) {
			String shown = Violations.shown(subject);
			if (!this.disallowed.isEmpty()) {
				Violations violations = new Violations();
				this.disallowed.forEach(violations::add);
				throw violations.toException("pickle-weights", "'" + shown + "' imports " + this.disallowed.size()
						+ " Python global(s) that a plain PyTorch state dict never needs; loading it could run code");
			}
			if (this.problem != null) {
				throw Violations.single("invalid-pickle", "'" + shown + "' is not a pickle this registry can read: "
						+ Violations.shown(this.problem, 300), shown, Violations.shown(this.problem, 300));
			}
		}

	}

	/** Thrown inside the machine for malformed or unsupported input. */
	static final class Bad extends RuntimeException {

		Bad(String message) {
			super(message, null, false, false);
		}

	}

	// ---- the values of the modelled machine: data only, compared by identity ----

	/** Python's {@code None}. */
	static final Object NONE = new Object() {
		@Override
		public String toString() {
			return "None";
		}
	};

	/** An imported global: only its name. */
	record Global(String module, String name) {

		String dotted() {
			return this.module + "." + this.name;
		}

	}

	/** A tuple; immutable once built. */
	static final class PTuple {

		final List<Object> items;

		PTuple(List<Object> items) {
			this.items = items;
		}

	}

	/** A list or set. */
	static final class PList {

		final List<Object> items = new ArrayList<>();

		final boolean set;

		PList(boolean set) {
			this.set = set;
		}

	}

	/** A dict; {@code ordered} when built as {@code collections.OrderedDict()}. */
	static final class PDict {

		final List<Object> keys = new ArrayList<>();

		final List<Object> values = new ArrayList<>();

		final boolean ordered;

		/** The state a {@code BUILD} gave it, or {@code null}. */
		Object state;

		PDict(boolean ordered) {
			this.ordered = ordered;
		}

	}

	/** Bytes; only their position is kept. */
	record PBytes(int offset, int length) {
	}

	/** What a real unpickler would have got by calling {@code callable}. */
	static final class PObject {

		final String how;

		final Object callable;

		final Object args;

		/** The state a {@code BUILD} gave it, or {@code null}. */
		Object state;

		/** Whether items were appended or set on it. */
		boolean mutated;

		PObject(String how, Object callable, Object args) {
			this.how = how;
			this.callable = callable;
			this.args = args;
		}

	}

	/** What a persistent-load hook would have been asked to load. */
	record Persistent(Object pid) {
	}

	/** A short, non-recursive description of a value for error messages. */
	static String describe(Object value) {
		if (value == null) {
			return "nothing";
		}
		if (value == NONE) {
			return "None";
		}
		if (value instanceof String string) {
			return "str '" + Violations.shown(string, 60) + "'";
		}
		if (value instanceof Long || value instanceof BigInteger) {
			return "int " + value;
		}
		if (value instanceof Boolean || value instanceof Double) {
			return value.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " " + value;
		}
		if (value instanceof Global global) {
			return "global " + Violations.shown(global.dotted(), 80);
		}
		if (value instanceof PTuple tuple) {
			return "tuple of " + tuple.items.size();
		}
		if (value instanceof PList list) {
			return (list.set ? "set of " : "list of ") + list.items.size();
		}
		if (value instanceof PDict dict) {
			return "dict of " + dict.keys.size();
		}
		if (value instanceof PBytes bytes) {
			return "bytes of " + bytes.length();
		}
		if (value instanceof Persistent) {
			return "persistent id";
		}
		if (value instanceof PObject object) {
			// Not recursive: a pickle can nest calls as deep as it likes.
			return object.how + " of " + ((object.callable instanceof Global global)
					? "global " + Violations.shown(global.dotted(), 80) : "a computed callable");
		}
		return "unknown value";
	}

	/** The machine itself. */
	static final class Machine {

		final byte[] in;

		int pos;

		final List<Object> stack = new ArrayList<>();

		private int[] marks = new int[16];

		private int markCount;

		/** Memo entries below {@link #MAX_MEMO}, as torch writes them: dense from 0. */
		private Object[] denseMemo = new Object[64];

		/** Memo entries at larger indices. */
		private final Map<Long, Object> sparseMemo = new HashMap<>();

		private int memoCount;

		final Set<String> imports = new LinkedHashSet<>();

		final Map<String, String> disallowed = new LinkedHashMap<>();

		private long cells;

		private int opcodeStart;

		Machine(byte[] in) {
			this.in = in;
		}

		Object execute() {
			while (true) {
				if (this.pos >= this.in.length) {
					throw new Bad("the pickle ends without a STOP opcode");
				}
				this.opcodeStart = this.pos;
				int op = this.in[this.pos++] & 0xff;
				switch (op) {
					case 0x80 -> { // PROTO
						int version = u8();
						if (version > 5) {
							throw bad("unsupported pickle protocol " + version);
						}
					}
					case 0x95 -> { // FRAME
						long length = u64();
						if (length < 0 || length > this.in.length - this.pos) {
							throw bad("FRAME of " + Long.toUnsignedString(length) + " bytes runs past the end");
						}
					}
					case '.' -> { // STOP
						Object result = pop();
						if (this.pos != this.in.length) {
							throw bad((this.in.length - this.pos) + " trailing bytes after STOP");
						}
						return result;
					}
					case '(' -> pushMark();
					case '0' -> { // POP
						if (this.stack.size() > topMark()) {
							this.stack.remove(this.stack.size() - 1);
						}
						else {
							popMark();
						}
					}
					case '1' -> popMark(); // POP_MARK
					case '2' -> push(peek()); // DUP
					case 'N' -> push(NONE);
					case 0x88 -> push(Boolean.TRUE); // NEWTRUE
					case 0x89 -> push(Boolean.FALSE); // NEWFALSE
					case 'I' -> pushCreated(parseInt(line())); // INT
					case 'L' -> pushCreated(parseLong(line())); // LONG
					case 'J' -> pushCreated((long) s32()); // BININT
					case 'K' -> pushCreated((long) u8()); // BININT1
					case 'M' -> pushCreated((long) u16()); // BININT2
					case 0x8a -> pushCreated(longBytes(u8())); // LONG1
					case 0x8b -> pushCreated(longBytes(s32())); // LONG4
					case 'F' -> pushCreated(parseFloat(line())); // FLOAT
					case 'G' -> pushCreated(Double.longBitsToDouble(be64())); // BINFLOAT
					case 'S' -> pushCreated(utf8(escapeDecode(quoted(line())))); // STRING
					case 'T' -> pushCreated(utf8(take(s32()))); // BINSTRING
					case 'U' -> pushCreated(utf8(take(u8()))); // SHORT_BINSTRING
					case 'V' -> pushCreated(rawUnicodeEscape(line())); // UNICODE
					case 'X' -> pushCreated(utf8(take(u32()))); // BINUNICODE
					case 0x8c -> pushCreated(utf8(take(u8()))); // SHORT_BINUNICODE
					case 0x8d -> pushCreated(utf8(take(u64()))); // BINUNICODE8
					case 'B' -> pushCreated(bytes(u32())); // BINBYTES
					case 'C' -> pushCreated(bytes(u8())); // SHORT_BINBYTES
					case 0x8e -> pushCreated(bytes(u64())); // BINBYTES8
					case 0x96 -> pushCreated(bytes(u64())); // BYTEARRAY8
					case ')' -> pushCreated(new PTuple(List.of())); // EMPTY_TUPLE
					case 't' -> pushCreated(new PTuple(slots(popMark()))); // TUPLE
					case 0x85 -> tuple(1);
					case 0x86 -> tuple(2);
					case 0x87 -> tuple(3);
					case ']' -> pushCreated(new PList(false)); // EMPTY_LIST
					case 'l' -> { // LIST
						PList list = new PList(false);
						fill(list.items, popMark());
						pushCreated(list);
					}
					case 'a' -> { // APPEND
						Object value = pop();
						append(peek(), List.of(value));
					}
					case 'e' -> { // APPENDS
						List<Object> items = popMark();
						append(peek(), items);
					}
					case 0x8f -> pushCreated(new PList(true)); // EMPTY_SET
					case 0x90 -> { // ADDITEMS
						List<Object> items = popMark();
						Object target = peek();
						if (!(target instanceof PList list) || !list.set) {
							throw bad("ADDITEMS on " + describe(target));
						}
						fill(list.items, items);
					}
					case 0x91 -> { // FROZENSET
						PList set = new PList(true);
						fill(set.items, popMark());
						pushCreated(set);
					}
					case '}' -> pushCreated(new PDict(false)); // EMPTY_DICT
					case 'd' -> { // DICT
						List<Object> items = popMark();
						PDict dict = new PDict(false);
						setItems(dict, items);
						pushCreated(dict);
					}
					case 's' -> { // SETITEM
						Object value = pop();
						Object key = pop();
						setItems(peek(), List.of(key, value));
					}
					case 'u' -> { // SETITEMS
						List<Object> items = popMark();
						setItems(peek(), items);
					}
					case 'p' -> memoPut(parseIndex(line())); // PUT
					case 'q' -> memoPut(u8()); // BINPUT
					case 'r' -> memoPut(u32()); // LONG_BINPUT
					case 0x94 -> memoPut(this.memoCount); // MEMOIZE
					case 'g' -> memoGet(parseIndex(line())); // GET
					case 'h' -> memoGet(u8()); // BINGET
					case 'j' -> memoGet(u32()); // LONG_BINGET
					case 'c' -> { // GLOBAL
						String module = utf8(lineBytes());
						String name = utf8(lineBytes());
						pushCreated(global(module, name));
					}
					case 0x93 -> { // STACK_GLOBAL
						Object name = pop();
						Object module = pop();
						if (!(module instanceof String moduleName) || !(name instanceof String globalName)) {
							throw bad("STACK_GLOBAL needs two str, got " + describe(module) + " and " + describe(name));
						}
						pushCreated(global(moduleName, globalName));
					}
					case 'i' -> { // INST
						String module = utf8(lineBytes());
						String name = utf8(lineBytes());
						Global global = global(module, name);
						pushCreated(new PObject("INST", global, new PTuple(slots(popMark()))));
					}
					case 'o' -> { // OBJ
						List<Object> items = slots(popMark());
						if (items.isEmpty()) {
							throw bad("OBJ without a class");
						}
						pushCreated(new PObject("OBJ", items.get(0), new PTuple(items.subList(1, items.size()))));
					}
					case 0x81 -> { // NEWOBJ
						Object args = pop();
						Object cls = pop();
						pushCreated(new PObject("NEWOBJ", cls, args));
					}
					case 0x92 -> { // NEWOBJ_EX
						Object kwargs = pop();
						Object args = pop();
						Object cls = pop();
						pushCreated(new PObject("NEWOBJ_EX", cls, new PTuple(List.of(args, kwargs))));
					}
					case 'R' -> { // REDUCE
						Object args = pop();
						Object callable = pop();
						if (callable instanceof Global global && global.module().equals("collections")
								&& global.name().equals("OrderedDict") && args instanceof PTuple tuple
								&& tuple.items.isEmpty()) {
							pushCreated(new PDict(true));
						}
						else {
							pushCreated(new PObject("REDUCE", callable, args));
						}
					}
					case 'b' -> { // BUILD
						Object state = pop();
						Object target = peek();
						if (target instanceof PDict dict && dict.state == null) {
							dict.state = state;
						}
						else if (target instanceof PObject object && object.state == null) {
							object.state = state;
						}
						else {
							throw bad("BUILD on " + describe(target));
						}
					}
					case 'P' -> pushCreated(new Persistent(utf8(lineBytes()))); // PERSID
					case 'Q' -> pushCreated(new Persistent(pop())); // BINPERSID
					case 0x82, 0x83, 0x84 -> throw bad("extension-registry opcode EXT"
							+ (op == 0x82 ? 1 : op == 0x83 ? 2 : 4) + " is not supported");
					case 0x97, 0x98 -> throw bad("out-of-band buffer opcode "
							+ (op == 0x97 ? "NEXT_BUFFER" : "READONLY_BUFFER") + " is not supported");
					default -> throw bad(String.format("unknown opcode 0x%02x", op));
				}
			}
		}

		// ---- stack ----

		private Bad bad(String message) {
			return new Bad(message + " (at byte " + this.opcodeStart + ")");
		}

		private int topMark() {
			return (this.markCount == 0) ? 0 : this.marks[this.markCount - 1];
		}

		private void pushMark() {
			if (this.markCount == MAX_MARKS) {
				throw bad("more than " + MAX_MARKS + " nested MARKs");
			}
			if (this.markCount == this.marks.length) {
				this.marks = Arrays.copyOf(this.marks, this.marks.length * 2);
			}
			this.marks[this.markCount++] = this.stack.size();
		}

		private List<Object> popMark() {
			if (this.markCount == 0) {
				throw bad("no MARK to pop");
			}
			int mark = this.marks[--this.markCount];
			List<Object> top = this.stack.subList(mark, this.stack.size());
			List<Object> items = new ArrayList<>(top);
			top.clear();
			return items;
		}

		private void push(Object value) {
			if (this.stack.size() >= MAX_STACK) {
				throw bad("the stack grows beyond " + MAX_STACK + " values");
			}
			this.stack.add(value);
		}

		private void pushCreated(Object value) {
			spend(1);
			push(value);
		}

		private Object pop() {
			if (this.stack.size() <= topMark()) {
				throw bad("stack underflow");
			}
			return this.stack.remove(this.stack.size() - 1);
		}

		private Object peek() {
			if (this.stack.size() <= topMark()) {
				throw bad("stack underflow");
			}
			return this.stack.get(this.stack.size() - 1);
		}

		private void spend(long count) {
			this.cells += count;
			if (this.cells > MAX_CELLS) {
				throw bad("the pickle builds more than " + MAX_CELLS + " values");
			}
		}

		private void tuple(int size) {
			if (this.stack.size() - topMark() < size) {
				throw bad("stack underflow");
			}
			List<Object> top = this.stack.subList(this.stack.size() - size, this.stack.size());
			List<Object> items = new ArrayList<>(top);
			top.clear();
			spend(size);
			pushCreated(new PTuple(items));
		}

		private List<Object> slots(List<Object> items) {
			spend(items.size());
			return items;
		}

		private void fill(List<Object> target, List<Object> items) {
			spend(items.size());
			target.addAll(items);
		}

		private void append(Object target, List<Object> items) {
			if (target instanceof PList list && !list.set) {
				fill(list.items, items);
			}
			else if (target instanceof PObject object) {
				spend(items.size());
				object.mutated = true;
			}
			else {
				throw bad("APPEND to " + describe(target));
			}
		}

		private void setItems(Object target, List<Object> items) {
			if (items.size() % 2 != 0) {
				throw bad("odd number of items for a dict");
			}
			if (target instanceof PDict dict) {
				spend(items.size());
				for (int i = 0; i < items.size(); i += 2) {
					dict.keys.add(items.get(i));
					dict.values.add(items.get(i + 1));
				}
			}
			else if (target instanceof PObject object) {
				spend(items.size());
				object.mutated = true;
			}
			else {
				throw bad("SETITEM on " + describe(target));
			}
		}

		private void memoPut(long index) {
			if (index < 0) {
				throw bad("negative memo index");
			}
			Object value = peek();
			boolean fresh = (index < MAX_MEMO) ? index >= this.denseMemo.length || this.denseMemo[(int) index] == null
					: !this.sparseMemo.containsKey(index);
			if (fresh && this.memoCount >= MAX_MEMO) {
				throw bad("the memo grows beyond " + MAX_MEMO + " entries");
			}
			if (index < MAX_MEMO) {
				if (index >= this.denseMemo.length) {
					long grown = Math.max(index + 1, 2L * this.denseMemo.length);
					this.denseMemo = Arrays.copyOf(this.denseMemo, (int) Math.min(grown, MAX_MEMO));
				}
				this.denseMemo[(int) index] = value;
			}
			else {
				this.sparseMemo.put(index, value);
			}
			if (fresh) {
				this.memoCount++;
			}
		}

		private void memoGet(long index) {
			Object value;
			if (index < 0) {
				value = null;
			}
			else if (index < MAX_MEMO) {
				value = (index < this.denseMemo.length) ? this.denseMemo[(int) index] : null;
			}
			else {
				value = this.sparseMemo.get(index);
			}
			if (value == null) {
				throw bad("memo entry " + index + " was never stored");
			}
			push(value);
		}

		private Global global(String module, String name) {
			Global global = new Global(module, name);
			String dotted = global.dotted();
			if (module.length() > MAX_IMPORT_CHARS || name.length() > MAX_IMPORT_CHARS) {
				this.disallowed.putIfAbsent(Violations.shown(dotted, 200), "an import name longer than "
						+ MAX_IMPORT_CHARS + " characters; loading the file would import it");
				throw bad("an import name is longer than " + MAX_IMPORT_CHARS + " characters");
			}
			if (this.imports.size() >= MAX_IMPORTS && !this.imports.contains(dotted)) {
				throw bad("more than " + MAX_IMPORTS + " distinct imports");
			}
			this.imports.add(dotted);
			if (!isAllowed(module, name) && !this.disallowed.containsKey(dotted)) {
				String reason = ALLOWED_GLOBALS.contains(dotted)
						? "imported as module '" + Violations.shown(module) + "', name '" + Violations.shown(name)
								+ "'; only the canonical spelling is allowed"
						: "not a global a plain PyTorch state dict needs; loading the file would import it";
				this.disallowed.put(Violations.shown(dotted, 200), reason);
			}
			return global;
		}

		// ---- reading arguments ----

		private int u8() {
			need(1);
			return this.in[this.pos++] & 0xff;
		}

		private int u16() {
			need(2);
			int value = (this.in[this.pos] & 0xff) | (this.in[this.pos + 1] & 0xff) << 8;
			this.pos += 2;
			return value;
		}

		private int s32() {
			need(4);
			int value = (this.in[this.pos] & 0xff) | (this.in[this.pos + 1] & 0xff) << 8
					| (this.in[this.pos + 2] & 0xff) << 16 | (this.in[this.pos + 3] & 0xff) << 24;
			this.pos += 4;
			return value;
		}

		private long u32() {
			return s32() & 0xffffffffL;
		}

		/** Little-endian unsigned 64 bits; negative when above {@code Long.MAX_VALUE}. */
		private long u64() {
			long low = u32();
			long high = u32();
			return low | high << 32;
		}

		private long be64() {
			need(8);
			long value = 0;
			for (int i = 0; i < 8; i++) {
				value = value << 8 | (this.in[this.pos + i] & 0xff);
			}
			this.pos += 8;
			return value;
		}

		private void need(long count) {
			if (count < 0 || count > this.in.length - this.pos) {
				throw bad("the pickle ends inside an opcode argument");
			}
		}

		private byte[] take(long length) {
			need(length);
			byte[] bytes = Arrays.copyOfRange(this.in, this.pos, this.pos + (int) length);
			this.pos += (int) length;
			return bytes;
		}

		private PBytes bytes(long length) {
			need(length);
			PBytes bytes = new PBytes(this.pos, (int) length);
			this.pos += (int) length;
			return bytes;
		}

		private byte[] lineBytes() {
			int limit = (int) Math.min(this.in.length, (long) this.pos + MAX_LINE + 1);
			for (int i = this.pos; i < limit; i++) {
				if (this.in[i] == '\n') {
					byte[] line = Arrays.copyOfRange(this.in, this.pos, i);
					this.pos = i + 1;
					return line;
				}
			}
			throw bad((limit == this.in.length) ? "the pickle ends inside a text argument"
					: "text argument longer than " + MAX_LINE + " bytes");
		}

		private String line() {
			return new String(lineBytes(), StandardCharsets.ISO_8859_1);
		}

		private String utf8(byte[] bytes) {
			try {
				return StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)
					.decode(ByteBuffer.wrap(bytes))
					.toString();
			}
			catch (CharacterCodingException ex) {
				throw bad("a string is not valid UTF-8");
			}
		}

		private Object longBytes(int length) {
			if (length < 0 || length > MAX_LONG_BYTES) {
				throw bad("LONG of " + length + " bytes");
			}
			byte[] littleEndian = take(length);
			if (length == 0) {
				return 0L;
			}
			byte[] bigEndian = new byte[length];
			for (int i = 0; i < length; i++) {
				bigEndian[i] = littleEndian[length - 1 - i];
			}
			return normalize(new BigInteger(bigEndian));
		}

		private static Object normalize(BigInteger value) {
			return (value.bitLength() < 64) ? (Object) value.longValue() : value;
		}

		private Object parseInt(String text) {
			if (text.equals("00")) {
				return Boolean.FALSE;
			}
			if (text.equals("01")) {
				return Boolean.TRUE;
			}
			return parseInteger(text);
		}

		private Object parseLong(String text) {
			return parseInteger(text.endsWith("L") ? text.substring(0, text.length() - 1) : text);
		}

		private Object parseInteger(String text) {
			String trimmed = text.strip();
			if (trimmed.isEmpty() || trimmed.length() > MAX_NUMBER_CHARS || !trimmed.matches("[+-]?[0-9]+")) {
				throw bad("malformed integer '" + Violations.shown(text, 40) + "'");
			}
			return normalize(new BigInteger(trimmed.startsWith("+") ? trimmed.substring(1) : trimmed));
		}

		private long parseIndex(String text) {
			Object value = parseInteger(text);
			if (!(value instanceof Long index) || index < 0) {
				throw bad("malformed memo index '" + Violations.shown(text, 40) + "'");
			}
			return index;
		}

		private Double parseFloat(String text) {
			String trimmed = text.strip();
			if (trimmed.length() > MAX_NUMBER_CHARS || !trimmed
				.matches("[+-]?(inf|nan|[0-9]+(\\.[0-9]*)?([eE][+-]?[0-9]+)?|\\.[0-9]+([eE][+-]?[0-9]+)?)")) {
				throw bad("malformed float '" + Violations.shown(text, 40) + "'");
			}
			return switch (trimmed.replace("+", "")) {
				case "inf" -> Double.POSITIVE_INFINITY;
				case "-inf" -> Double.NEGATIVE_INFINITY;
				case "nan", "-nan" -> Double.NaN;
				default -> Double.parseDouble(trimmed);
			};
		}

		private String quoted(String text) {
			if (text.length() < 2 || text.charAt(0) != text.charAt(text.length() - 1)
					|| (text.charAt(0) != '\'' && text.charAt(0) != '"')) {
				throw bad("the STRING opcode argument is not quoted");
			}
			return text.substring(1, text.length() - 1);
		}

		/** Python's {@code codecs.escape_decode} on Latin-1 text. */
		private byte[] escapeDecode(String text) {
			byte[] out = new byte[text.length()];
			int n = 0;
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				if (c != '\\' || i + 1 == text.length()) {
					if (c == '\\') {
						throw bad("STRING ends with a backslash");
					}
					out[n++] = (byte) c;
					continue;
				}
				char e = text.charAt(++i);
				switch (e) {
					case '\n' -> {
					}
					case '\\', '\'', '"' -> out[n++] = (byte) e;
					case 'a' -> out[n++] = 7;
					case 'b' -> out[n++] = 8;
					case 'f' -> out[n++] = 12;
					case 'n' -> out[n++] = '\n';
					case 'r' -> out[n++] = '\r';
					case 't' -> out[n++] = '\t';
					case 'v' -> out[n++] = 11;
					case 'x' -> {
						if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0
								|| Character.digit(text.charAt(i + 2), 16) < 0) {
							throw bad("invalid \\x escape in STRING");
						}
						out[n++] = (byte) Integer.parseInt(text.substring(i + 1, i + 3), 16);
						i += 2;
					}
					default -> {
						if (e >= '0' && e <= '7') {
							int value = e - '0';
							for (int k = 0; k < 2 && i + 1 < text.length() && text.charAt(i + 1) >= '0'
									&& text.charAt(i + 1) <= '7'; k++) {
								value = value * 8 + (text.charAt(++i) - '0');
							}
							out[n++] = (byte) value;
						}
						else {
							out[n++] = '\\';
							out[n++] = (byte) e;
						}
					}
				}
			}
			return Arrays.copyOf(out, n);
		}

		/** Python's {@code raw-unicode-escape} decoding. */
		private String rawUnicodeEscape(String text) {
			StringBuilder out = new StringBuilder(text.length());
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				int digits = 0;
				if (c == '\\' && i + 1 < text.length()) {
					char e = text.charAt(i + 1);
					digits = (e == 'u') ? 4 : (e == 'U') ? 8 : 0;
				}
				if (digits == 0) {
					out.append(c);
					continue;
				}
				if (i + 2 + digits > text.length()) {
					throw bad("truncated \\u escape in UNICODE");
				}
				String hex = text.substring(i + 2, i + 2 + digits);
				if (!hex.matches("[0-9a-fA-F]+")) {
					throw bad("invalid \\u escape in UNICODE");
				}
				long codePoint = Long.parseLong(hex, 16);
				if (codePoint > Character.MAX_CODE_POINT) {
					throw bad("\\U escape beyond U+10FFFF in UNICODE");
				}
				out.appendCodePoint((int) codePoint);
				i += 1 + digits;
			}
			return out.toString();
		}

	}

}
