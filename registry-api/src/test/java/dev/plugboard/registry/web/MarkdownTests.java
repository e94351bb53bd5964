package dev.plugboard.registry.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownTests {

	private final Markdown markdown = new Markdown();

	@Test
	void keepsFormattingTablesCodeAndWebLinks() {
		String html = this.markdown.toHtml("""
				# Title

				Some **bold** and `code`, a [paper](https://arxiv.org/abs/1) and ![fig](https://example.org/f.png).

				| a | b |
				|---|---|
				| 1 | 2 |

				```java
				int x = 1;
				```
				""");
		assertThat(html).contains("<h1>Title</h1>", "<strong>bold</strong>", "<code>code</code>", "<table>",
				"<td>1</td>", "class=\"language-java\"", "src=\"https://example.org/f.png\"");
		assertThat(html).containsPattern("<a href=\"https://arxiv.org/abs/1\" rel=\"[^\"]*nofollow");
	}

	@ParameterizedTest
	@ValueSource(strings = { "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
			"<a href=\"JaVaScRiPt:alert(1)\">x</a>", "<iframe src=\"https://e.org\"></iframe>", "<svg onload=alert(1)>",
			"<div style=\"x:expression(alert(1))\">x</div>", "<a href=\"data:text/html,x\">x</a>",
			"<form action=\"https://e.org\"><input></form>", "<object data=x></object>",
			"<p onclick=\"alert(1)\">x</p>", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>" })
	void removesEverythingThatCouldRun(String attack) {
		String html = this.markdown.toHtml("Card\n\n" + attack + "\n").toLowerCase();
		assertThat(html).doesNotContain("<script", "onerror", "onload", "onclick", "javascript:", "<iframe", "<svg",
				"style=", "data:text", "<form", "<input", "<object");
	}

	@Test
	void emptyForNoCard() {
		assertThat(this.markdown.toHtml(null)).isEmpty();
		assertThat(this.markdown.toHtml("  ")).isEmpty();
	}

}
