package io.opstate.sqlite.cache;

import static io.opstate.tck.OtherProcessWrites.APPENDED;
import static io.opstate.tck.OtherProcessWrites.DELETED;
import static io.opstate.tck.OtherProcessWrites.GONE;
import static io.opstate.tck.OtherProcessWrites.RENAMED;
import static io.opstate.tck.OtherProcessWrites.TITLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.Datastore;
import io.opstate.NotFoundException;
import io.opstate.Persistence;
import io.opstate.constructs.NewConstruct;
import io.opstate.sqlite.testing.SqliteFile;
import io.opstate.tck.ChildJvm;
import io.opstate.tck.OtherProcessWrites;
import io.opstate.transcripts.TranscriptEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite read cache is exact across processes: after another process committed, the next
 * read of this one, answered from a cache filled before, shows the change.
 */
class ProcessCacheTest {
    @TempDir
    Path folder;

    @Test
    @Timeout(60)
    void anotherProcessesWritesAreReadAtOnce() throws Exception {
        anotherProcessWritesThen(store -> { });
    }

    /**
     * This store's own commit, after the other process's, must not be taken for the only change:
     * the cache tells its own commits from others' to keep its values across them.
     */
    @Test
    @Timeout(60)
    void anotherProcessesWritesAreReadAfterAWriteOfOurs() throws Exception {
        anotherProcessWritesThen(store -> store.constructs().create(NewConstruct.of("feature", "active")));
    }

    private void anotherProcessWritesThen(Consumer<Datastore> ours) throws Exception {
        String url = SqliteFile.url(folder.resolve("shared.db"));
        try (Datastore store = Persistence.open(url)) {
            OtherProcessWrites.seed(store);
            // Cached now, and read again so that a second read is served from the cache.
            for (int i = 0; i < 2; i++) {
                assertThat(store.constructs().get(RENAMED).title()).isNull();
                assertThat(store.constructs().find(DELETED)).isPresent();
                assertThat(store.transcripts().last(APPENDED, 1)).extracting(TranscriptEntry::content)
                        .containsExactly("first");
                assertThat(store.transcripts().last(GONE, 1)).hasSize(1);
            }

            try (ChildJvm other = ChildJvm.start(OtherProcessWrites.class, folder.resolve("other.err"), url)) {
                assertThat(other.awaitExit(Duration.ofSeconds(40))).as("stderr:\n%s", other.stderrText()).isZero();
                assertThat(other.nextLine(Duration.ofSeconds(5))).isEqualTo("done");
            }
            ours.accept(store);

            assertThat(store.constructs().get(RENAMED).title()).isEqualTo(TITLE);
            assertThat(store.constructs().get(RENAMED).version()).isEqualTo(2);
            assertThat(store.transcripts().last(APPENDED, 2)).extracting(TranscriptEntry::content)
                    .containsExactly("first", TITLE);
            assertThat(store.constructs().find(DELETED)).isEmpty();
            assertThatThrownBy(() -> store.transcripts().last(GONE, 1)).isInstanceOf(NotFoundException.class);
        }
    }
}
