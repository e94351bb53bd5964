package dev.plugboard.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import dev.plugboard.benchmarks.search.ShortcutEmbedder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The hub-side clock of the benchmark, outermost of all filters. For {@code /search} it
 * times everything the server does for the page (security filters, controller, index
 * query, database reads, Thymeleaf render) into a buffer, then states the time in a
 * {@code Server-Timing} header: the page is larger than the socket buffer, so without
 * buffering the headers would be sent before the render ends. Copying the finished body
 * to the socket is the only server work left outside the figure. {@code /bench/embedder}
 * answers how many texts the shortcut and the real model embedded, so the benchmark can
 * show that the rebuild used the shortcut and queries the real model.
 */
final class ServerTimingFilter extends OncePerRequestFilter implements Ordered {

	static final String COUNTERS_PATH = "/bench/embedder";

	private final ShortcutEmbedder embedder;

	ServerTimingFilter(ShortcutEmbedder embedder) {
		this.embedder = embedder;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI();
		if (COUNTERS_PATH.equals(path)) {
			response.setContentType("text/plain");
			response.getOutputStream()
				.write(String
					.format(Locale.ROOT, "shortcut=%d real=%d real_ms=%d", this.embedder.shortcutTexts(),
							this.embedder.realTexts(), this.embedder.realNanos() / 1_000_000)
					.getBytes(StandardCharsets.US_ASCII));
			return;
		}
		if (!"/search".equals(path)) {
			chain.doFilter(request, response);
			return;
		}
		ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
		long start = System.nanoTime();
		chain.doFilter(request, buffered);
		long nanos = System.nanoTime() - start;
		buffered.setHeader("Server-Timing", String.format(Locale.ROOT, "page;dur=%.3f", nanos / 1e6));
		buffered.copyBodyToResponse();
	}

}
