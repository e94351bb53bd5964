package dev.plugboard.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Forgets the saved token. */
@Command(name = "logout", description = "Forget the saved hub and token.")
final class LogoutCommand implements Callable<Integer> {

	@Mixin
	HubOptions options;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		boolean deleted = this.options.credentials().delete();
		this.spec.commandLine().getOut().println(deleted ? "Logged out" : "Not logged in");
		this.spec.commandLine().getOut().flush();
		return 0;
	}

}
