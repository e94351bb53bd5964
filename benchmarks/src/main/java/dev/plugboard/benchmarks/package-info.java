/**
 * On-demand benchmark of a real hub process: transfer throughput against direct S3, hub
 * memory at a 256 MiB heap, and resolve latency over many repositories. Not part of the
 * normal build's tests; run it with the command in benchmarks/README.md.
 */
package dev.plugboard.benchmarks;
