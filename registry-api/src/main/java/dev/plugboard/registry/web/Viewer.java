package dev.plugboard.registry.web;

import dev.plugboard.registry.identity.Caller;

/**
 * What the page header shows about the person looking at it.
 *
 * @param signedIn whether a valid token is in the session
 * @param label the token's scope, such as {@code ukp (write)} or {@code admin}
 */
record Viewer(boolean signedIn, String label) {

	static final Viewer ANONYMOUS = new Viewer(false, null);

	static Viewer of(Caller caller) {
		if (caller.isAdmin()) {
			return new Viewer(true, "admin");
		}
		String scope = (caller.namespace() != null) ? caller.namespace() : "all namespaces";
		return new Viewer(true, scope + " (" + caller.permission().id() + ")");
	}

}
