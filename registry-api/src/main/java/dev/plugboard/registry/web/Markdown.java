package dev.plugboard.registry.web;

import java.util.List;
import java.util.regex.Pattern;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

import org.springframework.stereotype.Component;

/**
 * Model cards as HTML that is safe to put into a page. Markdown is rendered by
 * commonmark-java (with GitHub tables); the HTML then goes through the OWASP Java HTML
 * Sanitizer, which keeps formatting, tables, images and http(s)/mailto links and drops
 * everything else: scripts, styles, event handlers, iframes, forms and
 * {@code javascript:} or {@code data:} link targets. Sanitising the rendered HTML (rather
 * than escaping raw HTML in the Markdown) keeps the harmless HTML that real cards use
 * ({@code <br>
 * }, {@code <img>}, {@code <details>}) while nothing a card author writes can run in a
 * reader's browser.
 */
@Component
public class Markdown {

	private static final Pattern LANGUAGE_CLASS = Pattern.compile("language-[A-Za-z0-9_+-]{1,32}");

	private static final PolicyFactory POLICY = Sanitizers.BLOCKS.and(Sanitizers.FORMATTING)
		.and(Sanitizers.TABLES)
		.and(new HtmlPolicyBuilder().allowElements("a")
			.allowAttributes("href", "title")
			.onElements("a")
			.allowUrlProtocols("http", "https", "mailto")
			.requireRelsOnLinks("nofollow", "noopener", "noreferrer")
			.allowElements("img")
			.allowAttributes("src", "alt", "title", "width", "height")
			.onElements("img")
			.allowElements("pre", "code", "hr", "br", "details", "summary", "sup", "sub", "kbd", "dl", "dt", "dd")
			.allowAttributes("class")
			.matching(LANGUAGE_CLASS)
			.onElements("code")
			.allowAttributes("align")
			.matching(true, "left", "right", "center")
			.onElements("th", "td")
			.toFactory());

	private final Parser parser;

	private final HtmlRenderer renderer;

	public Markdown() {
		List<Extension> extensions = List.of(TablesExtension.create());
		this.parser = Parser.builder().extensions(extensions).build();
		this.renderer = HtmlRenderer.builder().extensions(extensions).sanitizeUrls(true).build();
	}

	/** Sanitised HTML for a Markdown text; empty for null. */
	public String toHtml(String markdown) {
		if (markdown == null || markdown.isBlank()) {
			return "";
		}
		return POLICY.sanitize(this.renderer.render(this.parser.parse(markdown)));
	}

}
