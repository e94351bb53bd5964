/**
 * The adapter runtime benchmark: inference throughput of the DJL encoder with and without
 * adapters against ONNX Runtime on the original ONNX export.
 */
package dev.plugboard.benchmarks.runtime;
