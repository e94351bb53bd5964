package dev.plugboard.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The hub as users run it: the registry-api jar in its own process on its embedded
 * default (embedded PostgreSQL and S3 under a fresh data directory, the bundled base
 * models registered, an embedded evaluation runner), on a random loopback port.
 */
final class RunningHub implements AutoCloseable {

	private final Process process;

	private final int port;

	private final Path dataDirectory;

	private final Path log;

	private RunningHub(Process process, int port, Path dataDirectory, Path log) {
		this.process = process;
		this.port = port;
		this.dataDirectory = dataDirectory;
		this.log = log;
	}

	static RunningHub start(String... extraArguments) throws IOException, InterruptedException {
		Path directory = Path.of("target", "hub-it", UUID.randomUUID().toString()).toAbsolutePath();
		Files.createDirectories(directory);
		// A private copy: a rebuild of registry-api during the run must not pull classes
		// out from under the hub.
		Path jar = Files.copy(hubJar(), directory.resolve("hub.jar"), StandardCopyOption.REPLACE_EXISTING);
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-Xmx2g",
				"-Dai.djl.offline=true", "-jar", jar.toString(), "--server.port=" + port, "--server.address=127.0.0.1",
				"--plugboard.data-dir=" + directory.resolve("data")));
		command.addAll(List.of(extraArguments));
		Path log = directory.resolve("hub.log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.directory(directory.toFile());
		builder.environment().put("OPT_OUT_TRACKING", "true");
		RunningHub hub = new RunningHub(builder.start(), port, directory.resolve("data"), log);
		hub.awaitReady(Duration.ofMinutes(5));
		return hub;
	}

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	int port() {
		return this.port;
	}

	String adminToken() throws IOException {
		return Files.readString(this.dataDirectory.resolve("admin-token")).strip();
	}

	Path log() {
		return this.log;
	}

	/** Waits until the web server answers and the bundled base models are registered. */
	private void awaitReady(Duration timeout) throws IOException, InterruptedException {
		HttpClient http = HttpClient.newHttpClient();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						"The hub exited with " + this.process.exitValue() + "; see " + this.log);
			}
			try {
				HttpResponse<String> bundled = http.send(
						HttpRequest.newBuilder(URI.create(url() + "/api/v1/base-models/bundled")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (bundled.statusCode() == 200 && !bundled.body().contains("\"registered\":false")) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("The hub was not ready within " + timeout + "; see " + this.log);
	}

	/** Stops the hub the way an operator does (SIGTERM) and waits for it. */
	void stop() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor();
		}
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			stop();
		}
	}

	private static Path hubJar() throws IOException {
		Path target = Path.of("..", "registry-api", "target");
		try (Stream<Path> files = Files.list(target)) {
			return files.filter((file) -> {
				String name = file.getFileName().toString();
				return name.startsWith("plugboard-registry-api-") && name.endsWith(".jar");
			})
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("Build registry-api first: no jar in " + target));
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
