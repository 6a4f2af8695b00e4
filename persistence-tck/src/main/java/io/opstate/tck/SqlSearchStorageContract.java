package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.opstate.Datastore;
import io.opstate.InvalidInputException;
import io.opstate.PageRequest;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.constructs.Construct;
import io.opstate.constructs.ConstructChanges;
import io.opstate.constructs.NewConstruct;
import io.opstate.search.SearchHit;
import io.opstate.search.SearchQuery;
import io.opstate.sessions.NewSession;
import io.opstate.transcripts.NewTranscriptEntry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The search index of a SQL backend as its tables hold it, where the API cannot look: one
 * document per construct and per entry, written by every write path; the words of each document
 * where the backend keeps them (none left behind by a delete or purge); a rebuild of an emptied
 * index; and the migration that indexes a store written before the index existed. Only SQL
 * backends have these tables, so only they extend this contract.
 */
public abstract class SqlSearchStorageContract {
    /** A configuration for a new, empty location (file or schema) no store has used yet. */
    protected abstract PersistenceConfig.Builder freshStore();

    /** A plain JDBC connection to the database (and schema) of {@code config}. */
    protected abstract Connection connect(PersistenceConfig config) throws SQLException;

    /** How many documents' words the backend holds (SQLite: rows of the FTS5 table; PostgreSQL: documents). */
    protected abstract long wordRows(Connection connection) throws SQLException;

    /** Statements that empty the index, as damage or an operator might. */
    protected abstract List<String> emptyIndex();

    /** Statements that drop the index tables, leaving the schema as version 5 had it (the history aside). */
    protected abstract List<String> dropIndex();

    /** Statements undoing what V13 (the history log's follow order) added on this dialect. */
    protected List<String> undoHistoryFollowOrder() {
        return List.of();
    }

    @Test
    @Timeout(120)
    void everyWritePathIndexesEachTextOnce() throws Exception {
        PersistenceConfig config = freshStore().build();
        try (Datastore store = Persistence.open(config)) {
            Construct construct = store.constructs().create(NewConstruct.of("agent", "active").withId("c1")
                    .withTitle("Deploy pipeline").withMetadata("{\"note\":\"quarterly rollout\"}"));
            store.constructs().update("c1", construct.version(), ConstructChanges.none().withTitle("Release train"));
            store.constructs().create(NewConstruct.of("agent", "active").withId("c2"));
            List<String> sessions = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sessions.add(store.sessions().create(NewSession.of(i % 2 == 0 ? "c1" : "c2", "running")
                        .withId("s" + i)).id());
            }
            store.transcripts().append("s0", NewTranscriptEntry.of("user", "alpha bravo"));
            store.transcripts().append("s0", 2, NewTranscriptEntry.of("user", "charlie"));
            store.transcripts().appendAll("s1", IntStream.range(0, 300)
                    .mapToObj(i -> NewTranscriptEntry.of("user", "line " + i + " zulu")).toList());
            // Appends of different sessions at the same moment share the insert under group commit.
            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> appends = new ArrayList<>();
                for (String session : sessions) {
                    appends.add(threads.submit(() -> {
                        for (int i = 0; i < 25; i++) {
                            store.transcripts().append(session, NewTranscriptEntry.of("tool", "yankee " + session));
                        }
                    }));
                }
                for (Future<?> append : appends) {
                    append.get();
                }
            } finally {
                threads.shutdown();
            }

            assertThat(store.search().search(SearchQuery.of("release train"), PageRequest.first(10)).items())
                    .extracting(SearchHit::constructId).containsExactly("c1");
            assertThat(store.search().search(SearchQuery.of("deploy"), PageRequest.first(10)).items()).isEmpty();
            assertThat(store.search().search(SearchQuery.of("yankee"), PageRequest.first(1000)).items()).hasSize(200);
        }
        try (Connection connection = connect(config)) {
            long entries = count(connection, "opstate_transcript_entries");
            assertThat(entries).isEqualTo(2 + 300 + 200);
            assertThat(count(connection, "opstate_search_documents")).isEqualTo(2 + entries);
            assertThat(wordRows(connection)).isEqualTo(2 + entries);
        }
    }

    @Test
    @Timeout(120)
    void aDeleteRemovesTheConstructsTextAtOnceAndThePurgeItsEntries() throws Exception {
        PersistenceConfig config = freshStore().build();
        try (Datastore store = Persistence.open(config)) {
            store.constructs().create(NewConstruct.of("agent", "active").withId("gone").withTitle("vanishing act"));
            store.constructs().create(NewConstruct.of("agent", "active").withId("kept").withTitle("staying"));
            store.sessions().create(NewSession.of("gone", "running").withId("s-gone"));
            store.sessions().create(NewSession.of("kept", "running").withId("s-kept"));
            for (int i = 0; i < 3; i++) {
                store.transcripts().appendAll("s-gone", IntStream.range(0, 1000)
                        .mapToObj(n -> NewTranscriptEntry.of("user", "vanishing " + n)).toList());
            }
            store.transcripts().append("s-kept", NewTranscriptEntry.of("user", "vanishing but kept"));

            assertThat(store.constructs().delete("gone")).isTrue();
            // Found no more from the moment the delete returns, whether or not the purge has run.
            assertThat(store.search().search(SearchQuery.of("vanishing"), PageRequest.first(100)).items())
                    .extracting(SearchHit::sessionId).containsExactly("s-kept");
            store.constructs().purgeDeleted();
        }
        try (Connection connection = connect(config)) {
            assertThat(count(connection, "opstate_search_documents")).isEqualTo(2);
            assertThat(wordRows(connection)).isEqualTo(2);
        }
    }

    @Test
    @Timeout(120)
    void aRebuildIndexesAnEmptiedIndexAgain() throws Exception {
        PersistenceConfig config = freshStore().build();
        try (Datastore store = Persistence.open(config)) {
            fill(store);
            try (Connection connection = connect(config); Statement statement = connection.createStatement()) {
                for (String sql : emptyIndex()) {
                    statement.execute(sql);
                }
            }
            assertThat(store.search().search(SearchQuery.of("hotel"), PageRequest.first(10)).items()).isEmpty();

            assertThat(store.search().rebuildIndex()).isEqualTo(2 + 2_501);
            assertFilled(store);
            // A second rebuild starts from scratch and ends the same.
            assertThat(store.search().rebuildIndex()).isEqualTo(2 + 2_501);
            assertFilled(store);
        }
        try (Connection connection = connect(config)) {
            assertThat(count(connection, "opstate_search_documents")).isEqualTo(2 + 2_501);
            assertThat(wordRows(connection)).isEqualTo(2 + 2_501);
        }
    }

    @Test
    @Timeout(120)
    void aStoreWrittenBeforeTheIndexExistedIsIndexedWhenItOpens() throws Exception {
        PersistenceConfig config = freshStore().build();
        String current;
        try (Datastore store = Persistence.open(config)) {
            fill(store);
            current = store.maintenance().health().schemaVersion();
        }
        try (Connection connection = connect(config); Statement statement = connection.createStatement()) {
            for (String sql : dropIndex()) {
                statement.execute(sql);
            }
            // back to version 5: the versions after the index (artifacts, 8; their blobs, 9; tokens and preferences, 10;
            // resources, 11; maintenance leases, 12; history follow order, 13; retention's indexes, 14;
            // the search index's pending list, 15, and its merge slices, 16, gone with the index) go too
            statement.execute("DROP TABLE opstate_maintenance_leases");
            statement.execute("DROP INDEX opstate_sessions_ended");
            statement.execute("DROP INDEX opstate_constructs_status_updated");
            for (String table : List.of("opstate_resource_changes", "opstate_resource_feed", "opstate_resource_labels",
                    "opstate_resources", "opstate_resource_kind_labels", "opstate_resource_kind_statuses",
                    "opstate_resource_kinds")) {
                statement.execute("DROP TABLE " + table);
            }
            statement.execute("DROP TABLE opstate_preferences");
            statement.execute("DROP TABLE opstate_tokens");
            statement.execute("DROP TABLE opstate_artifact_blob_chunks");
            statement.execute("DROP TABLE opstate_artifact_blobs");
            statement.execute("DROP TABLE opstate_artifact_usage");
            statement.execute("DROP TABLE opstate_artifacts");
            for (String sql : undoHistoryFollowOrder()) {
                statement.execute(sql);
            }
            statement.execute("DELETE FROM opstate_schema_history WHERE version IN ('6', '7', '8', '9', '10', '11', '12', '13', '14', '15', '16')");
        }
        try (Datastore store = Persistence.open(config)) {
            assertThat(store.maintenance().health().schemaVersion()).isEqualTo(current);
            assertFilled(store);
        }
        try (Connection connection = connect(config)) {
            assertThat(count(connection, "opstate_search_documents")).isEqualTo(2 + 2_501);
            assertThat(wordRows(connection)).isEqualTo(2 + 2_501);
        }
    }

    @Test
    void hostileQueryTextIsAnInputErrorOrAPlainSearchNeverADatabaseError() {
        try (Datastore store = Persistence.open(freshStore().build())) {
            store.constructs().create(NewConstruct.of("agent", "active").withId("c").withTitle("or and not near"));
            for (String text : List.of("\"", "\"\"", "*", "**", "a*b*", "OR", "AND NOT", "NEAR(a b)", "a OR b",
                    "-a", "^a", "'", "''", "a'b", "\\", "a:*", "a & b", "a | b", "!a", "a <-> b", "(a", "a)",
                    "title:a", "{a b}", "a + b", "\u0000", "'; DROP TABLE opstate_constructs; --", "\"or\"*",
                    "nEaR", "x\"y", "é*", "日本")) {
                Throwable thrown = catchThrowable(() -> store.search().search(SearchQuery.of(text), PageRequest.first(5)));
                if (thrown != null) {
                    assertThat(thrown).as(text).isInstanceOf(InvalidInputException.class);
                }
            }
            assertThat(store.search().search(SearchQuery.of("OR near"), PageRequest.first(5)).items())
                    .extracting(SearchHit::constructId).containsExactly("c");
            assertThatCode(() -> store.constructs().get("c")).doesNotThrowAnyException();
        }
    }

    /** Two constructs and 2,501 entries: more than two batches of a rebuild. */
    private static void fill(Datastore store) {
        store.constructs().create(NewConstruct.of("agent", "active").withId("c1").withTitle("hotel india"));
        store.constructs().create(NewConstruct.of("agent", "done").withId("c2")
                .withMetadata("{\"tags\":[\"juliet\"]}"));
        store.sessions().create(NewSession.of("c1", "running").withId("s1"));
        for (int i = 0; i < 2; i++) {
            store.transcripts().appendAll("s1", IntStream.range(0, 1000)
                    .mapToObj(n -> NewTranscriptEntry.of("user", "kilo " + n)).toList());
        }
        store.transcripts().appendAll("s1", IntStream.range(0, 500)
                .mapToObj(n -> NewTranscriptEntry.of("user", "lima " + n)).toList());
        store.transcripts().append("s1", NewTranscriptEntry.of("user", "mike hotel"));
    }

    private static void assertFilled(Datastore store) {
        assertThat(store.search().search(SearchQuery.of("hotel"), PageRequest.first(10)).items())
                .extracting(SearchHit::constructId, SearchHit::sequence)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("c1", null),
                        org.assertj.core.groups.Tuple.tuple("c1", 2_501L));
        assertThat(store.search().search(SearchQuery.of("juliet"), PageRequest.first(10)).items())
                .extracting(SearchHit::constructId).containsExactly("c2");
        assertThat(store.search().search(SearchQuery.of("lima 499"), PageRequest.first(10)).items())
                .extracting(SearchHit::sequence).containsExactly(2_500L);
        assertThat(store.search().search(SearchQuery.of("kilo"), PageRequest.first(1000)).nextCursor()).isNotNull();
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
