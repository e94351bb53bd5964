package dev.plugboard.registry.basemodel;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Base models.
 *
 * @param importBundled register the base models the hub ships with (all-MiniLM-L6-v2,
 * bge-small-en-v1.5) at start, in the background, when they are missing
 */
@ConfigurationProperties("plugboard.base-models")
public record BaseModelProperties(@DefaultValue("true") boolean importBundled) {
}
