package dev.plugboard.registry.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param adminToken an admin token secret chosen by the operator (for example from a
 * container secret); when unset and no admin token exists, one is generated and written
 * to {@code <data-dir>/admin-token}
 */
@ConfigurationProperties("plugboard.security")
public record SecurityProperties(String adminToken) {
}
