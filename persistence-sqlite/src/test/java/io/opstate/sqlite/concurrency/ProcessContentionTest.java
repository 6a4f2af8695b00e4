package io.opstate.sqlite.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.JobStatus;
import io.opstate.sqlite.testing.SqliteFile;
import io.opstate.tck.ChildJvm;
import io.opstate.tck.StoreSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs, each with its own store on the same file, create and claim jobs at the same time:
 * the file lock is waited for (busy timeout) instead of failing, nothing is lost, and no job is
 * claimed by both.
 */
class ProcessContentionTest {
    private static final int JOBS_EACH = 500;
    private static final Duration LIMIT = Duration.ofSeconds(15);
    private static final Pattern SUMMARY = Pattern.compile("created=(\\d+) claimed=(\\d+)");

    @TempDir
    Path folder;

    @Test
    @Timeout(20)
    void twoProcessesWritingOneFileBothFinishAndLoseNothing() throws Exception {
        Path file = folder.resolve("shared.db");
        String url = SqliteFile.url(file);
        Persistence.open(url).close();

        int claimed = 0;
        try (ChildJvm first = ChildJvm.start(ContendingWriter.class, folder.resolve("a.err"), url, "a", "" + JOBS_EACH);
             ChildJvm second = ChildJvm.start(ContendingWriter.class, folder.resolve("b.err"), url, "b", "" + JOBS_EACH)) {
            for (ChildJvm child : List.of(first, second)) {
                assertThat(child.awaitExit(LIMIT)).as("exit code; stderr:\n%s", child.stderrText()).isZero();
                assertThat(child.stderrText()).doesNotContainIgnoringCase("database is locked")
                        .doesNotContain("SQLITE_BUSY");
                Matcher summary = SUMMARY.matcher(String.valueOf(child.nextLine(Duration.ofSeconds(5))));
                assertThat(summary.matches()).isTrue();
                claimed += Integer.parseInt(summary.group(2));
            }
        }

        assertThat(claimed).as("claims made by both processes").isEqualTo(2 * JOBS_EACH);
        assertThat(SqliteFile.integrityCheck(file)).containsExactly("ok");
        try (Datastore store = Persistence.open(url)) {
            List<Job> jobs = StoreSnapshot.readAll(page -> store.jobs().list(JobQuery.all(), page));
            assertThat(jobs).hasSize(2 * JOBS_EACH);
            assertThat(jobs).allSatisfy(job -> {
                assertThat(job.status()).as("status of %s", job.id()).isEqualTo(JobStatus.SUCCEEDED);
                assertThat(job.attempts()).as("claims of %s", job.id()).isEqualTo(1);
            });
            assertThat(jobs).extracting(Job::workerId).containsOnly("a", "b");
        }
    }
}
