package dev.plugboard.registry.identity.web;

import java.time.Instant;
import java.util.List;

import dev.plugboard.registry.identity.ApiToken;
import dev.plugboard.registry.identity.Caller;
import dev.plugboard.registry.identity.Permission;
import dev.plugboard.registry.identity.TokenService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Admin-only token management: create (secret shown once), list, revoke. */
@RestController
@RequestMapping("/api/v1/tokens")
@SecurityRequirement(name = "bearer")
class TokenController {

	private final TokenService tokens;

	TokenController(TokenService tokens) {
		this.tokens = tokens;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create a token scoped to a namespace; the secret is in this answer only")
	CreatedToken create(@Parameter(hidden = true) Caller caller, @RequestBody TokenRequest request) {
		caller.requireAdmin();
		Permission permission = Permission.of((request.permission() == null) ? "write" : request.permission());
		TokenService.IssuedToken issued = this.tokens.issue(request.namespace(), permission, request.description());
		return new CreatedToken(TokenView.of(issued.token()), issued.secret());
	}

	@GetMapping
	@Operation(summary = "List tokens (never their secrets)")
	List<TokenView> list(@Parameter(hidden = true) Caller caller) {
		caller.requireAdmin();
		return this.tokens.list().stream().map(TokenView::of).toList();
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Revoke a token")
	TokenView revoke(@Parameter(hidden = true) Caller caller, @PathVariable long id) {
		caller.requireAdmin();
		return TokenView.of(this.tokens.revoke(id));
	}

	record TokenRequest(String namespace, String permission, String description) {
	}

	record CreatedToken(TokenView info, String token) {
	}

	record TokenView(long id, String namespace, String permission, String description, Instant createdAt,
			Instant lastUsedAt, Instant revokedAt) {

		static TokenView of(ApiToken token) {
			return new TokenView(token.getId(), token.getNamespace(), token.getPermission().id(),
					token.getDescription(), token.getCreatedAt(), token.getLastUsedAt(), token.getRevokedAt());
		}

	}

}
