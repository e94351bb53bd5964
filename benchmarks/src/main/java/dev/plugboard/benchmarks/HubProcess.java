package dev.plugboard.benchmarks;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The hub under test as a separate JVM, started from the fat jar with {@code -Xmx256m}
 * and a GC log, exactly as an operator would run it against external PostgreSQL and S3.
 */
final class HubProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private final Process process;

	private final URI baseUri;

	private final String adminToken;

	private final Path log;

	private final Path gcLog;

	private HubProcess(Process process, URI baseUri, String adminToken, Path log, Path gcLog) {
		this.process = process;
		this.baseUri = baseUri;
		this.adminToken = adminToken;
		this.log = log;
		this.gcLog = gcLog;
	}

	static HubProcess start(Path jar, Path directory, BackingServices services, Cleanup cleanup)
			throws IOException, InterruptedException {
		return start(jar, directory, services, cleanup, BenchmarkSettings.HUB_HEAP, List.of());
	}

	/** Starts the hub with another heap size and extra arguments. */
	static HubProcess start(Path jar, Path directory, BackingServices services, Cleanup cleanup, String heap,
			List<String> extraArguments) throws IOException, InterruptedException {
		return start(jar, directory, services, cleanup, heap, null, extraArguments);
	}

	/**
	 * Starts the hub with extra classes: {@code extension} (a directory of classes, or
	 * null for none) joins the jar's own class path through Spring Boot's
	 * PropertiesLauncher ({@code loader.path}), the documented way to add classes to a
	 * packaged application without repackaging it.
	 */
	static HubProcess start(Path jar, Path directory, BackingServices services, Cleanup cleanup, String heap,
			Path extension, List<String> extraArguments) throws IOException, InterruptedException {
		// A private copy: a rebuild of registry-api during the run (other work in the
		// same
		// checkout) would otherwise pull classes out from under the running hub.
		Path privateJar = copyWhole(jar, directory.resolve("hub.jar"));
		int port = freePort();
		String adminToken = "pb_bench" + randomToken();
		Path log = directory.resolve("hub.log");
		Path gcLog = directory.resolve("hub-gc.log");
		List<String> command = new ArrayList<>();
		command.add(javaExecutable());
		command.add("-Xmx" + heap);
		// Every collection with heap before/after: the peak and the retained heap per
		// phase, at no cost to the hub.
		command.add("-Xlog:gc:file=" + gcLog + ":uptime");
		if (extension == null) {
			command.add("-jar");
			command.add(privateJar.toString());
		}
		else {
			command.add("-Dloader.path=" + extension);
			command.add("-cp");
			command.add(privateJar.toString());
			command.add("org.springframework.boot.loader.launch.PropertiesLauncher");
		}
		command.add("--server.port=" + port);
		command.add("--server.address=127.0.0.1");
		command.add("--plugboard.data-dir=" + directory.resolve("hub-data"));
		command.add("--spring.datasource.url=" + services.jdbcUrl());
		command.add("--spring.datasource.username=postgres");
		command.add("--plugboard.storage.s3.endpoint=" + services.s3().endpoint());
		command.add("--plugboard.storage.s3.bucket=" + BackingServices.BUCKET);
		command.add("--plugboard.storage.s3.access-key=" + services.s3().accessKey());
		command.add("--plugboard.storage.s3.secret-key=" + services.s3().secretKey());
		command.add("--plugboard.security.admin-token=" + adminToken);
		command.addAll(extraArguments);
		Process process = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		HubProcess hub = new HubProcess(process, URI.create("http://127.0.0.1:" + port), adminToken, log, gcLog);
		cleanup.add("stop the hub (pid " + process.pid() + ")", hub::close);
		hub.awaitHealthy();
		return hub;
	}

	URI baseUri() {
		return this.baseUri;
	}

	String adminToken() {
		return this.adminToken;
	}

	long pid() {
		return this.process.pid();
	}

	/** CPU time the hub has used so far (user and system). */
	Duration cpu() {
		return this.process.info().totalCpuDuration().orElse(Duration.ZERO);
	}

	Path log() {
		return this.log;
	}

	Path gcLog() {
		return this.gcLog;
	}

	/** The JDK this benchmark runs on also runs the hub, so both see the same runtime. */
	static Path jdkBin() {
		return Path.of(javaExecutable()).getParent();
	}

	/** Lines of the hub's own log at WARN or ERROR, and anything that looks fatal. */
	List<String> problemLines() throws IOException {
		try (var lines = Files.lines(this.log)) {
			return lines
				.filter((line) -> line.contains(" WARN ") || line.contains(" ERROR ")
						|| line.contains("OutOfMemoryError") || line.startsWith("Exception"))
				.toList();
		}
	}

	@Override
	public void close() throws InterruptedException {
		if (!this.process.isAlive()) {
			return;
		}
		// SIGTERM: Spring's graceful shutdown; forced only if it hangs.
		this.process.destroy();
		if (!this.process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
			this.process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
	}

	private void awaitHealthy() throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.build();
		HttpRequest health = HttpRequest.newBuilder(this.baseUri.resolve("/actuator/health"))
			.timeout(Duration.ofSeconds(5))
			.build();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						"The hub exited with " + this.process.exitValue() + " while starting; its log:\n" + tail());
			}
			try {
				if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (ConnectException ex) {
				// Not listening yet.
			}
			catch (IOException ex) {
				// Listening but not answering yet.
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException("The hub was not healthy after " + START_TIMEOUT + "; its log:\n" + tail());
	}

	private String tail() throws IOException {
		List<String> lines = Files.readAllLines(this.log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
	}

	private static String javaExecutable() {
		return ProcessHandle.current()
			.info()
			.command()
			.orElseThrow(() -> new IllegalStateException("Cannot tell which java runs this benchmark"));
	}

	/** Copies the jar, retrying while it is being rewritten (not yet a complete zip). */
	private static Path copyWhole(Path jar, Path copy) throws IOException, InterruptedException {
		for (int attempt = 1;; attempt++) {
			Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
			try (ZipFile zip = new ZipFile(copy.toFile())) {
				if (zip.getEntry("META-INF/MANIFEST.MF") != null) {
					return copy;
				}
			}
			catch (ZipException ex) {
				// Caught mid-rewrite.
			}
			if (attempt == 12) {
				throw new IllegalStateException(jar + " is not a complete jar; rebuild it");
			}
			Thread.sleep(5000);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static String randomToken() {
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

}
