package dev.plugboard.registry.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import dev.plugboard.registry.system.HubProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Makes sure a fresh hub can be administered: registers the operator's preset admin
 * token, or on first start creates one and writes it to a file only the owner can read
 * (never to the log).
 */
@Component
class AdminTokenBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AdminTokenBootstrap.class);

	private final TokenService tokens;

	private final SecurityProperties security;

	private final HubProperties hub;

	AdminTokenBootstrap(TokenService tokens, SecurityProperties security, HubProperties hub) {
		this.tokens = tokens;
		this.security = security;
		this.hub = hub;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.security.adminToken() != null && !this.security.adminToken().isBlank()) {
			this.tokens.register(this.security.adminToken().trim(), Permission.ADMIN, "preset admin token");
			return;
		}
		if (this.tokens.hasActiveAdmin()) {
			return;
		}
		TokenService.IssuedToken issued = this.tokens.issue(null, Permission.ADMIN, "first admin token");
		Path file = this.hub.dataDir().resolve("admin-token").toAbsolutePath();
		write(file, issued.secret());
		log.info("Created the first admin token; it is in {} (readable by its owner only)", file);
	}

	private static void write(Path file, String secret) {
		try {
			Files.createDirectories(file.getParent());
			Files.deleteIfExists(file);
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the admin token to " + file, ex);
		}
	}

}
