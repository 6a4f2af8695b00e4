package io.opstate.sqlite.archives;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.archives.ConflictPolicy;
import io.opstate.archives.ImportOptions;
import io.opstate.operations.Cancellation;
import io.opstate.tck.ChildDeadline;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Child JVM of {@link ArchiveImportCrashTest}: imports an archive under {@code SKIP}, printing each
 * progress report (so the parent knows the import is under way), then {@code imported}. Stops by
 * itself after a minute if nobody kills it.
 *
 * <p>Arguments: store URL, archive file.
 */
public final class CrashingArchiveImport {
    private CrashingArchiveImport() {
    }

    public static void main(String[] args) {
        ChildDeadline.arm(Duration.ofMinutes(1));
        try (Datastore store = Persistence.open(args[0])) {
            store.archives().importArchive(Path.of(args[1]), ImportOptions.of(ConflictPolicy.SKIP), progress -> {
                System.out.println(progress.step() + " " + progress.done());
                System.out.flush();
            }, Cancellation.none());
            System.out.println("imported");
            System.out.flush();
        }
    }

}
