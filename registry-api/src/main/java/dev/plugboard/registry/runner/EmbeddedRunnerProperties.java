package dev.plugboard.registry.runner;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The evaluation runner the hub starts in its own process, so the one-command start
 * evaluates too.
 *
 * @param embedded whether to start it
 * @param device {@code cpu}, {@code auto} or {@code cuda}
 * @param cacheDir its download cache; {@code <data-dir>/runner-cache} when unset
 */
@ConfigurationProperties("plugboard.runner")
public record EmbeddedRunnerProperties(@DefaultValue("true") boolean embedded, @DefaultValue("cpu") String device,
		Path cacheDir) {
}
