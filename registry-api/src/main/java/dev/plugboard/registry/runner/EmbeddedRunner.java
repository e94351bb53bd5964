package dev.plugboard.registry.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import dev.plugboard.registry.identity.Permission;
import dev.plugboard.registry.identity.TokenService;
import dev.plugboard.registry.system.HubProperties;
import dev.plugboard.runner.EvaluationRunner;
import dev.plugboard.runner.RunnerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Starts one evaluation runner inside the hub once the web server listens. It is the same
 * runner as the standalone one and talks to the hub the same way, over REST on the
 * loopback address with a runner token, which is kept in {@code <data-dir>/runner-token}
 * (owner-readable) so restarts reuse it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EmbeddedRunnerProperties.class)
class EmbeddedRunner implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedRunner.class);

	private final EmbeddedRunnerProperties properties;

	private final HubProperties hub;

	private final TokenService tokens;

	private EvaluationRunner runner;

	EmbeddedRunner(EmbeddedRunnerProperties properties, HubProperties hub, TokenService tokens) {
		this.properties = properties;
		this.hub = hub;
		this.tokens = tokens;
	}

	@EventListener
	void start(WebServerInitializedEvent event) {
		if (!this.properties.embedded() || this.runner != null) {
			return;
		}
		String secret = secret(this.hub.dataDir().resolve("runner-token").toAbsolutePath());
		this.tokens.register(secret, Permission.RUNNER, "embedded evaluation runner");
		Path cache = (this.properties.cacheDir() != null) ? this.properties.cacheDir()
				: this.hub.dataDir().resolve("runner-cache");
		RunnerSettings settings = new RunnerSettings("http://127.0.0.1:" + event.getWebServer().getPort(), secret,
				"embedded", this.properties.device(), cache.toAbsolutePath(), Duration.ofSeconds(2));
		this.runner = new EvaluationRunner(settings);
		Thread thread = new Thread(this.runner, "embedded-evaluation-runner");
		thread.setDaemon(true);
		// Below the request threads: scoring must not starve the hub's own work.
		thread.setPriority(Thread.MIN_PRIORITY);
		thread.start();
		log.info("Started the embedded evaluation runner (device {}, cache {})", this.properties.device(), cache);
	}

	private static String secret(Path file) {
		try {
			if (Files.isRegularFile(file)) {
				return Files.readString(file, StandardCharsets.UTF_8).trim();
			}
			byte[] bits = new byte[32];
			new SecureRandom().nextBytes(bits);
			String secret = "pb_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
			Files.createDirectories(file.getParent());
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
			return secret;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the runner token " + file, ex);
		}
	}

	@Override
	public void close() {
		if (this.runner != null) {
			this.runner.close();
		}
	}

}
