package dev.plugboard.registry.web;

import dev.plugboard.registry.identity.TokenService;
import dev.plugboard.registry.identity.UnauthenticatedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Sign in with an API token (the hub has no passwords); sign out. */
@Controller
class SignInController {

	private final TokenService tokens;

	SignInController(TokenService tokens) {
		this.tokens = tokens;
	}

	@GetMapping("/sign-in")
	String form(@RequestParam(defaultValue = "/upload") String next, Model model) {
		model.addAttribute("next", safeTarget(next));
		return "sign-in";
	}

	@PostMapping("/sign-in")
	String signIn(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "/upload") String next,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		String secret = token.strip();
		try {
			if (secret.isEmpty() || secret.length() > 200) {
				throw new UnauthenticatedException("Paste a token such as pb_…");
			}
			this.tokens.authenticate("Bearer " + secret);
		}
		catch (UnauthenticatedException ex) {
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			model.addAttribute("next", safeTarget(next));
			model.addAttribute("error", ex.getMessage());
			return "sign-in";
		}
		Session.signIn(request, secret);
		return "redirect:" + safeTarget(next);
	}

	@PostMapping("/sign-out")
	String signOut(HttpServletRequest request) {
		Session.signOut(request);
		return "redirect:/";
	}

	/** Only paths of this site, so a crafted link cannot send a user elsewhere. */
	static String safeTarget(String next) {
		boolean local = next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\")
				&& next.chars().noneMatch(Character::isISOControl);
		return local ? next : "/";
	}

}
