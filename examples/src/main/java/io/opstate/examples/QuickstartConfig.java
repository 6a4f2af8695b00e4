package io.opstate.examples;

import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.spi.DatastoreProvider;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Where the quickstart keeps its state. The environment decides ({@code OPSTATE_URL},
 * {@code OPSTATE_POOL_MAX_SIZE}, ...); without {@code OPSTATE_URL} it picks the embedded
 * default among the backends on the classpath.
 */
final class QuickstartConfig {
    static final String SQLITE_URL = "jdbc:sqlite:data/quickstart.db";
    static final String MEMORY_URL = "memory:";

    private QuickstartConfig() {
    }

    /** The configuration from {@code environment}, on top of the default URL. */
    static PersistenceConfig fromEnvironment(Map<String, String> environment) {
        Properties defaults = new Properties();
        defaults.setProperty(PersistenceConfig.URL, defaultUrl(Persistence.providers()));
        return PersistenceConfig.load(defaults, environment);
    }

    /** An SQLite file when that backend is present, else an in-memory store. */
    static String defaultUrl(List<DatastoreProvider> providers) {
        boolean sqlitePresent = providers.stream().anyMatch(p -> p.name().equals("sqlite"));
        return sqlitePresent ? SQLITE_URL : MEMORY_URL;
    }

    /** A note for the user on what the chosen backend means for their data. */
    static String describe(String backendName) {
        return switch (backendName) {
            case "memory" -> " (in memory: everything is gone when the program exits;"
                    + " add io.opstate:persistence-sqlite for a file)";
            case "sqlite" -> " (a file: run again and the previous runs are still there; open it with sqlite3)";
            default -> "";
        };
    }
}
