package io.opstate.core.archives;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opstate.Datastore;
import io.opstate.archives.Archives;
import io.opstate.archives.ExportReport;
import io.opstate.archives.ExportSelection;
import io.opstate.archives.ImportOptions;
import io.opstate.archives.ImportReport;
import io.opstate.core.Checks;
import io.opstate.core.Ids;
import io.opstate.operations.Cancellation;
import io.opstate.operations.ProgressListener;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@link Archives} over any {@link Datastore}: the same format and the same code for every
 * backend, reading and writing only through the public API. Thread-safe.
 */
public final class CoreArchives implements Archives {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final Datastore store;

    public CoreArchives(Datastore store) {
        this.store = store;
    }

    @Override
    public ExportReport export(OutputStream out, ExportSelection selection, ProgressListener progress,
                               Cancellation cancellation) {
        Checks.required("out", out);
        Checks.required("selection", selection);
        Checks.required("progress", progress);
        Checks.required("cancellation", cancellation);
        return new StoreExport(store, JSON, ArchiveEntities.all()).export(out, selection, progress, cancellation);
    }

    /** Written beside {@code to} with owner-only permissions, then moved onto it in one step. */
    @Override
    public ExportReport export(Path to, ExportSelection selection, ProgressListener progress,
                               Cancellation cancellation) {
        Checks.required("to", to);
        Path absolute = to.toAbsolutePath();
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial-" + Ids.newId());
        try {
            createOwnerOnly(partial);
            ExportReport report;
            try (OutputStream out = new java.io.BufferedOutputStream(
                    Files.newOutputStream(partial, StandardOpenOption.WRITE), 1 << 16)) {
                report = export(out, selection, progress, cancellation);
            }
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException("the archive " + to + " could not be written: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the partial file is named as such; what failed first is what the caller needs
            }
        }
    }

    private static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw e;
        }
    }

    @Override
    public ImportReport importArchive(Path from, ImportOptions options, ProgressListener progress,
                                      Cancellation cancellation) {
        Checks.required("from", from);
        Checks.required("options", options);
        Checks.required("progress", progress);
        Checks.required("cancellation", cancellation);
        return new StoreImport(store, JSON, ArchiveEntities.all()).importArchive(from, options, progress,
                cancellation);
    }
}
