package io.opstate.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.core.search.SearchDocuments;
import io.opstate.core.search.SearchText;
import io.opstate.jdbc.SearchDialect;
import org.junit.jupiter.api.Test;

/** The tsvector and tsquery literals PostgreSQL is handed: OpState's words, quoted, never parsed by the server. */
class PostgresSearchSyntaxTest {
    private final SearchDialect search = new PostgresDialect().search();

    @Test
    void aTextIsEachWordQuotedWithItsPositionFromOne() {
        assertThat(search.storedWords(SearchDocuments.entry("Deploy failed: disk full, deploy again")))
                .isEqualTo("'deploy':1 'failed':2 'disk':3 'full':4 'deploy':5 'again':6");
        assertThat(search.storedWords(SearchDocuments.entry("Café ß 日本"))).isEqualTo("'cafe':1 'ß':2 '日本':3");
        assertThat(search.storedWords("")).isEmpty();
    }

    @Test
    void termsAreJoinedByAndPhrasesByFollowedByAndAPrefixEndsInStar() {
        assertThat(search.matchQuery(SearchText.terms("deploy \"disk full\" roll* \"it's fu\"*")))
                .isEqualTo("'deploy' & 'disk' <-> 'full' & 'roll':* & 'it' <-> 's' <-> 'fu':*");
        assertThat(search.matchQuery(SearchText.terms("a'b OR !c & (d)"))).isEqualTo("'a' <-> 'b' & 'or' & 'c' & 'd'");
    }
}
