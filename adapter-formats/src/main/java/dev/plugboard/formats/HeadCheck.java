package dev.plugboard.formats;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.plugboard.formats.Inspection.Tensor;

/**
 * Finds the prediction head that comes with an adapter version: an AdapterHub
 * {@code head_config.json} (whose {@code config} names {@code head_type} and
 * {@code num_labels}) and its {@code heads.<name>.*} tensors, or the classifier a PEFT
 * adapter saves through {@code modules_to_save}.
 */
final class HeadCheck {

	/** Module names PEFT adds to {@code modules_to_save} for its head tasks. */
	private static final Map<String, String> HEAD_MODULES = Map.of("classifier", "classification", "score",
			"classification", "qa_outputs", "question_answering");

	/** PEFT task types that train a head, and the kind of head. */
	private static final Map<String, String> HEAD_TASKS = Map.of("SEQ_CLS", "classification", "TOKEN_CLS", "tagging",
			"QUESTION_ANS", "question_answering");

	private HeadCheck() {
	}

	/**
	 * What is known of the head.
	 *
	 * @param present whether there is one
	 * @param type its kind, or null
	 * @param numLabels its number of labels, or null
	 * @param tensors the names of the tensors that belong to it
	 */
	record Head(boolean present, String type, Integer numLabels, Set<String> tensors) {
	}

	static Head find(Inspection inspection, ObjectNode headConfig) {
		Set<String> tensors = new HashSet<>();
		String peftType = null;
		for (Tensor tensor : inspection.tensors) {
			if (tensor.components().get(0).equals("heads")) {
				tensors.add(tensor.name());
			}
		}
		if (inspection.isPeft()) {
			peftType = peftHead(inspection, tensors);
		}
		String type = null;
		Integer labels = null;
		if (headConfig != null) {
			JsonNode nested = JsonValues.object(headConfig, "config");
			JsonNode settings = (nested != null) ? nested : headConfig;
			String declared = JsonValues.string(settings, "head_type");
			type = (declared != null) ? Violations.shown(declared, 64) : null;
			labels = JsonValues.wholeNumber(settings, "num_labels");
		}
		if (type == null) {
			type = peftType;
		}
		if (labels == null && type != null && (type.contains("classification") || type.equals("tagging"))) {
			labels = labelsFromWeights(inspection, tensors);
		}
		return new Head(headConfig != null || !tensors.isEmpty(), type, labels, Set.copyOf(tensors));
	}

	/**
	 * Collects the tensors of head modules named in {@code modules_to_save}.
	 * @return the head's kind, or null if there is no head
	 */
	private static String peftHead(Inspection inspection, Set<String> tensors) {
		List<String> modules = JsonValues.strings(inspection.config, "modules_to_save");
		if (modules == null) {
			return null;
		}
		String task = JsonValues.string(inspection.config, "task_type");
		String taskHead = (task != null) ? HEAD_TASKS.get(task) : null;
		String type = null;
		for (Tensor tensor : inspection.tensors) {
			String dotted = "." + tensor.name();
			for (String module : modules) {
				String moduleHead = HEAD_MODULES.get(module);
				if ((taskHead != null || moduleHead != null) && dotted.contains("." + module + ".")) {
					tensors.add(tensor.name());
					type = (taskHead != null) ? taskHead : moduleHead;
				}
			}
		}
		return type;
	}

	/**
	 * The label count of a classifier: the smallest output size among its linear weights
	 * (a RoBERTa head is {@code dense [h, h]} then {@code out_proj [labels, h]}).
	 */
	private static Integer labelsFromWeights(Inspection inspection, Set<String> tensors) {
		long labels = Long.MAX_VALUE;
		for (Tensor tensor : inspection.tensors) {
			if (tensors.contains(tensor.name()) && tensor.rank() == 2 && tensor.name().endsWith("weight")) {
				labels = Math.min(labels, tensor.dim(0));
			}
		}
		return (labels > 0 && labels <= Integer.MAX_VALUE) ? (int) labels : null;
	}

}
