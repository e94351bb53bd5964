package dev.plugboard.registry.web;

import java.util.Optional;

import dev.plugboard.registry.identity.Caller;
import dev.plugboard.registry.identity.TokenService;
import dev.plugboard.registry.identity.UnauthenticatedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * Who is signed in to the pages. The token stays on the server, in the session (the
 * browser holds only the HttpOnly session cookie), and is checked again on every use, so
 * revoking a token signs its sessions out at once.
 */
final class Session {

	private static final String TOKEN = Session.class.getName() + ".token";

	private Session() {
	}

	static void signIn(HttpServletRequest request, String token) {
		HttpSession session = request.getSession(true);
		// A new id at sign-in, so a session id planted before it is worth nothing.
		request.changeSessionId();
		session.setAttribute(TOKEN, token);
	}

	static void signOut(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
	}

	/** The caller behind the session's token, if any and still valid. */
	static Optional<Caller> caller(HttpServletRequest request, TokenService tokens) {
		HttpSession session = request.getSession(false);
		String token = (session != null) ? (String) session.getAttribute(TOKEN) : null;
		if (token == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(tokens.authenticate("Bearer " + token));
		}
		catch (UnauthenticatedException ex) {
			session.removeAttribute(TOKEN);
			return Optional.empty();
		}
	}

}
