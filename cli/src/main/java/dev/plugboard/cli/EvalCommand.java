package dev.plugboard.cli;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.plugboard.client.PlugboardClient;
import dev.plugboard.client.ResolvedVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Asks the hub to evaluate a version, and optionally waits for the scores. */
@Command(name = "eval", description = "Queue evaluations of a version on the hub's runners (on every benchmark of "
		+ "its task, or one), and with --wait print the scores when they are in.")
final class EvalCommand implements Callable<Integer> {

	@Mixin
	HubOptions options;

	@Parameters(paramLabel = "REFERENCE", description = "The version, e.g. ukp/sst2-lora@1.0.0.")
	String reference;

	@Option(names = "--benchmark", paramLabel = "NS/NAME", description = "Only this benchmark, e.g. glue/sst2.")
	String benchmark;

	@Option(names = "--wait", description = "Wait until the jobs finish and print their scores.")
	boolean await;

	@Option(names = "--wait-timeout", paramLabel = "SECONDS", defaultValue = "3600",
			description = "Give up waiting after this long (default ${DEFAULT-VALUE}).")
	long waitSeconds;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() throws InterruptedException {
		PlugboardClient client = this.options.client();
		ResolvedVersion version = client.resolve(this.reference);
		JsonObject queued = client.evaluate(version.repository(), version.version(), this.benchmark);
		Set<String> jobs = new HashSet<>();
		for (JsonElement job : queued.getAsJsonArray("jobs")) {
			jobs.add(job.getAsJsonObject().get("id").getAsString());
		}
		if (!this.await) {
			if (this.options.json) {
				Output.json(this.spec.commandLine().getOut(), queued);
			}
			else {
				this.spec.commandLine()
					.getOut()
					.println("Queued " + jobs.size() + " job(s) for " + version.repository() + "@" + version.version()
							+ "; see them with: plugboard scores " + version.repository() + "@" + version.version());
				this.spec.commandLine().getOut().flush();
			}
			return 0;
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(this.waitSeconds).toNanos();
		while (true) {
			JsonObject evaluations = client.evaluations(version.repository(), version.version());
			JsonArray mine = new JsonArray();
			boolean done = true;
			boolean failed = false;
			for (JsonElement element : evaluations.getAsJsonArray("jobs")) {
				JsonObject job = element.getAsJsonObject();
				if (jobs.contains(job.get("id").getAsString())) {
					mine.add(job);
					String status = job.get("status").getAsString();
					done &= status.equals("succeeded") || status.equals("failed");
					failed |= status.equals("failed");
				}
			}
			if (done) {
				if (this.options.json) {
					Output.json(this.spec.commandLine().getOut(), evaluations);
				}
				else {
					ScoresCommand scores = new ScoresCommand();
					scores.options = this.options;
					scores.reference = version.repository() + "@" + version.version();
					scores.spec = this.spec;
					scores.call();
				}
				return failed ? ExitCodes.FAILURE : 0;
			}
			if (System.nanoTime() > deadline) {
				this.spec.commandLine()
					.getErr()
					.println("plugboard: gave up waiting after " + this.waitSeconds + " s; the jobs are still queued");
				this.spec.commandLine().getErr().flush();
				return ExitCodes.FAILURE;
			}
			Thread.sleep(1000);
		}
	}

}
