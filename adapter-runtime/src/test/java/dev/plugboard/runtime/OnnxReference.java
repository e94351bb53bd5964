package dev.plugboard.runtime;

import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import dev.plugboard.runtime.baseimport.BundledBaseModel;
import dev.plugboard.runtime.encoder.TokenBatch;

/** The original ONNX export of a base model, run by ONNX Runtime: the oracle. */
public final class OnnxReference implements AutoCloseable {

	private final OrtEnvironment environment = OrtEnvironment.getEnvironment();

	private final OrtSession session;

	public OnnxReference(BundledBaseModel model) throws Exception {
		byte[] bytes;
		try (InputStream in = getClass().getClassLoader().getResourceAsStream(model.onnxResource())) {
			bytes = in.readAllBytes();
		}
		this.session = this.environment.createSession(bytes, new OrtSession.SessionOptions());
	}

	/** {@code last_hidden_state} as {@code [batch][seq][hidden]}. */
	public float[][][] lastHiddenState(TokenBatch batch) throws Exception {
		long[] shape = { batch.size(), batch.length() };
		try (OnnxTensor ids = tensor(batch.ids(), shape);
				OnnxTensor mask = tensor(batch.mask(), shape);
				OnnxTensor types = tensor(batch.typeIds(), shape);
				OrtSession.Result result = this.session
					.run(Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types))) {
			return (float[][][]) result.get(0).getValue();
		}
	}

	private OnnxTensor tensor(long[][] rows, long[] shape) throws Exception {
		LongBuffer buffer = LongBuffer.allocate((int) (shape[0] * shape[1]));
		for (long[] row : rows) {
			buffer.put(row);
		}
		buffer.flip();
		return OnnxTensor.createTensor(this.environment, buffer, shape);
	}

	@Override
	public void close() throws Exception {
		this.session.close();
	}

}
