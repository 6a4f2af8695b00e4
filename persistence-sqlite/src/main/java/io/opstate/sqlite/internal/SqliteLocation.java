package io.opstate.sqlite.internal;

import io.opstate.InvalidInputException;
import io.opstate.PersistenceConfig;
import io.opstate.internal.UserText;
import io.opstate.spi.Urls;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where an SQLite store lives, read from its URL: {@code jdbc:sqlite:<path>} (also wrapped, e.g.
 * {@code jdbc:p6spy:sqlite:<path>}), a file path relative to the working directory or absolute.
 * {@code jdbc:sqlite:} with an empty path or {@code jdbc:sqlite::memory:} asks for a temporary
 * store: a fresh file in the system temporary folder, deleted when the store closes. (A true
 * in-memory SQLite database cannot be shared by the separate writer and reader connections.)
 *
 * @param file the database file; null for a temporary store
 */
public record SqliteLocation(Path file) {
    private static final String MARKER = ":sqlite:";

    /**
     * Reads the location from a URL.
     *
     * @throws InvalidInputException naming {@code opstate.url} for a URL this backend cannot use
     */
    public static SqliteLocation parse(String url) {
        int marker = url == null ? -1 : url.toLowerCase(Locale.ROOT).indexOf(MARKER);
        if (marker < 0) {
            throw new InvalidInputException(PersistenceConfig.URL, "not an SQLite URL: " + Urls.shown(url)
                    + "; expected jdbc:sqlite:<path>");
        }
        String path = url.substring(marker + MARKER.length());
        if (path.indexOf('?') >= 0) {
            throw new InvalidInputException(PersistenceConfig.URL, "parameters in " + Urls.shown(url)
                    + " are not supported; SQLite settings come from the OpState configuration");
        }
        if (path.startsWith("file:")) {
            throw new InvalidInputException(PersistenceConfig.URL, "file: URIs are not supported (" + Urls.shown(url)
                    + "); give a plain path, e.g. jdbc:sqlite:data/app.db");
        }
        if (path.isBlank() || path.equals(":memory:")) {
            return new SqliteLocation(null);
        }
        try {
            return new SqliteLocation(Path.of(path).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            // The reason only: the exception's own message repeats the path unescaped.
            throw new InvalidInputException(PersistenceConfig.URL, UserText.quoted(path) + " is not a valid file path: "
                    + e.getReason());
        }
    }

    /** Whether the store is temporary (deleted on close). */
    public boolean temporary() {
        return file == null;
    }
}
