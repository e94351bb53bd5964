package dev.plugboard.registry.identity.web;

import java.util.List;

import dev.plugboard.registry.identity.TokenService;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class IdentityWebConfiguration implements WebMvcConfigurer {

	private final TokenService tokens;

	IdentityWebConfiguration(TokenService tokens) {
		this.tokens = tokens;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new CallerArgumentResolver(this.tokens));
	}

}
