package io.opstate.sqlite.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobStatus;
import io.opstate.sqlite.testing.SampleData;
import io.opstate.sqlite.testing.SqliteFile;
import io.opstate.tck.JsonAssert;
import io.opstate.tck.StoreSnapshot;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What one store wrote, a new store on the same file reads back after the first was closed. */
class DurabilityTest {
    @TempDir
    Path folder;

    @Test
    void everyRecordIsReadBackEqualAfterReopening() {
        String url = SqliteFile.url(folder.resolve("durable.db"));
        StoreSnapshot written;
        try (Datastore store = Persistence.open(url)) {
            SampleData.populate(store);
            written = StoreSnapshot.of(store);
        }
        assertThat(written.jobs()).hasSize(7);
        assertThat(written.jobCounts()).containsEntry(JobStatus.RUNNING, 1L).containsEntry(JobStatus.QUEUED, 3L);

        try (Datastore reopened = Persistence.open(url)) {
            assertThat(StoreSnapshot.of(reopened)).isEqualTo(written);
            SampleData.assertReadBack(reopened);
        }
    }

    @Test
    void aJobMidLifecycleCarriesOnInTheReopenedStore() {
        String url = SqliteFile.url(folder.resolve("lifecycle.db"));
        long token;
        try (Datastore store = Persistence.open(url)) {
            token = SampleData.populate(store);
        }
        try (Datastore reopened = Persistence.open(url)) {
            Job running = reopened.jobs().get("job-running");
            assertThat(running.fencingToken()).isEqualTo(token);
            assertThat(running.bytesDone()).isEqualTo(512);
            assertThat(running.stage()).isEqualTo("copying");
            assertThat(running.leaseExpiresAt()).isAfter(running.startedAt());

            Job done = reopened.jobs().complete("job-running", token, "{\"after\": \"reopen\"}");
            assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
            JsonAssert.assertJsonEquals("{\"after\":\"reopen\"}", done.result());
            assertThat(reopened.jobs().claimNext("w", Set.of("job-retried-type"), SampleData.LEASE))
                    .as("the retried job waits for its retry time").isEmpty();
        }
    }
}
