package dev.plugboard.registry.identity;

/**
 * Who sent a request, as proven by its bearer token. Controllers take it as a parameter
 * when an endpoint needs authentication; reads without one are anonymous.
 *
 * @param tokenId the token's id, recorded as actor in the audit log; null for the hub
 * itself
 * @param namespace the namespace the token is scoped to, or null for admin tokens
 * @param permission what the token may do there
 */
public record Caller(Long tokenId, String namespace, Permission permission) {

	/**
	 * The hub acting on its own (registering the bundled base models at start): admin,
	 * recorded in the audit log without a token.
	 */
	public static final Caller HUB = new Caller(null, null, Permission.ADMIN);

	public boolean isAdmin() {
		return this.permission == Permission.ADMIN;
	}

	/** Throws unless this caller may publish, tag and edit in the namespace. */
	public void requireWrite(String targetNamespace) {
		require(targetNamespace, Permission.WRITE);
	}

	/**
	 * Throws unless this caller may act as an evaluation runner: a runner token, or an
	 * admin.
	 */
	public void requireRunner() {
		if (!this.permission.includes(Permission.RUNNER)) {
			throw new PermissionDeniedException("This needs a runner token (an admin creates one with permission "
					+ "'runner'); this token has " + this.permission.id() + " permission");
		}
	}

	public void requireAdmin() {
		if (!isAdmin()) {
			throw new PermissionDeniedException("This needs an admin token");
		}
	}

	private void require(String targetNamespace, Permission needed) {
		if (isAdmin()) {
			return;
		}
		if (this.permission == Permission.RUNNER) {
			throw new PermissionDeniedException("A runner token may only register runners and report on jobs");
		}
		if (!targetNamespace.equals(this.namespace)) {
			throw new PermissionDeniedException(
					"This token is scoped to namespace '" + this.namespace + "', not '" + targetNamespace + "'");
		}
		if (!this.permission.includes(needed)) {
			throw new PermissionDeniedException(
					"This token has " + this.permission.id() + " permission; " + needed.id() + " is needed");
		}
	}

}
