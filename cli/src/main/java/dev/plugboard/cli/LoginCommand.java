package dev.plugboard.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import com.google.gson.JsonObject;
import dev.plugboard.client.PlugboardClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Checks a token with the hub and saves it for later commands. */
@Command(name = "login", description = "Check a token with the hub and remember it (the token comes from --token, "
		+ "PLUGBOARD_TOKEN, or is read from stdin).")
final class LoginCommand implements Callable<Integer> {

	@Mixin
	HubOptions options;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() throws IOException {
		String token = this.options.token;
		if (token == null) {
			token = System.getenv("PLUGBOARD_TOKEN");
		}
		if (token == null || token.isBlank()) {
			if (System.console() != null) {
				char[] typed = System.console().readPassword("Token for %s: ", this.options.hub());
				token = (typed != null) ? new String(typed) : null;
			}
			else {
				token = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
			}
		}
		if (token == null || token.isBlank()) {
			throw new IllegalArgumentException("No token given");
		}
		this.options.token = token.strip();
		PlugboardClient client = this.options.client();
		JsonObject whoami = client.whoami();
		this.options.credentials().save(this.options.hub(), this.options.token);
		PrintWriter out = this.spec.commandLine().getOut();
		if (this.options.json) {
			Output.json(out, whoami);
		}
		else {
			String namespace = Output.string(whoami, "namespace");
			out.println("Logged in to " + this.options.hub() + " with " + article(Output.string(whoami, "permission"))
					+ " token" + (namespace.isEmpty() ? "" : " for namespace " + namespace) + "; saved in "
					+ this.options.credentials().file());
			out.flush();
		}
		return 0;
	}

	private static String article(String permission) {
		return (permission.startsWith("a") ? "an " : "a ") + permission;
	}

}
