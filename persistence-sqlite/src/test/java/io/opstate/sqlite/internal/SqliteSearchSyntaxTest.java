package io.opstate.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.core.search.SearchDocuments;
import io.opstate.core.search.SearchText;
import io.opstate.jdbc.SearchDialect;
import org.junit.jupiter.api.Test;

/** The FTS5 text and query SQLite is handed: OpState's words as they are, each term an FTS5 string. */
class SqliteSearchSyntaxTest {
    private final SearchDialect search = new SqliteDialect().search();

    @Test
    void aTextIsItsWordsSeparatedBySpaces() {
        assertThat(search.storedWords(SearchDocuments.entry("Deploy failed: disk-full"))).isEqualTo("deploy failed disk full");
    }

    @Test
    void termsAreQuotedStringsJoinedByAndWithAStarAfterAPrefix() {
        assertThat(search.matchQuery(SearchText.terms("deploy \"disk full\" roll* \"it's fu\"*")))
                .isEqualTo("\"deploy\" AND \"disk full\" AND \"roll\"* AND \"it s fu\"*");
        assertThat(search.matchQuery(SearchText.terms("NEAR(a b) OR c:d ^e")))
                .isEqualTo("\"near a\" AND \"b\" AND \"or\" AND \"c d\" AND \"e\"");
    }
}
