package io.opstate.tck;

import io.opstate.Datastore;
import io.opstate.archives.ArchiveConflictException;
import io.opstate.archives.ConflictPolicy;
import io.opstate.archives.ExportSelection;
import io.opstate.archives.ImportOptions;
import io.opstate.archives.ImportReport;
import io.opstate.operations.Cancellation;
import io.opstate.operations.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The import of an archive ({@link io.opstate.archives.Archives#importArchive}) with hostile
 * arguments: null ones, a missing file, a folder, a file that is no zip, and the archive of the
 * seeded store under every policy. Every archive record is in the seeded store, so a valid
 * import under {@code FAIL} is a conflict and under any other policy a report.
 */
final class HostileArchiveCalls {
    private HostileArchiveCalls() {
    }

    /** Files in {@code folder}: the seeded store's archive, and a file that is not one. */
    record Files4Archives(Path archive, Path notAZip, Path missing, Path folder) {
        static Files4Archives into(Datastore store, Path folder) {
            try {
                Path archive = folder.resolve("seed.zip");
                store.archives().export(archive, ExportSelection.wholeStore(), ProgressListener.NONE,
                        Cancellation.none());
                Path notAZip = Files.writeString(folder.resolve("notes.zip"), "not a zip");
                return new Files4Archives(archive, notAZip, folder.resolve("missing.zip"), folder);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static Map<String, Function<HostileRecords, HostileCall>> all(Files4Archives files) {
        Map<String, Function<HostileRecords, HostileCall>> calls = new LinkedHashMap<>();
        calls.put("archives().importArchive", r -> {
            HostileRecords.Plan plan = r.arguments(4);
            HostileValues v = r.values();
            Path from = plan.field(0, "from", () -> path(r, files), files.archive());
            ConflictPolicy policy = plan.field(1, "policy", () -> v.choice(ConflictPolicy.class), ConflictPolicy.SKIP);
            ImportOptions options = policy == null ? null : new ImportOptions(policy, v.chance(50), 3);
            ProgressListener listener = plan.field(2, "progress", () -> v.chance(50)
                    ? Hostile.of(null, "null listener") : Hostile.of(ProgressListener.NONE, "NONE"), ProgressListener.NONE);
            Cancellation cancellation = plan.field(3, "cancellation", () -> v.chance(50)
                    ? Hostile.of(null, "null cancellation") : Hostile.of(Cancellation.none(), "none"), Cancellation.none());
            Outcome ifValid = policy == ConflictPolicy.FAIL ? Outcome.fails(ArchiveConflictException.class)
                    : Outcome.returns("the report", result -> result instanceof ImportReport);
            return HostileCall.writing("importArchive(" + plan.label() + ")",
                    s -> s.archives().importArchive(from, options, listener, cancellation), ifValid);
        });
        return calls;
    }

    private static Hostile<Path> path(HostileRecords r, Files4Archives files) {
        return switch (r.values().random().nextInt(4)) {
            case 0 -> Hostile.of(null, "null path");
            case 1 -> Hostile.of(files.missing(), "missing file");
            case 2 -> Hostile.of(files.notAZip(), "not a zip");
            default -> Hostile.of(files.folder(), "a folder");
        };
    }
}
