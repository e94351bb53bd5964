package dev.plugboard.search;

import java.util.List;
import java.util.Random;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HighlightingTests {

	private static final List<String> WORDS = List.of("sentiment", "review", "movie", "adapter", "bert", "sst");

	@Test
	void leanPassageScorerScoresExactlyAsLucenesScorer() {
		PassageScorer lucene = new PassageScorer();
		Highlighting.LeanPassageScorer lean = new Highlighting.LeanPassageScorer();
		Random random = new Random(42);
		for (int round = 0; round < 2_000; round++) {
			Passage passage = new Passage();
			int start = random.nextInt(500);
			passage.setStartOffset(start);
			// wide enough for every match (at most 11 × 21 characters)
			passage.setEndOffset(start + 400);
			int position = start;
			int matches = random.nextInt(12);
			for (int i = 0; i < matches; i++) {
				position += 1 + random.nextInt(20);
				String word = WORDS.get(random.nextInt(WORDS.size()));
				// the frequency in the document belongs to the term, whichever match
				// carries it
				int inDocument = 1 + Math.floorMod(word.hashCode(), 7);
				passage.addMatch(position, position + word.length(), new BytesRef(word), inDocument);
			}
			int contentLength = passage.getEndOffset() + random.nextInt(2_000);
			assertThat(lean.score(passage, contentLength)).as("round %d", round)
				.isEqualTo(lucene.score(passage, contentLength));
		}
	}

	@Test
	void escapesMarkupAndFlattensWhitespace() {
		StringBuilder out = new StringBuilder();
		String content = "a <b> & \"c\"\n'd'";
		Highlighting.HtmlFormatter.escape(out, content, 0, content.length());
		assertThat(out).hasToString("a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;");
	}

}
