package io.opstate.sqlite.testing;

import io.opstate.jdbc.internal.search.SearchBackfill;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The SQLite migrations the library ships, and extra migration folders tests add through the provider seam. */
public final class Migrations {
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.*\\.sql");

    private Migrations() {
    }

    /**
     * The highest version among the shipped migrations: the SQL files of the migration folder,
     * read from the folder itself, and the one written in Java (filling the search index).
     */
    public static String latestShippedVersion() {
        try {
            Path folder = Path.of(Migrations.class.getClassLoader().getResource("db/migration/sqlite").toURI());
            try (Stream<Path> files = Files.list(folder)) {
                return files.map(p -> VERSIONED.matcher(p.getFileName().toString()))
                        .filter(Matcher::matches)
                        .map(m -> Integer.parseInt(m.group(1)))
                        .max(Comparator.naturalOrder())
                        .map(sql -> String.valueOf(Math.max(sql, SearchBackfill.VERSION)))
                        .orElseThrow();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes {@code V<version>__<description>.sql} with {@code sql} into {@code folder} and returns
     * the Flyway location of the folder.
     */
    public static String folderWith(Path folder, int version, String description, String sql) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("V" + version + "__" + description + ".sql"), sql, StandardOpenOption.CREATE_NEW);
        return "filesystem:" + folder;
    }
}
