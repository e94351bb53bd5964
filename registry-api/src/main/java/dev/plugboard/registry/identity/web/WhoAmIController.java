package dev.plugboard.registry.identity.web;

import dev.plugboard.registry.identity.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who a token is: what clients check at login, so a wrong or revoked token is reported
 * then and not at the first upload.
 */
@RestController
@SecurityRequirement(name = "bearer")
class WhoAmIController {

	@GetMapping("/api/v1/whoami")
	@Operation(summary = "The calling token's id, namespace and permission (401 without a valid token)")
	WhoAmI whoami(@Parameter(hidden = true) Caller caller) {
		return new WhoAmI(caller.tokenId(), caller.namespace(), caller.permission().id());
	}

	record WhoAmI(Long tokenId, String namespace, String permission) {
	}

}
