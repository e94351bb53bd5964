package dev.plugboard.registry.adapter;

/**
 * Told about every version published by upload, inside the publishing transaction: what
 * it writes commits with the version or not at all (evaluation jobs are queued this way).
 * An exception rolls the publish back, so implementations must only fail for real faults.
 */
public interface VersionPublishedListener {

	void published(Adapter adapter, AdapterVersion version);

}
