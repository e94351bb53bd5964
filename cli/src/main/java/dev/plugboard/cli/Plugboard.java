package dev.plugboard.cli;

import java.io.PrintWriter;

import dev.plugboard.client.PlugboardClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code plugboard} command. */
@Command(name = "plugboard", mixinStandardHelpOptions = true, versionProvider = Plugboard.Version.class,
		description = "Pull, push, search and score model adapters on a Plugboard hub.",
		subcommands = { LoginCommand.class, LogoutCommand.class, PushCommand.class, PullCommand.class,
				SearchCommand.class, InfoCommand.class, VersionsCommand.class, ScoresCommand.class, EvalCommand.class,
				CommandLine.HelpCommand.class },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:success", "1:failure of another kind", "2:invalid command line",
				"3:not found (unknown adapter, version or benchmark)",
				"4:not authorized (missing, wrong or revoked token; no permission)",
				"5:hub unreachable (connection refused, timeout, DNS)", "6:offline and not in the cache",
				"7:integrity failure (a checksum that does not match)",
				"8:conflict (ambiguous reference, yanked tag, version with other content)",
				"9:invalid request (the hub refused the input)" })
public final class Plugboard {

	/** Runs a command line on stdout and stderr and returns its exit code. */
	public static int run(String... args) {
		return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
	}

	/** Runs a command line and returns its exit code; for tests and embedding. */
	public static int run(PrintWriter out, PrintWriter err, String... args) {
		CommandLine line = new CommandLine(new Plugboard());
		line.setOut(out);
		line.setErr(err);
		line.setExecutionExceptionHandler(new ExitCodes());
		return line.execute(args);
	}

	public static void main(String[] args) {
		System.exit(run(args));
	}

	static final class Version implements CommandLine.IVersionProvider {

		@Override
		public String[] getVersion() {
			return new String[] { "plugboard " + PlugboardClient.version(),
					"Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")" };
		}

	}

}
