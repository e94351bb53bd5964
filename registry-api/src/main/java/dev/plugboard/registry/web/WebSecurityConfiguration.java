package dev.plugboard.registry.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Spring Security guards the web pages only: CSRF tokens on every form, a strict
 * Content-Security-Policy and the usual headers. The REST API (and its OpenAPI document,
 * Swagger UI and actuator) matches no chain here, so it keeps its bearer tokens, its
 * caching headers and its problem responses exactly as they were. Nobody signs in through
 * Spring Security: a page caller is the token owner kept in the session by
 * {@link SignInController}.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfiguration {

	/**
	 * Scripts and styles from this origin only (no inline code anywhere), images from
	 * here, data URLs and https (model cards link badges and figures), no plugins, no
	 * framing, forms post only here.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data: https:; font-src 'self'; connect-src 'self'; object-src 'none'; "
			+ "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

	@Bean
	SecurityFilterChain webPages(HttpSecurity http) throws Exception {
		RequestMatcher notPages = new OrRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher("/api/**"),
				PathPatternRequestMatcher.withDefaults().matcher("/v3/**"),
				PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui/**"),
				PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui.html"),
				PathPatternRequestMatcher.withDefaults().matcher("/actuator/**"),
				// The Hugging Face API's file and LFS URLs (package hf) are API too.
				PathPatternRequestMatcher.withDefaults().matcher("/*/*/resolve/**"),
				PathPatternRequestMatcher.withDefaults().matcher("/*/*/raw/**"),
				PathPatternRequestMatcher.withDefaults().matcher("/*/*/info/lfs/**"));
		http.securityMatcher(new NegatedRequestMatcher(notPages))
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
				.frameOptions((frame) -> frame.deny())
				.permissionsPolicyHeader(
						(permissions) -> permissions.policy("camera=(), microphone=(), geolocation=()")))
			.requestCache((cache) -> cache.disable())
			.anonymous((anonymous) -> anonymous.disable())
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable());
		return http.build();
	}

}
