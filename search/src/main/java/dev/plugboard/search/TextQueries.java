package dev.plugboard.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Builds Lucene queries from user input. Text goes through {@link SimpleQueryParser},
 * which never throws: its few operators ({@code "phrase"}, {@code -}, {@code |},
 * {@code +}, {@code *}, parentheses, {@code \} escapes) are optional, and everything
 * else, {@code field:value} or {@code AND} included, is plain words. Each analysed token
 * is scored by its best field plus a share of the others (a dismax), not by the sum over
 * fields, so a word repeated across many fields does not outweigh two words matched once
 * each.
 */
final class TextQueries {

	/**
	 * Enough words for any real query; keeps the clause count far below Lucene's 1024.
	 */
	static final int MAX_WORDS = 48;

	private static final float TIE_BREAKER = 0.3f;

	private static final int FLAGS = SimpleQueryParser.AND_OPERATOR | SimpleQueryParser.OR_OPERATOR
			| SimpleQueryParser.NOT_OPERATOR | SimpleQueryParser.PHRASE_OPERATOR | SimpleQueryParser.PREFIX_OPERATOR
			| SimpleQueryParser.PRECEDENCE_OPERATORS | SimpleQueryParser.ESCAPE_OPERATOR
			| SimpleQueryParser.WHITESPACE_OPERATOR;

	private final Analyzer analyzer;

	TextQueries(Analyzer analyzer) {
		this.analyzer = analyzer;
	}

	/**
	 * Parses user text for BM25.
	 * @param text non-blank user text
	 * @return the query, or null when nothing searchable is left (only stop words or
	 * punctuation)
	 */
	Query text(String text) {
		return parse(text, IndexSchema.TEXT_FIELDS);
	}

	/**
	 * Parses user text as {@link #text} does, over the highlighted fields only: the
	 * highlighter then never looks at terms of the other eight fields.
	 * @param text non-blank user text
	 * @return the query, or null when nothing searchable is left
	 */
	Query highlight(String text) {
		return parse(text, HIGHLIGHT_WEIGHTS);
	}

	private static final Map<String, Float> HIGHLIGHT_WEIGHTS = Map.of(IndexSchema.NAME_TEXT, 1f,
			IndexSchema.DESCRIPTION_TEXT, 1f);

	private Query parse(String text, Map<String, Float> weights) {
		String[] words = text.strip().split("\\s+");
		String bounded = (words.length > MAX_WORDS) ? String.join(" ", List.of(words).subList(0, MAX_WORDS)) : text;
		DismaxParser parser = new DismaxParser(this.analyzer, weights);
		parser.setDefaultOperator(BooleanClause.Occur.SHOULD);
		Query query = parser.parse(bounded);
		boolean empty = query instanceof MatchNoDocsQuery
				|| (query instanceof BooleanQuery bool && bool.clauses().isEmpty());
		return empty ? null : query;
	}

	/**
	 * Builds the pre-filter.
	 * @param filters the filters, or null
	 * @return a non-scoring query all filters must match, or null for no filter
	 */
	static Query filter(SearchFilters filters) {
		if (filters == null) {
			return null;
		}
		BooleanQuery.Builder builder = new BooleanQuery.Builder();
		int clauses = 0;
		for (String field : IndexSchema.FILTER_FIELDS) {
			String value = IndexSchema.FILTER_VALUES.get(field).apply(filters);
			if (value != null) {
				builder.add(KeywordField.newExactQuery(field, value), BooleanClause.Occur.FILTER);
				clauses++;
			}
		}
		return (clauses > 0) ? builder.build() : null;
	}

	/**
	 * Combines a scoring query with the filter.
	 * @param query the scoring query, or null for all documents
	 * @param filter the filter, or null
	 * @return the combined query
	 */
	static Query filtered(Query query, Query filter) {
		Query scoring = (query != null) ? query : new MatchAllDocsQuery();
		if (filter == null) {
			return scoring;
		}
		return new BooleanQuery.Builder().add(scoring, BooleanClause.Occur.MUST)
			.add(filter, BooleanClause.Occur.FILTER)
			.build();
	}

	/**
	 * Builds one dismax per analysed token, not per word: "bert-base-uncased" is scored
	 * as "bert base uncased" is. Each token is then its own clause of the top-level
	 * disjunction, so Lucene's MaxScore skips the postings of tokens too common to change
	 * the top hits; a dismax over a whole model name (four tokens in ten fields) had to
	 * visit nearly every document.
	 */
	private static final class DismaxParser extends SimpleQueryParser {

		DismaxParser(Analyzer analyzer, Map<String, Float> weights) {
			super(analyzer, weights, FLAGS);
		}

		@Override
		public Query parse(String text) {
			return flatten(super.parse(text));
		}

		@Override
		protected Query newDefaultQuery(String text) {
			List<String> tokens = tokens(text);
			if (tokens.size() <= 1) {
				return tokens.isEmpty() ? null : dismax(tokens.get(0));
			}
			BooleanQuery.Builder perToken = new BooleanQuery.Builder();
			tokens.forEach((token) -> perToken.add(dismax(token), BooleanClause.Occur.SHOULD));
			return perToken.build();
		}

		/** The best field's score plus a share of the others' for one token. */
		private Query dismax(String token) {
			List<Query> disjuncts = new ArrayList<>();
			for (Map.Entry<String, Float> entry : this.weights.entrySet()) {
				disjuncts.add(new BoostQuery(new TermQuery(new Term(entry.getKey(), token)), entry.getValue()));
			}
			return new DisjunctionMaxQuery(disjuncts, TIE_BREAKER);
		}

		/** Every text field has the same analysis, so one pass serves them all. */
		private List<String> tokens(String text) {
			List<String> tokens = new ArrayList<>();
			try (TokenStream stream = getAnalyzer().tokenStream(IndexSchema.NAME_TEXT, text)) {
				CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
				stream.reset();
				while (stream.incrementToken()) {
					tokens.add(term.toString());
				}
				stream.end();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Analysing query text failed", ex);
			}
			return tokens;
		}

		/**
		 * Lifts the per-token disjunctions of a pure disjunction into it (same scores, as
		 * sums of sums), so every token is a clause of the top level.
		 */
		private static Query flatten(Query query) {
			if (!(query instanceof BooleanQuery bool) || !isDisjunction(bool)) {
				return query;
			}
			BooleanQuery.Builder flat = new BooleanQuery.Builder();
			for (BooleanClause clause : bool.clauses()) {
				if (clause.query() instanceof BooleanQuery inner && isDisjunction(inner)) {
					inner.clauses().forEach((c) -> flat.add(c.query(), BooleanClause.Occur.SHOULD));
				}
				else {
					flat.add(clause);
				}
			}
			return flat.build();
		}

		private static boolean isDisjunction(BooleanQuery query) {
			return query.getMinimumNumberShouldMatch() == 0
					&& query.clauses().stream().allMatch((c) -> c.occur() == BooleanClause.Occur.SHOULD);
		}

	}

}
