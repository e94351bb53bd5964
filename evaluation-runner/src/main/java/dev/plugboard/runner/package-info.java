/**
 * The evaluation runner: benchmark specs and datasets, GLUE metrics, and the worker that
 * leases evaluation jobs from the hub and scores adapters with the adapter runtime.
 */
package dev.plugboard.runner;
