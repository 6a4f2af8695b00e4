package io.opstate.sqlite.internal;

import io.opstate.jdbc.StorageProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdbi.v3.core.Handle;

/** An SQLite store's size: the database file plus its write-ahead log, which holds recent commits. */
final class SqliteProbe implements StorageProbe {
    private final Path file;

    SqliteProbe(Path file) {
        this.file = file;
    }

    @Override
    public String location() {
        return file.toString();
    }

    @Override
    public Long storageBytes(Handle handle) {
        return size(file) + size(file.resolveSibling(file.getFileName() + "-wal"));
    }

    @Override
    public Long walBytes() {
        return size(file.resolveSibling(file.getFileName() + "-wal"));
    }

    private static long size(Path path) {
        try {
            return Files.exists(path) ? Files.size(path) : 0L;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + path, e);
        }
    }
}
