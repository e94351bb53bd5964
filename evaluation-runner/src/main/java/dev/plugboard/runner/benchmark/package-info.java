/**
 * Benchmark tasks as registry resources:
 * {@link dev.plugboard.runner.benchmark.BenchmarkSpec specs}, the normalized JSON-lines
 * {@link dev.plugboard.runner.benchmark.BenchmarkDataset dataset format}, the
 * {@link dev.plugboard.runner.benchmark.GlueImport GLUE importer} and the GLUE
 * {@link dev.plugboard.runner.benchmark.Metrics metrics}. Pure Java: no Spring, no DJL.
 */
package dev.plugboard.runner.benchmark;
