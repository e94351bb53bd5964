package dev.plugboard.registry.evaluation;

import java.time.Instant;
import java.util.UUID;

/**
 * A registered runner process.
 *
 * @param capabilities what it said it has, as JSON text: {@code device},
 * {@code memory_mb}, {@code base_models} (cached), {@code runtime} (versions)
 */
public record Runner(UUID id, String name, long tokenId, String capabilities, Instant registeredAt,
		Instant lastSeenAt) {
}
