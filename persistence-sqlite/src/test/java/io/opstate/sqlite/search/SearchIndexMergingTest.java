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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
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
        assertThat(integrityCheck(file)).isEqualTo("ok");
    }

    /** About 50 words from a vocabulary with a long tail, as prose has, and a word naming the entry. */
    private static String prose(Random random, int entry) {
        StringJoiner words = new StringJoiner(" ");
        for (int i = 0; i < 50; i++) {
            words.add("w" + (int) Math.floor(Math.pow(20_000, random.nextDouble())));
        }
        return words.add("marker" + entry).toString();
    }

    private static int segments(Path file) throws SQLException {
        try (Connection connection = SqliteFile.connect(file); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(DISTINCT segid) FROM opstate_search_index_idx")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static String integrityCheck(Path file) throws SQLException {
        try (Connection connection = SqliteFile.connect(file); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO opstate_search_index (opstate_search_index, rank) VALUES ('integrity-check', 0)");
            return "ok";
        }
    }
}
