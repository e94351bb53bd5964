package dev.plugboard.registry.adapter;

/**
 * @param version the published version
 * @param created false when the same content was already published under that version (an
 * idempotent retry)
 */
public record PublishResult(Adapter adapter, AdapterVersion version, boolean created) {
}
