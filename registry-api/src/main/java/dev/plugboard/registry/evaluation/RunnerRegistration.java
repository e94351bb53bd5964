package dev.plugboard.registry.evaluation;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * What a runner says about itself when it registers.
 *
 * @param name unique per token: registering again with the same name updates the runner
 * @param device {@code cpu}, {@code cuda:0}, …
 * @param memoryMb memory it may use, or null
 * @param baseModels base models already in its cache
 * @param runtime versions of its runtime (JSON object), or null
 */
public record RunnerRegistration(String name, String device, Long memoryMb, List<String> baseModels, JsonNode runtime) {
}
