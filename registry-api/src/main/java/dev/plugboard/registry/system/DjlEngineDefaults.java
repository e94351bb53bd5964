package dev.plugboard.registry.system;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Keeps DJL's ONNX Runtime engine (the search embedder) to itself. The hub has DJL's
 * PyTorch engine on its class path (adapter-runtime, for base-model import and later the
 * embedded runner); ONNX Runtime would otherwise load it at start as its "alternative
 * engine" for operations it lacks, extracting and mapping libtorch although nothing needs
 * it. Runs before any bean exists; an explicit {@code -D} setting wins.
 */
class DjlEngineDefaults implements EnvironmentPostProcessor {

	static final String DISABLE_ALTERNATIVE = "ai.djl.onnx.disable_alternative";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (System.getProperty(DISABLE_ALTERNATIVE) == null) {
			System.setProperty(DISABLE_ALTERNATIVE, "true");
		}
	}

}
