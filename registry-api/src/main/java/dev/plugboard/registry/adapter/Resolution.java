package dev.plugboard.registry.adapter;

/**
 * What a reference names.
 *
 * @param via how it was found: {@code version}, {@code tag}, {@code latest},
 * {@code commit}, {@code taxonomy} (AdapterHub's task/subtask@org) or {@code sha256}
 */
public record Resolution(Adapter adapter, AdapterVersion version, String via) {
}
