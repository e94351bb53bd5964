package dev.plugboard.search;

import java.io.Reader;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The analyzer of every full-text field and of query text: Unicode word breaks, with
 * {@code _} also breaking words (repository names such as
 * {@code bert-base-uncased_sentiment_sst-2} are identifiers joined by {@code _},
 * {@code -} and {@code /}, and the standard tokenizer keeps {@code _} inside words),
 * lower case, ASCII folding, English stop words, possessives and Porter stemming (so
 * "reviews" finds "review" and "classifier" finds "classification"). Character offsets
 * stay exact, which the highlighter needs.
 */
final class AdapterAnalyzer extends Analyzer {

	private static final NormalizeCharMap UNDERSCORE_TO_SPACE;

	static {
		NormalizeCharMap.Builder builder = new NormalizeCharMap.Builder();
		builder.add("_", " ");
		UNDERSCORE_TO_SPACE = builder.build();
	}

	@Override
	protected Reader initReader(String fieldName, Reader reader) {
		return new MappingCharFilter(UNDERSCORE_TO_SPACE, reader);
	}

	@Override
	protected TokenStreamComponents createComponents(String fieldName) {
		StandardTokenizer tokenizer = new StandardTokenizer();
		TokenStream stream = new EnglishPossessiveFilter(tokenizer);
		stream = new LowerCaseFilter(stream);
		stream = new ASCIIFoldingFilter(stream);
		stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
		stream = new PorterStemFilter(stream);
		return new TokenStreamComponents(tokenizer, stream);
	}

	@Override
	protected TokenStream normalize(String fieldName, TokenStream in) {
		return new ASCIIFoldingFilter(new LowerCaseFilter(in));
	}

}
