package dev.plugboard.formats;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The state of one {@link AdapterInspector#describe} call, shared by the per-method
 * checks: the config, the tensors, what is known of the base model, and what has been
 * found so far.
 */
final class Inspection {

	final ObjectNode config;

	/**
	 * Where the method's settings live: the root for PEFT, {@code config} for AdapterHub.
	 */
	final JsonNode settings;

	/** JSON pointer of {@link #settings}, for violation subjects. */
	final String settingsPointer;

	final String format;

	final String method;

	/** Every tensor of every weight file, each name once. */
	final List<Tensor> tensors;

	/** May be {@code null}. */
	final BaseModelDims dims;

	final Violations violations = new Violations();

	final Set<String> targetModules = new TreeSet<>();

	Inspection(ObjectNode config, String format, String method, List<TensorInfo> tensors, BaseModelDims dims) {
		this.config = config;
		this.format = format;
		this.method = method;
		JsonNode nested = JsonValues.object(config, "config");
		boolean adapterHub = AdapterDescription.ADAPTERHUB.equals(format);
		this.settings = adapterHub ? ((nested != null) ? nested : JsonNodeFactory.instance.objectNode()) : config;
		this.settingsPointer = adapterHub ? "/config" : "";
		List<Tensor> parsed = new ArrayList<>(tensors.size());
		for (TensorInfo info : tensors) {
			parsed.add(new Tensor(info, TensorNames.components(info.name())));
		}
		this.tensors = List.copyOf(parsed);
		this.dims = dims;
	}

	boolean isPeft() {
		return AdapterDescription.PEFT.equals(this.format);
	}

	boolean isAdapterHub() {
		return AdapterDescription.ADAPTERHUB.equals(this.format);
	}

	/** Records an adapted module by its path, unless the path is empty. */
	void addTarget(List<String> path) {
		if (!path.isEmpty() && !(path.size() == 1 && path.get(0).isEmpty())) {
			this.targetModules.add(String.join(".", path));
		}
	}

	/** Records a problem with a tensor or config field; the subject is escaped. */
	void violation(String subject, String reason) {
		this.violations.add(Violations.shown(subject), reason);
	}

	/** Records a problem with a setting, named by its JSON pointer. */
	void settingViolation(String field, String reason) {
		violation(this.settingsPointer + "/" + field, reason);
	}

	/**
	 * A tensor with its name split into components.
	 *
	 * @param info the header entry
	 * @param components the dot-separated parts of the name
	 */
	record Tensor(TensorInfo info, List<String> components) {

		String name() {
			return this.info.name();
		}

		List<Long> shape() {
			return this.info.shape();
		}

		long dim(int index) {
			return this.info.shape().get(index);
		}

		int rank() {
			return this.info.shape().size();
		}

		/** The layer index, -1 if none, -2 if implausibly long. */
		int layer() {
			return TensorNames.layer(this.components);
		}

	}

}
