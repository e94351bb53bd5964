package dev.plugboard.runtime.baseimport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;

import dev.plugboard.runtime.weights.HostTensor;

/**
 * The parts of an ONNX model an encoder import needs: the float32 initializers and, for
 * each, the nodes that consume it. Read with protobuf's wire-format reader; only the
 * field numbers of {@code onnx.proto} that matter here are interpreted, everything else
 * is skipped.
 */
final class OnnxGraph {

	private static final int MODEL_GRAPH = 7;

	private static final int GRAPH_NODE = 1;

	private static final int GRAPH_INITIALIZER = 5;

	private static final int NODE_INPUT = 1;

	private static final int NODE_NAME = 3;

	private static final int NODE_OP_TYPE = 4;

	private static final int TENSOR_DIMS = 1;

	private static final int TENSOR_DATA_TYPE = 2;

	private static final int TENSOR_FLOAT_DATA = 4;

	private static final int TENSOR_NAME = 8;

	private static final int TENSOR_RAW_DATA = 9;

	private static final int TENSOR_DATA_LOCATION = 14;

	private static final int DATA_TYPE_FLOAT = 1;

	private final Map<String, HostTensor> initializers;

	private final Map<String, List<String>> consumers;

	private OnnxGraph(Map<String, HostTensor> initializers, Map<String, List<String>> consumers) {
		this.initializers = initializers;
		this.consumers = consumers;
	}

	/** The float32 initializers by name, in file order. */
	Map<String, HostTensor> initializers() {
		return this.initializers;
	}

	/** The names of the nodes that take the named value as an input. */
	List<String> consumersOf(String value) {
		return this.consumers.getOrDefault(value, List.of());
	}

	static OnnxGraph parse(byte[] model) throws IOException {
		CodedInputStream in = CodedInputStream.newInstance(model);
		in.setSizeLimit(Integer.MAX_VALUE);
		Map<String, HostTensor> initializers = new LinkedHashMap<>();
		Map<String, List<String>> consumers = new LinkedHashMap<>();
		int tag;
		while ((tag = in.readTag()) != 0) {
			if (WireFormat.getTagFieldNumber(tag) == MODEL_GRAPH) {
				int limit = in.pushLimit(in.readRawVarint32());
				readGraph(in, initializers, consumers);
				in.popLimit(limit);
			}
			else {
				in.skipField(tag);
			}
		}
		if (initializers.isEmpty()) {
			throw new IOException("The ONNX model holds no float32 initializers");
		}
		return new OnnxGraph(initializers, consumers);
	}

	private static void readGraph(CodedInputStream in, Map<String, HostTensor> initializers,
			Map<String, List<String>> consumers) throws IOException {
		int tag;
		while ((tag = in.readTag()) != 0) {
			int field = WireFormat.getTagFieldNumber(tag);
			if (field == GRAPH_NODE) {
				int limit = in.pushLimit(in.readRawVarint32());
				readNode(in, consumers);
				in.popLimit(limit);
			}
			else if (field == GRAPH_INITIALIZER) {
				int limit = in.pushLimit(in.readRawVarint32());
				HostTensor tensor = readTensor(in);
				if (tensor != null) {
					initializers.put(tensor.name(), tensor);
				}
				in.popLimit(limit);
			}
			else {
				in.skipField(tag);
			}
		}
	}

	private static void readNode(CodedInputStream in, Map<String, List<String>> consumers) throws IOException {
		List<String> inputs = new ArrayList<>();
		String name = "";
		int tag;
		while ((tag = in.readTag()) != 0) {
			switch (WireFormat.getTagFieldNumber(tag)) {
				case NODE_INPUT -> inputs.add(in.readStringRequireUtf8());
				case NODE_NAME -> name = in.readStringRequireUtf8();
				case NODE_OP_TYPE -> in.readStringRequireUtf8();
				default -> in.skipField(tag);
			}
		}
		for (String input : inputs) {
			consumers.computeIfAbsent(input, (key) -> new ArrayList<>()).add(name);
		}
	}

	/** Reads one TensorProto; returns null for tensors that are not float32. */
	private static HostTensor readTensor(CodedInputStream in) throws IOException {
		List<Long> dims = new ArrayList<>();
		int dataType = 0;
		String name = "";
		ByteBuffer raw = null;
		List<Float> floats = new ArrayList<>();
		int tag;
		while ((tag = in.readTag()) != 0) {
			int field = WireFormat.getTagFieldNumber(tag);
			int wireType = WireFormat.getTagWireType(tag);
			switch (field) {
				case TENSOR_DIMS -> {
					if (wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
						int limit = in.pushLimit(in.readRawVarint32());
						while (in.getBytesUntilLimit() > 0) {
							dims.add(in.readInt64());
						}
						in.popLimit(limit);
					}
					else {
						dims.add(in.readInt64());
					}
				}
				case TENSOR_DATA_TYPE -> dataType = in.readInt32();
				case TENSOR_NAME -> name = in.readStringRequireUtf8();
				case TENSOR_RAW_DATA -> raw = in.readByteBuffer();
				case TENSOR_FLOAT_DATA -> {
					if (wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
						int limit = in.pushLimit(in.readRawVarint32());
						while (in.getBytesUntilLimit() > 0) {
							floats.add(in.readFloat());
						}
						in.popLimit(limit);
					}
					else {
						floats.add(in.readFloat());
					}
				}
				case TENSOR_DATA_LOCATION -> {
					if (in.readEnum() != 0) {
						throw new IOException("Tensor " + name + " keeps its data outside the file; not supported");
					}
				}
				default -> in.skipField(tag);
			}
		}
		if (dataType != DATA_TYPE_FLOAT) {
			return null;
		}
		long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
		float[] data;
		if (raw != null) {
			data = new float[raw.remaining() / Float.BYTES];
			raw.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
		}
		else {
			data = new float[floats.size()];
			for (int i = 0; i < data.length; i++) {
				data[i] = floats.get(i);
			}
		}
		return new HostTensor(name, shape, data);
	}

}
