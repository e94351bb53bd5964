/**
 * Content-addressed blob storage: the {@link dev.plugboard.storage.BlobStore} port, its
 * S3 implementation on the MinIO SDK, and an embedded S3 server for single-node setups.
 */
package dev.plugboard.storage;
