package dev.plugboard.registry.web;

import java.util.List;

import dev.plugboard.registry.identity.TokenService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * A page-styled 404 for a browser that follows a link to nothing. It runs before the
 * API's problem handler and declines everything else: API paths, and clients that do not
 * ask for HTML by name (curl's {@code *&#47;*} included), keep the problem document. A
 * resolver rather than an exception handler, because only a resolver can decline and let
 * the next one answer.
 */
@Component
class MissingPageResolver implements HandlerExceptionResolver, Ordered {

	private final TokenService tokens;

	MissingPageResolver(TokenService tokens) {
		this.tokens = tokens;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		if (!(ex instanceof NoResourceFoundException || ex instanceof NoHandlerFoundException)) {
			return null;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.startsWith("/api/") || !asksForHtml(request)) {
			return null;
		}
		response.setStatus(HttpStatus.NOT_FOUND.value());
		ModelAndView page = new ModelAndView("error-page", HttpStatus.NOT_FOUND);
		page.addObject("status", HttpStatus.NOT_FOUND.value());
		page.addObject("title", "Page not found");
		page.addObject("detail", "There is no page at " + path + ". Search the catalog or start from the home page.");
		page.addObject("viewer", Session.caller(request, this.tokens).map(Viewer::of).orElse(Viewer.ANONYMOUS));
		return page;
	}

	private static boolean asksForHtml(HttpServletRequest request) {
		String accept = request.getHeader("Accept");
		if (accept == null) {
			return false;
		}
		try {
			List<MediaType> types = MediaType.parseMediaTypes(accept);
			return types.stream()
				.anyMatch((type) -> type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType()
						&& !type.isWildcardSubtype() && type.getQualityValue() > 0);
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

}
