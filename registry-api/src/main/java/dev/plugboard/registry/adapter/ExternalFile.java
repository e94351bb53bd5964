package dev.plugboard.registry.adapter;

/**
 * A file whose bytes live elsewhere (an imported catalog's download URL). The hub records
 * its checksums and redirects downloads to the URL.
 *
 * @param size null when unknown
 * @param sha1 null when unknown
 */
public record ExternalFile(String path, String url, String sha256, String sha1, Long size) {
}
