package io.opstate.core.archives;

import io.opstate.InvalidInputException;
import io.opstate.Settings;
import io.opstate.core.backup.BackupKey;
import io.opstate.core.backup.OwnerOnly;
import io.opstate.core.backup.SegmentedAesGcm;
import java.io.InputStream;
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
    private final BackupKey key;

    /** Archives of {@code store}, plain. */
    public CoreArchives(Datastore store) {
        this(store, null);
    }

    /**
     * Archives of {@code store}, encrypted with {@code key} ({@link SegmentedAesGcm}) when it is not
     * null: every export is, and an encrypted archive can be imported.
     */
    public CoreArchives(Datastore store, BackupKey key) {
        this.store = store;
        this.key = key;
    }

    @Override
    public ExportReport export(OutputStream out, ExportSelection selection, ProgressListener progress,
                               Cancellation cancellation) {
        Checks.required("out", out);
        Checks.required("selection", selection);
        Checks.required("progress", progress);
        Checks.required("cancellation", cancellation);
        if (key == null) {
            return new StoreExport(store, JSON, ArchiveEntities.all()).export(out, selection, progress, cancellation);
        }
        try (OutputStream sealed = SegmentedAesGcm.encrypting(new UnclosedOutput(out), key)) {
            return new StoreExport(store, JSON, ArchiveEntities.all()).export(sealed, selection, progress, cancellation);
        } catch (IOException e) {
            throw new UncheckedIOException("the encrypted archive could not be written: " + e.getMessage(), e);
        }
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

    /** Readable and writable by the owner only, where the file system has POSIX permissions. */
    private static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
    }

    @Override
    public ImportReport importArchive(Path from, ImportOptions options, ProgressListener progress,
                                      Cancellation cancellation) {
        Checks.required("from", from);
        Checks.required("options", options);
        Checks.required("progress", progress);
        Checks.required("cancellation", cancellation);
        if (!encrypted(from)) {
            return new StoreImport(store, JSON, ArchiveEntities.all()).importArchive(from, options, progress,
                    cancellation);
        }
        if (key == null) {
            throw new InvalidInputException(Settings.BACKUP_KEY.property(), "is not set, and the archive " + from
                    + " is encrypted: set it to the key the archive was exported with");
        }
        Path plain = null;
        try {
            plain = Files.createTempFile("opstate-import-", ".zip");
            OwnerOnly.restrict(plain);
            try (InputStream in = SegmentedAesGcm.decrypting(Files.newInputStream(from), key);
                 OutputStream out = Files.newOutputStream(plain, StandardOpenOption.TRUNCATE_EXISTING)) {
                in.transferTo(out);
            } catch (IOException e) {
                throw new InvalidInputException("from", "the encrypted archive " + from + " cannot be decrypted: "
                        + e.getMessage() + " (is " + Settings.BACKUP_KEY.property() + " the key it was exported with?)", e);
            }
            return new StoreImport(store, JSON, ArchiveEntities.all()).importArchive(plain, options, progress,
                    cancellation);
        } catch (IOException e) {
            throw new UncheckedIOException("the archive " + from + " could not be decrypted for import: "
                    + e.getMessage(), e);
        } finally {
            if (plain != null) {
                try {
                    Files.deleteIfExists(plain);
                } catch (IOException ignored) {
                    // a temporary file, owner-only, in the system's temporary directory
                }
            }
        }
    }

    /** Whether {@code file} starts as an encrypted OpState file does; a file that cannot be read is left to the import. */
    private static boolean encrypted(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return SegmentedAesGcm.startsEncrypted(in);
        } catch (IOException e) {
            return false;
        }
    }

    /** Leaves the caller's stream open when the encryption around it is closed. */
    private static final class UnclosedOutput extends java.io.FilterOutputStream {
        UnclosedOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
