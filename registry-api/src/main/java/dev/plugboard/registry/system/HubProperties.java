package dev.plugboard.registry.system;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the hub as a whole.
 *
 * @param dataDir where the embedded default keeps its database, objects and the first
 * admin token
 */
@ConfigurationProperties("plugboard")
public record HubProperties(@DefaultValue("./data") Path dataDir) {
}
