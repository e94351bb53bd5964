/**
 * On-demand benchmark of a real hub process: transfer throughput against direct S3, hub
 * memory at a 256 MiB heap, resolve latency over many repositories, search page render
 * time over 100,000 repositories, and more. Not part of the normal build's tests; run it
 * with the command in benchmarks/README.md.
 */
package dev.plugboard.benchmarks;
