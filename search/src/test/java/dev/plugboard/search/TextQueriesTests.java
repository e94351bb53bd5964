package dev.plugboard.search;

import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextQueriesTests {

	private final TextQueries queries = new TextQueries(new AdapterAnalyzer());

	@Test
	void joinedIdentifiersQueryAsTheirWords() {
		assertThat(this.queries.text("bert-base-uncased sentiment"))
			.isEqualTo(this.queries.text("bert base uncased sentiment"));
		assertThat(this.queries.text("xlm-roberta_base")).isEqualTo(this.queries.text("xlm roberta base"));
	}

	@Test
	void everyTokenIsAClauseOfTheTopLevelDisjunction() {
		Query query = this.queries.text("an adapter for bert-base-multilingual-cased");
		assertThat(query).isInstanceOf(BooleanQuery.class);
		assertThat(((BooleanQuery) query).clauses()).hasSize(5)
			.allSatisfy((clause) -> assertThat(clause.occur()).isEqualTo(BooleanClause.Occur.SHOULD))
			.allSatisfy((clause) -> assertThat(clause.query()).isInstanceOf(DisjunctionMaxQuery.class));
	}

	@Test
	void oneTokenIsOneDismaxOverTheTextFields() {
		Query query = this.queries.text("sentiment");
		assertThat(query).isInstanceOf(DisjunctionMaxQuery.class);
		assertThat(((DisjunctionMaxQuery) query).getDisjuncts()).hasSize(IndexSchema.TEXT_FIELDS.size());
	}

	@Test
	void operatorGroupsAreNotFlattened() {
		// "+" joins words that must all match, "-" excludes: both groups stay whole
		Query query = this.queries.text("sentiment + review -bert-base");
		assertThat(query).isInstanceOf(BooleanQuery.class);
		assertThat(((BooleanQuery) query).clauses()).hasSize(2)
			.anySatisfy(
					(clause) -> assertThat(((BooleanQuery) clause.query()).clauses()).extracting(BooleanClause::occur)
						.containsExactly(BooleanClause.Occur.MUST, BooleanClause.Occur.MUST))
			.anySatisfy(
					(clause) -> assertThat(((BooleanQuery) clause.query()).clauses()).extracting(BooleanClause::occur)
						.contains(BooleanClause.Occur.MUST_NOT));
	}

	@Test
	void stopWordsAloneLeaveNothingToSearch() {
		assertThat(this.queries.text("the of and")).isNull();
	}

}
