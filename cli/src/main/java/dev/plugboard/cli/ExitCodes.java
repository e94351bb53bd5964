package dev.plugboard.cli;

import java.io.UncheckedIOException;

import dev.plugboard.client.ChecksumMismatchException;
import dev.plugboard.client.HubException;
import dev.plugboard.client.NotCachedException;
import picocli.CommandLine;

/**
 * Turns a failure into one line on stderr and an exit code scripts can branch on (the
 * list is in {@code plugboard --help}). No stack traces: they are for bugs, and
 * {@code --verbose} shows them.
 */
final class ExitCodes implements CommandLine.IExecutionExceptionHandler {

	static final int FAILURE = 1;

	static final int NOT_FOUND = 3;

	static final int NOT_AUTHORIZED = 4;

	static final int UNREACHABLE = 5;

	static final int NOT_CACHED = 6;

	static final int INTEGRITY = 7;

	static final int CONFLICT = 8;

	static final int INVALID = 9;

	@Override
	public int handleExecutionException(Exception ex, CommandLine line, CommandLine.ParseResult parseResult) {
		line.getErr().println("plugboard: " + message(ex));
		if (parseResult.hasMatchedOption("--verbose")
				|| parseResult.subcommands().stream().anyMatch((sub) -> sub.hasMatchedOption("--verbose"))) {
			ex.printStackTrace(line.getErr());
		}
		return of(ex);
	}

	static int of(Throwable ex) {
		if (ex instanceof NotCachedException) {
			return NOT_CACHED;
		}
		if (ex instanceof ChecksumMismatchException) {
			return INTEGRITY;
		}
		if (ex instanceof HubException hub) {
			return switch (hub.status()) {
				case 0 -> UNREACHABLE;
				case 401, 403 -> NOT_AUTHORIZED;
				case 404, 410 -> NOT_FOUND;
				case 409, 412 -> CONFLICT;
				case 400, 413, 415, 422 -> INVALID;
				default -> FAILURE;
			};
		}
		if (ex instanceof IllegalArgumentException) {
			return INVALID;
		}
		return FAILURE;
	}

	private static String message(Throwable ex) {
		if (ex instanceof HubException hub && hub.status() == 401) {
			return hub.getMessage() + " (log in with 'plugboard login', or pass --token / PLUGBOARD_TOKEN)";
		}
		if (ex instanceof UncheckedIOException io && io.getCause() != null) {
			return io.getMessage() + ": " + io.getCause().getMessage();
		}
		return (ex.getMessage() != null) ? ex.getMessage() : ex.toString();
	}

}
