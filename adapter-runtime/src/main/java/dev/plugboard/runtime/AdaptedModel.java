package dev.plugboard.runtime;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.plugboard.client.PlugboardClient;
import dev.plugboard.client.Snapshot;
import dev.plugboard.client.TransferListener;
import dev.plugboard.runtime.adapters.AdapterReader;
import dev.plugboard.runtime.adapters.AdapterWeights;
import dev.plugboard.runtime.adapters.StitchedAdapter;
import dev.plugboard.runtime.encoder.BertEncoder;
import dev.plugboard.runtime.encoder.Devices;
import dev.plugboard.runtime.encoder.EncoderHooks;
import dev.plugboard.runtime.encoder.EncoderInput;
import dev.plugboard.runtime.encoder.ModelDirectory;
import dev.plugboard.runtime.encoder.TextTokenizer;
import dev.plugboard.runtime.encoder.TokenBatch;

/**
 * A base model loaded once, with any number of adapters stitched in and one of them (or
 * none) active. Switching adapters swaps only the hooks: the base weights stay loaded.
 * Not thread-safe; one model serves one thread at a time.
 */
public final class AdaptedModel implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(AdaptedModel.class);

	private final ModelDirectory base;

	private final BertEncoder encoder;

	private final TextTokenizer tokenizer;

	private final Map<String, StitchedAdapter> adapters = new LinkedHashMap<>();

	private StitchedAdapter active;

	/** The hub the base model was pulled from, or null. */
	private final PlugboardClient hub;

	/** The base model's repository on that hub, or null. */
	private final String baseRepository;

	private AdaptedModel(ModelDirectory base, BertEncoder encoder, TextTokenizer tokenizer, PlugboardClient hub,
			String baseRepository) {
		this.base = base;
		this.encoder = encoder;
		this.tokenizer = tokenizer;
		this.hub = hub;
		this.baseRepository = baseRepository;
	}

	/** Loads a base model onto a device. */
	public static AdaptedModel load(ModelDirectory base, Device device) {
		return new AdaptedModel(base, BertEncoder.load(base, device), TextTokenizer.load(base.tokenizer()), null, null);
	}

	/**
	 * Pulls a base model from a hub (through the client's verified cache) and loads it on
	 * the best device (CUDA when present, else CPU).
	 * @param reference the base model's repository, e.g.
	 * {@code sentence-transformers/all-MiniLM-L6-v2}, optionally {@code @version}
	 */
	public static AdaptedModel pull(PlugboardClient hub, String reference) {
		return pull(hub, reference, Devices.choose("auto"));
	}

	/** Pulls a base model from a hub and loads it on a device. */
	public static AdaptedModel pull(PlugboardClient hub, String reference, Device device) {
		Snapshot snapshot = hub.pull(reference);
		ModelDirectory base = ModelDirectory.open(snapshot.directory());
		return new AdaptedModel(base, BertEncoder.load(base, device), TextTokenizer.load(base.tokenizer()), hub,
				snapshot.repository());
	}

	/**
	 * Pulls an adapter from the hub this base model came from and stitches it in
	 * (inactive), named by its repository id.
	 * @param reference any reference the hub resolves: {@code ns/name},
	 * {@code ns/name@1.0.0}, {@code ns/name@tag}, or AdapterHub's
	 * {@code task/subtask@org} (narrowed to adapters of this base model)
	 * @throws IllegalStateException when this model was not pulled from a hub
	 */
	public StitchedAdapter loadAdapter(String reference) {
		if (this.hub == null) {
			throw new IllegalStateException(
					"This base model was loaded from a directory; use loadAdapter(client, reference)");
		}
		return loadAdapter(this.hub, reference);
	}

	/**
	 * Pulls an adapter from a hub and stitches it in (inactive), named by its repository
	 * id.
	 */
	public StitchedAdapter loadAdapter(PlugboardClient client, String reference) {
		Snapshot snapshot = client.pull(reference, this.baseRepository, TransferListener.NONE);
		return add(AdapterReader.read(snapshot.directory(), this.base.config()).withName(snapshot.repository()));
	}

	public ModelDirectory base() {
		return this.base;
	}

	public BertEncoder encoder() {
		return this.encoder;
	}

	public TextTokenizer tokenizer() {
		return this.tokenizer;
	}

	/** Reads an adapter directory and stitches it in under its own name (inactive). */
	public StitchedAdapter add(Path adapterDirectory) {
		return add(AdapterReader.read(adapterDirectory, this.base.config()));
	}

	/** Stitches adapter weights in under their name (inactive). */
	public StitchedAdapter add(AdapterWeights weights) {
		if (this.adapters.containsKey(weights.name())) {
			throw new IllegalArgumentException("An adapter named " + weights.name() + " is already loaded");
		}
		StitchedAdapter adapter = StitchedAdapter.attach(this.encoder, weights);
		this.adapters.put(weights.name(), adapter);
		logger.info("Stitched {} ({} format, {} parameters) into {}", weights.name(), weights.format(),
				weights.parameterCount(), this.base.path());
		return adapter;
	}

	/** The names of the loaded adapters. */
	public Set<String> adapters() {
		return this.adapters.keySet();
	}

	/** Makes an adapter the active one; {@code null} runs the plain base model. */
	public void activate(String name) {
		StitchedAdapter next = (name == null) ? null : this.adapters.get(name);
		if (name != null && next == null) {
			throw new IllegalArgumentException("No adapter named " + name + " is loaded; loaded: " + adapters());
		}
		if (this.active != null && this.active != next && this.active.merged()) {
			this.active.unmerge();
		}
		this.active = next;
	}

	/** The active adapter, or null. */
	public StitchedAdapter active() {
		return this.active;
	}

	/** Removes an adapter and frees its memory. */
	public void remove(String name) {
		StitchedAdapter adapter = this.adapters.remove(name);
		if (adapter == this.active) {
			this.active = null;
		}
		if (adapter != null) {
			adapter.close();
		}
	}

	/** The hooks of the active adapter. */
	public EncoderHooks hooks() {
		return (this.active == null) ? EncoderHooks.NONE : this.active;
	}

	/** Pooled sentence embeddings, {@code [texts][hidden]}, L2-normalised when asked. */
	public float[][] embed(List<String> texts, boolean normalize) {
		try (NDManager scope = this.encoder.manager().newSubManager()) {
			EncoderInput input = this.encoder.input(this.tokenizer.encode(texts), scope);
			NDArray pooled = this.encoder.embed(input, hooks());
			if (normalize) {
				pooled = pooled.div(pooled.norm(new int[] { 1 }, true).clip(1e-12f, Float.MAX_VALUE));
			}
			return rows(pooled.toFloatArray(), texts.size());
		}
	}

	/** {@code last_hidden_state} of a tokenized batch, flattened row-major. */
	public float[] lastHiddenState(TokenBatch batch) {
		try (NDManager scope = this.encoder.manager().newSubManager()) {
			return this.encoder.forward(this.encoder.input(batch, scope), hooks()).toFloatArray();
		}
	}

	/** Class probabilities from the active adapter's head, {@code [texts][classes]}. */
	public float[][] classify(List<String> texts) {
		return classify(this.tokenizer.encode(texts));
	}

	/** Class probabilities of sentence pairs, {@code [pairs][classes]}. */
	public float[][] classifyPairs(List<String> first, List<String> second) {
		return classify(this.tokenizer.encodePairs(first, second));
	}

	/** Class probabilities of a tokenized batch, {@code [batch][classes]}. */
	public float[][] classify(TokenBatch batch) {
		if (this.active == null || !this.active.hasHead()) {
			throw new IllegalStateException("Classifying needs an active adapter with a prediction head");
		}
		try (NDManager scope = this.encoder.manager().newSubManager()) {
			EncoderInput input = this.encoder.input(batch, scope);
			NDArray logits = this.active.logits(this.encoder.forward(input, this.active));
			return rows(logits.softmax(-1).toFloatArray(), batch.size());
		}
	}

	private static float[][] rows(float[] flat, int count) {
		int width = flat.length / count;
		float[][] out = new float[count][];
		for (int i = 0; i < count; i++) {
			out[i] = java.util.Arrays.copyOfRange(flat, i * width, (i + 1) * width);
		}
		return out;
	}

	@Override
	public void close() {
		this.adapters.values().forEach(StitchedAdapter::close);
		this.adapters.clear();
		this.tokenizer.close();
		this.encoder.close();
	}

}
