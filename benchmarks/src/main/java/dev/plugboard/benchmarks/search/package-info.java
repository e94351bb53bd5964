/**
 * On-demand benchmark of the search module at 100,000 repositories: embedding throughput,
 * index build time, query latency and kNN recall. Run it with the command in
 * benchmarks/README.md.
 */
package dev.plugboard.benchmarks.search;
