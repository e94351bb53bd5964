package dev.plugboard.runner;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a runner connects and works.
 *
 * @param hubUrl the hub's base URL
 * @param token a runner token
 * @param name the runner's name, stable across restarts
 * @param device {@code auto}, {@code cpu} or {@code cuda}
 * @param cacheDirectory where downloaded files are cached by content
 * @param idlePoll how long to wait after finding no job
 */
public record RunnerSettings(String hubUrl, String token, String name, String device, Path cacheDirectory,
		Duration idlePoll) {

	/**
	 * Reads {@code --hub}, {@code --token}, {@code --name}, {@code --device},
	 * {@code --cache} arguments.
	 */
	public static RunnerSettings fromArguments(String[] args) {
		String hub = System.getenv().getOrDefault("PLUGBOARD_HUB", "http://127.0.0.1:8080");
		String token = System.getenv("PLUGBOARD_RUNNER_TOKEN");
		String name = "runner-" + ProcessHandle.current().pid();
		String device = "auto";
		Path cache = Path.of(System.getProperty("user.home"), ".cache", "plugboard");
		for (int i = 0; i < args.length; i++) {
			String value = (i + 1 < args.length) ? args[i + 1] : null;
			switch (args[i]) {
				case "--hub" -> hub = value;
				case "--token" -> token = value;
				case "--name" -> name = value;
				case "--device" -> device = value;
				case "--cache" -> cache = Path.of(value);
				default -> throw new IllegalArgumentException("Unknown argument " + args[i]
						+ "; use --hub URL --token TOKEN [--name NAME] [--device auto|cpu|cuda] [--cache DIR]");
			}
			i++;
		}
		if (token == null || token.isBlank()) {
			throw new IllegalArgumentException("A runner token is needed: --token or PLUGBOARD_RUNNER_TOKEN");
		}
		return new RunnerSettings(hub, token, name, device, cache, Duration.ofSeconds(2));
	}

}
