package io.opstate.sqlite.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.PageRequest;
import io.opstate.Persistence;
import io.opstate.constructs.NewConstruct;
import io.opstate.maintenance.OptimizeReport;
import io.opstate.maintenance.VacuumMode;
import io.opstate.operations.Cancellation;
import io.opstate.operations.ProgressListener;
import io.opstate.search.SearchQuery;
import io.opstate.sessions.NewSession;
import io.opstate.sqlite.testing.SqliteFile;
import io.opstate.transcripts.NewTranscriptEntry;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deleting a text only marks its words deleted in the index's segments; with nothing written after
 * a purge, only maintenance's optimisation merges those segments and gives their space back.
 */
class SearchIndexCompactionTest {
    private static final String MERGE = "INSERT INTO opstate_search_index (opstate_search_index, rank)"
            + " VALUES ('merge', 200)";

    @TempDir
    Path folder;

    @Test
    @Timeout(120)
    void optimizeMergesAwayTheWordsOfPurgedEntries() throws Exception {
        Path file = folder.resolve("store.db");
        Random random = new Random(17);
        try (Datastore store = Persistence.open(SqliteFile.url(file))) {
            store.constructs().create(NewConstruct.of("agent", "active").withId("kept"));
            store.sessions().create(NewSession.of("kept", "running").withId("kept-session"));
            store.constructs().create(NewConstruct.of("agent", "active").withId("gone"));
            for (int session = 0; session < 4; session++) {
                store.sessions().create(NewSession.of("gone", "running").withId("gone-" + session));
            }
            for (int i = 0; i < 200; i++) {
                store.transcripts().appendAll("gone-" + (i % 4), entries(random, "gonemarker" + i, 10));
                if (i % 20 == 0) {
                    store.transcripts().appendAll("kept-session", entries(random, "keptmarker" + i, 1));
                }
            }
            store.constructs().delete("gone");
            awaitPurged(file);
            long before = indexBytes(file);

            OptimizeReport report = store.maintenance().optimize(VacuumMode.NONE, ProgressListener.NONE,
                    Cancellation.none());

            // 2,000 entries' words deleted against 10 kept: what is left is a small part of the index
            assertThat(indexBytes(file)).as("index bytes before: %s", before).isLessThan(before / 5);
            // a run that merged, then one that found nothing left
            assertThat(report.steps()).filteredOn(MERGE::equals).hasSizeGreaterThanOrEqualTo(2);
            assertThat(store.search().search(SearchQuery.of("keptmarker180"), PageRequest.first(5)).items())
                    .hasSize(1);
            assertThat(store.search().search(SearchQuery.of("gonemarker7"), PageRequest.first(5)).items()).isEmpty();
        }
        SearchIndexFile.checkIntegrity(file);
    }

    @Test
    @Timeout(120)
    void theIncrementalVacuumGivesBackThePagesTheMergeFreed() throws Exception {
        Path file = folder.resolve("vacuum.db");
        Random random = new Random(18);
        try (Datastore store = Persistence.open(SqliteFile.url(file))) {
            // the first incremental optimisation switches the file to incremental auto-vacuum
            store.maintenance().optimize(VacuumMode.INCREMENTAL, ProgressListener.NONE, Cancellation.none());
            store.constructs().create(NewConstruct.of("agent", "active").withId("gone"));
            store.sessions().create(NewSession.of("gone", "running").withId("gone-session"));
            for (int i = 0; i < 200; i++) {
                store.transcripts().appendAll("gone-session", entries(random, "gonemarker" + i, 10));
            }
            store.constructs().delete("gone");
            awaitPurged(file);
            // the purge's own free pages given back: none is free when the optimisation is planned
            SearchIndexFile.run(file, "PRAGMA incremental_vacuum");
            assertThat(SearchIndexFile.number(file, "PRAGMA freelist_count")).isZero();

            OptimizeReport report = store.maintenance().optimize(VacuumMode.INCREMENTAL, ProgressListener.NONE,
                    Cancellation.none());

            assertThat(report.steps()).contains("PRAGMA incremental_vacuum(2000)");
            assertThat(SearchIndexFile.number(file, "PRAGMA freelist_count")).isZero();
        }
    }

    @Test
    void optimizeOfAStoreWithNothingToMergeRunsTheMergeOnce() {
        try (Datastore store = Persistence.open(SqliteFile.url(folder.resolve("empty.db")))) {
            OptimizeReport report = store.maintenance().optimize(VacuumMode.NONE, ProgressListener.NONE,
                    Cancellation.none());

            assertThat(report.steps()).containsExactly("PRAGMA optimize", MERGE);
        }
    }

    /** {@code count} entries of about 50 words, the first holding {@code marker}. */
    private static List<NewTranscriptEntry> entries(Random random, String marker, int count) {
        List<NewTranscriptEntry> entries = new ArrayList<>();
        for (int e = 0; e < count; e++) {
            entries.add(NewTranscriptEntry.of("user", SearchIndexFile.prose(random) + (e == 0 ? " " + marker : "")));
        }
        return entries;
    }

    /** Waits, at most a minute, for the deleted construct's sessions to be purged. */
    private static void awaitPurged(Path file) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (SearchIndexFile.number(file, "SELECT count(*) FROM opstate_session_purges") > 0) {
            assertThat(System.nanoTime()).as("purged within a minute").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static long indexBytes(Path file) throws SQLException {
        return SearchIndexFile.number(file, "SELECT sum(length(block)) FROM opstate_search_index_data");
    }
}
