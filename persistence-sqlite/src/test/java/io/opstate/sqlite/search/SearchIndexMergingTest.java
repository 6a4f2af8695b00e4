package io.opstate.sqlite.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PageRequest;
import io.opstate.constructs.NewConstruct;
import io.opstate.search.SearchQuery;
import io.opstate.sessions.NewSession;
import io.opstate.sqlite.testing.SqliteFile;
import io.opstate.transcripts.NewTranscriptEntry;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FTS5 index's merging from schema version 16: automatic merging is off, and each transaction
 * that adds words merges a slice of the index in proportion to them. Without the slices, segments
 * would pile up to FTS5's crisis threshold (16 on one level) before anything merged them.
 */
class SearchIndexMergingTest {
    /** Segments FTS5's 'merge' keeps per level at most before merging them (its usermerge). */
    private static final int USERMERGE = 4;

    @TempDir
    Path folder;

    @Test
    @Timeout(120)
    void transactionsThatEachAddAFewWordsKeepTheIndexToAFewSegmentsPerLevel() throws SQLException {
        Path file = folder.resolve("store.db");
        Random random = new Random(16);
        try (Datastore store = Persistence.open(SqliteFile.url(file))) {
            store.constructs().create(NewConstruct.of("agent", "active").withId("c"));
            store.sessions().create(NewSession.of("c", "running").withId("s"));
            for (int i = 0; i < 600; i++) {
                store.transcripts().append("s", NewTranscriptEntry.of("user", prose(random, i)));
            }
            // 600 transactions, a segment each: fewer than USERMERGE left on each of a few levels
            // (15 here without the slices, the crisis merge of 16 on a level the only merging)
            assertThat(segments(file)).isLessThanOrEqualTo(3 * USERMERGE);
            assertThat(store.search().search(SearchQuery.of("marker599"), PageRequest.first(5)).items()).hasSize(1);
            assertThat(store.search().search(SearchQuery.of("marker0"), PageRequest.first(5)).items()).hasSize(1);
        }
        SearchIndexFile.checkIntegrity(file);
    }

    private static String prose(Random random, int entry) {
        return SearchIndexFile.prose(random) + " marker" + entry;
    }

    private static int segments(Path file) throws SQLException {
        return (int) SearchIndexFile.number(file, "SELECT count(DISTINCT segid) FROM opstate_search_index_idx");
    }
}
