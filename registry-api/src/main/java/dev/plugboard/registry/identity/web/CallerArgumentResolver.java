package dev.plugboard.registry.identity.web;

import dev.plugboard.registry.identity.Caller;
import dev.plugboard.registry.identity.TokenService;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives a handler its {@link Caller}. A handler that declares one needs a valid token;
 * the check runs before the request body is read, so a refused upload costs nothing.
 */
class CallerArgumentResolver implements HandlerMethodArgumentResolver {

	private final TokenService tokens;

	CallerArgumentResolver(TokenService tokens) {
		this.tokens = tokens;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return Caller.class.equals(parameter.getParameterType());
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
			WebDataBinderFactory binderFactory) {
		return this.tokens.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION));
	}

}
