package dev.plugboard.registry.adapter;

import java.util.Optional;

/**
 * The config id of a named architecture ({@code pfeiffer} → {@code 9076f36a74755ac4}), so
 * resolution can take AdapterHub's {@code config=pfeiffer}. Implemented by the taxonomy,
 * which this package does not otherwise know.
 */
public interface ArchitectureConfigIds {

	Optional<String> configId(String architecture);

}
