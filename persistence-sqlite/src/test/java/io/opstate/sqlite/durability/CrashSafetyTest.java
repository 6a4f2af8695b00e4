package io.opstate.sqlite.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.jobs.JobQuery;
import io.opstate.sqlite.testing.SqliteFile;
import io.opstate.tck.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A child JVM writing jobs is killed with SIGKILL in the middle of its work; every job it
 * acknowledged (printed after the create call returned) is in the file afterwards, and the file
 * passes SQLite's integrity check. A process crash must lose nothing acknowledged at either
 * durability level (NORMAL risks the last commits only on an operating-system crash).
 */
class CrashSafetyTest {
    private static final int ACKNOWLEDGED = 300;
    private static final Duration CHILD_LIMIT = Duration.ofSeconds(12);

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"NORMAL", "FULL"})
    @Timeout(20)
    void everyAcknowledgedWriteSurvivesSigkill(String durability) throws Exception {
        Path file = folder.resolve("crash-" + durability + ".db");
        List<String> acknowledged = new ArrayList<>();
        try (ChildJvm child = ChildJvm.start(CrashingWriter.class, folder.resolve("child.err"),
                SqliteFile.url(file), durability, String.valueOf(CHILD_LIMIT.toSeconds()))) {
            while (acknowledged.size() < ACKNOWLEDGED) {
                String id = child.nextLine(CHILD_LIMIT);
                assertThat(id).as("the child stopped early; its stderr:\n%s", child.stderrText()).isNotNull();
                acknowledged.add(id);
            }
            child.kill();
        }

        assertThat(SqliteFile.integrityCheck(file)).containsExactly("ok");
        try (Datastore reopened = Persistence.open(SqliteFile.url(file))) {
            List<String> missing = acknowledged.stream()
                    .filter(id -> reopened.jobs().find(id).isEmpty())
                    .toList();
            assertThat(missing).as("acknowledged but lost").isEmpty();
            long stored = reopened.jobs().countByStatus(JobQuery.all()).values().stream().mapToLong(Long::longValue).sum();
            assertThat(stored).isGreaterThanOrEqualTo(ACKNOWLEDGED);
        }
    }
}
