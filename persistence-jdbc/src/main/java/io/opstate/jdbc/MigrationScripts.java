package io.opstate.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Reads the SQL of a pending migration and names the objects it would create, so a collision
 * with an existing object is found before the migration runs. Knows the statements our
 * migrations use to bring an object into being: {@code CREATE [VIRTUAL] TABLE / INDEX / VIEW / TRIGGER /
 * SEQUENCE} and {@code ALTER ... RENAME TO}.
 */
final class MigrationScripts {
    private static final Pattern LINE_COMMENT = Pattern.compile("--[^\\n]*");
    private static final Pattern CREATED = Pattern.compile(
            "\\bCREATE\\s+(?:UNIQUE\\s+|VIRTUAL\\s+)?(TABLE|INDEX|VIEW|TRIGGER|SEQUENCE)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"
                    + "\"?([A-Za-z_][A-Za-z0-9_]*)\"?", Pattern.CASE_INSENSITIVE);
    private static final Pattern RENAMED = Pattern.compile(
            "\\bALTER\\s+(TABLE|INDEX|VIEW|SEQUENCE)\\s+(?:IF\\s+EXISTS\\s+)?\"?[A-Za-z0-9_]+\"?\\s+RENAME\\s+TO\\s+"
                    + "\"?([A-Za-z_][A-Za-z0-9_]*)\"?", Pattern.CASE_INSENSITIVE);

    private final List<String> locations;
    private final ClassLoader classLoader;

    MigrationScripts(List<String> locations, ClassLoader classLoader) {
        this.locations = locations;
        this.classLoader = classLoader;
    }

    /** The objects {@code migration} creates or renames into being: name to kind, in script order. */
    Map<String, String> createdObjects(MigrationInfo migration) {
        return createdObjects(text(migration));
    }

    static Map<String, String> createdObjects(String sql) {
        String code = LINE_COMMENT.matcher(sql).replaceAll("");
        Map<String, String> created = new LinkedHashMap<>();
        for (Pattern pattern : List.of(CREATED, RENAMED)) {
            Matcher matcher = pattern.matcher(code);
            while (matcher.find()) {
                created.putIfAbsent(matcher.group(2).toLowerCase(Locale.ROOT), matcher.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return created;
    }

    private String text(MigrationInfo migration) {
        try {
            String physical = migration.getPhysicalLocation();
            if (physical != null && !physical.isEmpty() && Files.isRegularFile(Path.of(physical))) {
                return Files.readString(Path.of(physical), StandardCharsets.UTF_8);
            }
            for (String location : locations) {
                if (location.startsWith("classpath:")) {
                    String folder = location.substring("classpath:".length()).replaceAll("^/+|/+$", "");
                    try (InputStream in = classLoader.getResourceAsStream(folder + "/" + migration.getScript())) {
                        if (in != null) {
                            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        }
                    }
                } else if (location.startsWith("filesystem:")) {
                    Path file = Path.of(location.substring("filesystem:".length()), migration.getScript());
                    if (Files.isRegularFile(file)) {
                        return Files.readString(file, StandardCharsets.UTF_8);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read migration " + migration.getScript() + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException("cannot find migration " + migration.getScript() + " in " + locations);
    }
}
