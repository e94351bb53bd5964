package dev.plugboard.benchmarks;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Undoes what the run started, newest first, exactly once: from {@code finally} on a
 * normal end or a failure, and from a shutdown hook when the JVM is interrupted (Ctrl-C
 * in Maven), so no hub process, PostgreSQL server or gigabyte of temp data survives the
 * run.
 */
final class Cleanup implements AutoCloseable {

	private final Deque<Step> steps = new ArrayDeque<>();

	private final Thread hook = new Thread(this::close, "benchmark-cleanup");

	private boolean closed;

	Cleanup() {
		Runtime.getRuntime().addShutdownHook(this.hook);
	}

	/**
	 * Registers a step. After cleanup has run (the JVM is shutting down while the run was
	 * still starting things) the step runs at once, so nothing started late survives.
	 */
	synchronized void add(String what, Action action) {
		this.steps.push(new Step(what, action));
		if (this.closed) {
			runSteps();
		}
	}

	/**
	 * Runs every step even if one fails. Synchronized: a shutdown hook arriving while
	 * {@code finally} cleans up waits for it instead of racing it.
	 */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		runSteps();
		if (Thread.currentThread() != this.hook) {
			try {
				Runtime.getRuntime().removeShutdownHook(this.hook);
			}
			catch (IllegalStateException ex) {
				// The JVM is already shutting down; the hook finds nothing left to do.
			}
		}
	}

	private void runSteps() {
		while (!this.steps.isEmpty()) {
			Step step = this.steps.pop();
			try {
				step.action().run();
			}
			catch (Exception ex) {
				System.err.println("Cleanup: could not " + step.what() + ": " + ex);
			}
		}
	}

	@FunctionalInterface
	interface Action {

		void run() throws Exception;

	}

	private record Step(String what, Action action) {
	}

}
