package dev.plugboard.registry.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import dev.plugboard.formats.Identifiers;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues and checks bearer tokens. A token is {@code pb_} followed by 256 random bits
 * (base64url); the hub keeps only its sha256, which is enough because the secret has full
 * entropy (no slow hash needed, unlike passwords).
 */
@Service
public class TokenService {

	static final String PREFIX = "pb_";

	static final String HF_PREFIX = "hf_";

	private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

	private final SecureRandom random = new SecureRandom();

	private final ApiTokenRepository tokens;

	TokenService(ApiTokenRepository tokens) {
		this.tokens = tokens;
	}

	/** Creates a token; the secret in the answer is the only copy there will ever be. */
	@Transactional
	public IssuedToken issue(String namespace, Permission permission, String description) {
		boolean global = permission == Permission.ADMIN || permission == Permission.RUNNER;
		if (!global) {
			if (namespace == null) {
				throw new dev.plugboard.registry.system.InvalidRequestException(
						"A read or write token needs a namespace");
			}
			Identifiers.requireNamespace(namespace);
		}
		byte[] bits = new byte[32];
		this.random.nextBytes(bits);
		String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
		ApiToken token = this.tokens
			.save(new ApiToken(hash(secret), global ? null : namespace, permission, description));
		return new IssuedToken(token, secret);
	}

	/** Registers a secret chosen by the operator (such as a preset admin token). */
	@Transactional
	public ApiToken register(String secret, Permission permission, String description) {
		return this.tokens.findByTokenHash(hash(secret))
			.orElseGet(() -> this.tokens.save(new ApiToken(hash(secret), null, permission, description)));
	}

	/**
	 * The caller proven by an {@code Authorization} header value.
	 * @throws UnauthenticatedException when the header is missing, malformed, unknown or
	 * revoked
	 */
	@Transactional
	public Caller authenticate(String authorization) {
		if (authorization == null || authorization.isBlank()) {
			throw new UnauthenticatedException("This needs a token: send 'Authorization: Bearer <token>'");
		}
		String[] parts = authorization.trim().split("\\s+", 2);
		if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer") || parts[1].isBlank()) {
			throw new UnauthenticatedException("The Authorization header must be 'Bearer <token>'");
		}
		String secret = parts[1].trim();
		ApiToken token = this.tokens.findByTokenHash(hash(secret))
			.or(() -> huggingFaceAliases(secret).stream()
				.map((alias) -> this.tokens.findByTokenHash(hash(alias)))
				.flatMap(java.util.Optional::stream)
				.findFirst())
			.filter((candidate) -> !candidate.isRevoked())
			.orElseThrow(() -> new UnauthenticatedException("The token is unknown or revoked"));
		Instant now = Instant.now();
		// A write per request would serialize readers on one row; minute resolution is
		// enough.
		if (token.getLastUsedAt() == null || token.getLastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION))) {
			this.tokens.markUsed(token.getId(), now);
		}
		return new Caller(token.getId(), token.getNamespace(), token.getPermission());
	}

	/**
	 * The Plugboard secrets a Hugging Face style token may stand for. The JavaScript Hub
	 * client refuses to send tokens that do not start with {@code hf_}, so
	 * {@code hf_<rest>} stands for {@code pb_<rest>} (the issued secret with its prefix
	 * swapped) and for {@code <rest>} itself ({@code hf_pb_…}, or {@code hf_} in front of
	 * a preset admin token). The literal secret is looked up first, so a secret that
	 * itself starts with {@code hf_} keeps working.
	 */
	static List<String> huggingFaceAliases(String secret) {
		if (!secret.startsWith(HF_PREFIX) || secret.length() == HF_PREFIX.length()) {
			return List.of();
		}
		String rest = secret.substring(HF_PREFIX.length());
		return rest.startsWith(PREFIX) ? List.of(rest) : List.of(PREFIX + rest, rest);
	}

	@Transactional(readOnly = true)
	public List<ApiToken> list() {
		return this.tokens.findAllByOrderByIdAsc();
	}

	@Transactional
	public ApiToken revoke(long id) {
		ApiToken token = this.tokens.findById(id).orElseThrow(() -> new TokenNotFoundException(id));
		if (!token.isRevoked()) {
			token.revoke();
		}
		return token;
	}

	@Transactional(readOnly = true)
	public boolean hasActiveAdmin() {
		return this.tokens.existsByPermissionAndRevokedAtIsNull(Permission.ADMIN.id());
	}

	static String hash(String secret) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

	/** A freshly created token and its secret. */
	public record IssuedToken(ApiToken token, String secret) {
	}

}
