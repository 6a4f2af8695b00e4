package io.opstate.sqlite.purge;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.constructs.NewConstruct;
import io.opstate.sessions.NewSession;
import io.opstate.sqlite.testing.SqliteFile;
import io.opstate.transcripts.NewTranscriptEntry;
import io.opstate.transcripts.TranscriptEntry;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rows of a deleted construct's sessions are purged in batches after the delete, and a purge
 * a crash cut short (the delete committed, some or none of the batches) resumes when the store is
 * opened again, in the background, or on {@code purgeDeleted()}. Rows of other sessions stay.
 */
class PurgeResumeTest {
    private static final int ENTRIES = 23_456;

    @TempDir
    Path folder;

    private Path file;
    private String url;

    @BeforeEach
    void twoConstructs() {
        file = folder.resolve("store.db");
        url = SqliteFile.url(file);
        try (Datastore store = Persistence.open(url)) {
            for (String construct : new String[] {"c1", "c2"}) {
                store.constructs().create(NewConstruct.of("feature", "active").withId(construct));
            }
            store.sessions().create(NewSession.of("c1", "running").withId("s1"));
            store.sessions().create(NewSession.of("c2", "running").withId("kept"));
            for (int from = 0; from < ENTRIES; from += 1000) {
                store.transcripts().appendAll("s1", IntStream.range(from, Math.min(ENTRIES, from + 1000))
                        .mapToObj(i -> NewTranscriptEntry.of("user", "m" + i)).toList());
            }
            for (int version = 0; version < 4; version++) {
                store.sessions().saveState("s1", version, "{\"v\": " + version + "}");
            }
            store.transcripts().append("kept", NewTranscriptEntry.of("user", "mine"));
            store.sessions().saveState("kept", 0, "{}");
        }
    }

    @Test
    @Timeout(60)
    void aPurgeLeftByACrashResumesWhenTheStoreOpens() throws Exception {
        // What a crash leaves: the delete committed, and one batch of the purge.
        SqliteFile.execute(file,
                "INSERT INTO opstate_session_purges (session_id, construct_id, requested_at)"
                        + " SELECT id, construct_id, created_at FROM opstate_sessions WHERE construct_id = 'c1'",
                "DELETE FROM opstate_sessions WHERE construct_id = 'c1'",
                "DELETE FROM opstate_constructs WHERE id = 'c1'",
                "DELETE FROM opstate_transcript_entries WHERE session_id = 's1' AND sequence <= 10000");

        try (Datastore store = Persistence.open(url)) {
            awaitPurged();
            assertThat(store.constructs().purgeDeleted()).isZero();
            assertThat(store.transcripts().stream("kept")).extracting(TranscriptEntry::content).containsExactly("mine");
            assertThat(store.sessions().checkpoints("kept")).hasSize(1);
        }
        assertThat(rows("opstate_transcript_entries WHERE session_id = 'kept'")).isEqualTo(1);
    }

    @Test
    @Timeout(60)
    void aDeleteIsPurgedInTheBackgroundOrByPurgeDeleted() throws Exception {
        try (Datastore store = Persistence.open(url)) {
            assertThat(store.constructs().delete("c1")).isTrue();
            long purged = store.constructs().purgeDeleted();
            assertThat(purged).isBetween(0L, ENTRIES + 4L);
            assertThat(store.constructs().purgeDeleted()).isZero();
            assertThat(rows("opstate_transcript_entries WHERE session_id = 's1'")).isZero();
            assertThat(rows("opstate_session_checkpoints WHERE session_id = 's1'")).isZero();
            assertThat(rows("opstate_session_purges")).isZero();
        }
    }

    @Test
    @Timeout(60)
    void purgeDeletedCountsTheRowsItRemoves() throws Exception {
        try (Datastore store = Persistence.open(url)) {
            // Inside a transaction the background purge cannot see the delete: the count is exact.
            long purged = store.inTransaction(transaction -> {
                transaction.constructs().delete("c1");
                return transaction.constructs().purgeDeleted();
            });
            assertThat(purged).isEqualTo(ENTRIES + 4L);
        }
        assertThat(rows("opstate_transcript_entries")).isEqualTo(1);
        assertThat(rows("opstate_session_checkpoints")).isEqualTo(1);
    }

    @Test
    @Timeout(60)
    void aDeleteInsideATransactionIsPurgedOnceItCommits() throws Exception {
        try (Datastore store = Persistence.open(url)) {
            store.useTransaction(transaction -> {
                transaction.constructs().delete("c1");
                transaction.transcripts().append("kept", NewTranscriptEntry.of("user", "after"));
            });
            awaitPurged();
            assertThat(rows("opstate_transcript_entries WHERE session_id = 'kept'")).isEqualTo(2);
        }
    }

    @Test
    @Timeout(60)
    void closingStopsAPurgeThatTheNextOpenFinishes() throws Exception {
        try (Datastore store = Persistence.open(url)) {
            assertThat(store.constructs().delete("c1")).isTrue();
        }
        // However far the purge got before the close: its record goes only with the session's last row.
        if (rows("opstate_transcript_entries WHERE session_id = 's1'") > 0) {
            assertThat(rows("opstate_session_purges")).isEqualTo(1);
        }
        try (Datastore reopened = Persistence.open(url)) {
            awaitPurged();
            assertThat(reopened.transcripts().count("kept")).isEqualTo(1);
        }
    }

    private void awaitPurged() throws SQLException, InterruptedException {
        while (rows("opstate_session_purges") > 0 || rows("opstate_transcript_entries WHERE session_id = 's1'") > 0) {
            Thread.sleep(20);
        }
        assertThat(rows("opstate_session_checkpoints WHERE session_id = 's1'")).isZero();
    }

    private long rows(String tableAndCondition) throws SQLException {
        return Long.parseLong(SqliteFile.strings(file, "SELECT COUNT(*) FROM " + tableAndCondition).get(0));
    }
}
