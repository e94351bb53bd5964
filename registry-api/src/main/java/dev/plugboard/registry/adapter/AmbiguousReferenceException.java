package dev.plugboard.registry.adapter;

import java.util.List;

public class AmbiguousReferenceException extends AdapterProblem {

	public AmbiguousReferenceException(String reference, List<String> candidates) {
		super("ambiguous-reference", "'" + reference + "' matches " + candidates.size()
				+ " adapters; add a base model (model=…) or config (config=…) filter, or name the repository");
		with("reference", reference).with("candidates", candidates);
	}

}
