package io.opstate.sqlite.internal;

import io.opstate.StorageUnavailableException;
import io.opstate.internal.UserText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The files of one SQLite database: the main file and its {@code -wal} and {@code -shm} companions. */
final class SqliteFiles {
    private SqliteFiles() {
    }

    /**
     * Makes sure the database file can be created or written: creates its parent folder when
     * missing, and refuses a directory or a read-only file or folder.
     *
     * @throws StorageUnavailableException naming the path when it cannot be used
     */
    static void prepare(Path file) {
        Path folder = file.getParent();
        try {
            Files.createDirectories(folder);
        } catch (IOException | SecurityException e) {
            throw unusable(file, "its folder " + shown(folder) + " cannot be created (" + e.getClass().getSimpleName() + ": " + shown(e) + ")", e);
        }
        if (Files.isDirectory(file)) {
            throw unusable(file, "it is a directory", null);
        }
        if (Files.exists(file) ? !Files.isWritable(file) : !Files.isWritable(folder)) {
            throw unusable(file, Files.exists(file) ? "the file is not writable" : "its folder is not writable", null);
        }
    }

    /** A fresh file name in a new private temporary folder. */
    static Path temporary() {
        try {
            return Files.createTempDirectory("opstate-sqlite-").resolve("store.db");
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot create a temporary SQLite store: " + e.getMessage(), e);
        }
    }

    /** The database file with its write-ahead log and shared-memory index. */
    static List<Path> withCompanions(Path file) {
        return List.of(file, sibling(file, "-wal"), sibling(file, "-shm"));
    }

    static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    /** Deletes the database, its companions and the temporary folder holding them. */
    static void deleteTemporary(Path file) throws IOException {
        for (Path path : withCompanions(file)) {
            Files.deleteIfExists(path);
        }
        Files.deleteIfExists(file.getParent());
    }

    static StorageUnavailableException unusable(Path file, String reason, Throwable cause) {
        return new StorageUnavailableException("cannot use SQLite database " + shown(file) + ": " + reason, cause);
    }

    /** A path for a message or log line: it comes from the configured URL, so line breaks are escaped. */
    static String shown(Path path) {
        return UserText.escaped(String.valueOf(path));
    }

    /** An I/O error's message for a message of ours: it may repeat a path, so it is escaped and cut. */
    static String shown(Exception e) {
        return UserText.shown(e.getMessage(), 300);
    }
}
