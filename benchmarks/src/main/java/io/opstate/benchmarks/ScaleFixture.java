package io.opstate.benchmarks;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Properties;

/**
 * Keeps {@link ScaleFill}'s table between the trials of one scale.sh run, so a million rows are
 * written once per backend and size instead of once per benchmark method (each JMH trial is a
 * fork of its own). Enabled by {@code -Dbench.scale.fixtures=<dir>} (scale.sh sets it and removes
 * everything at the end); without it every trial fills its own table.
 *
 * <p>A trial takes the filled table over, and gives it back at its end after {@link ScaleStore}
 * has put it back as filled (jobs created in the trial deleted, claims requeued):
 * <ul>
 *   <li>SQLite: the whole database file, renamed into the trial's directory and back to
 *       {@code <dir>/sqlite-<rows>.db};</li>
 *   <li>PostgreSQL: the {@code jobs} table, moved with {@code ALTER TABLE ... SET SCHEMA} between
 *       {@code bench} and {@code bench_scale_<rows>} (its indexes and statistics move with it).</li>
 * </ul>
 * {@code <dir>/<backend>-<rows>.properties} describes the fixture (fill time, counts, and a key of
 * the jobs schema, the migration version and the statistics setting); it exists only while the
 * fixture is stashed, so a trial that dies holding the table leaves no fixture and the next trial
 * fills again. A fixture whose key differs (the library's schema changed) or that is older than
 * {@link #MAX_AGE} (the running jobs' leases end an hour after the fill) is filled again.
 */
final class ScaleFixture {
    static final Duration MAX_AGE = Duration.ofMinutes(45);
    private static final String DIR = System.getProperty("bench.scale.fixtures", "");

    private ScaleFixture() {
    }

    static boolean enabled() {
        return !DIR.isBlank();
    }

    static String templateSchema(int rows) {
        return BenchEnv.PG_SCHEMA + "_scale_" + rows;
    }

    private static Path properties(BenchEnv env, int rows) {
        return Path.of(DIR).resolve(env.backend().label() + "-" + rows + ".properties");
    }

    private static Path sqliteFile(int rows) {
        return Path.of(DIR).resolve("sqlite-" + rows + ".db");
    }

    /**
     * Puts a filled table of {@code rows} jobs in place of the empty one of the freshly migrated
     * {@code env}: the stashed fixture when there is a usable one (then returns its description),
     * else null (the caller fills). No connection to the trial's database may be open.
     */
    static ScaleFill.Filled take(BenchEnv env, int rows, String key) throws SQLException {
        if (!enabled()) {
            return null;
        }
        Path props = properties(env, rows);
        if (!Files.isRegularFile(props)) {
            return null;
        }
        Properties described = read(props);
        delete(props); // from here on the fixture is this trial's until it gives it back
        Instant t0 = Instant.parse(described.getProperty("t0"));
        if (!key.equals(described.getProperty("key")) || Instant.now().isAfter(t0.plus(MAX_AGE))) {
            System.out.printf("# scale-fixture: stashed %s fixture of %d rows is stale, filling again%n",
                    env.backend().label(), rows);
            discard(env, rows);
            return null;
        }
        try {
            if (env.backend().postgres()) {
                try (Connection connection = env.connect(false); Statement statement = connection.createStatement()) {
                    connection.setAutoCommit(false);
                    try {
                        statement.execute("DROP TABLE opstate_jobs");
                        statement.execute("ALTER TABLE " + templateSchema(rows) + ".opstate_jobs SET SCHEMA "
                                + BenchEnv.PG_SCHEMA);
                        connection.commit();
                    } catch (SQLException e) {
                        connection.rollback();
                        System.out.printf("# scale-fixture: cannot take the stashed table over (%s), filling%n",
                                e.getMessage());
                        return null;
                    }
                }
            } else {
                if (!Files.isRegularFile(sqliteFile(rows))) {
                    System.out.printf("# scale-fixture: %s is missing, filling%n", sqliteFile(rows));
                    return null;
                }
                Files.deleteIfExists(env.file("opstate.db-wal"));
                Files.deleteIfExists(env.file("opstate.db-shm"));
                Files.move(sqliteFile(rows), env.file("opstate.db"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ScaleFill.Filled(t0, rows, Long.parseLong(described.getProperty("succeeded")),
                Long.parseLong(described.getProperty("failed")), Long.parseLong(described.getProperty("cancelled")),
                ScaleFill.RUNNING, ScaleFill.QUEUED, 0);
    }

    /**
     * Gives the (restored) table back for the next trial. No connection to the trial's database
     * may be open (SQLite: the file must be closed, its log folded in).
     */
    static void giveBack(BenchEnv env, int rows, String key, ScaleFill.Filled filled) throws SQLException {
        if (!enabled()) {
            return;
        }
        try {
            Files.createDirectories(Path.of(DIR));
            if (env.backend().postgres()) {
                try (Connection connection = env.connect(false); Statement statement = connection.createStatement()) {
                    connection.setAutoCommit(false);
                    statement.execute("DROP SCHEMA IF EXISTS " + templateSchema(rows) + " CASCADE");
                    statement.execute("CREATE SCHEMA " + templateSchema(rows));
                    statement.execute("ALTER TABLE opstate_jobs SET SCHEMA " + templateSchema(rows));
                    connection.commit();
                }
            } else {
                if (Files.exists(env.file("opstate.db-wal"))) {
                    throw new IllegalStateException("the SQLite log is still there: a connection is open");
                }
                Files.move(env.file("opstate.db"), sqliteFile(rows), StandardCopyOption.REPLACE_EXISTING);
            }
            Properties described = new Properties();
            described.setProperty("t0", filled.t0().toString());
            described.setProperty("key", key);
            described.setProperty("succeeded", Long.toString(filled.succeeded()));
            described.setProperty("failed", Long.toString(filled.failed()));
            described.setProperty("cancelled", Long.toString(filled.cancelled()));
            Path temporary = properties(env, rows).resolveSibling(properties(env, rows).getFileName() + ".tmp");
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                described.store(out, "ScaleFixture");
            }
            Files.move(temporary, properties(env, rows), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the fixture must match: the jobs table's definition and indexes as the library's
     * migrations made them in {@code connection}'s database, the migration version, the
     * statistics setting. {@code connection}: a fresh, migrated database of the trial.
     */
    static String key(BenchEnv env, Connection connection, String analyze) throws SQLException {
        String schemaSql = env.backend().postgres()
                ? "SELECT (SELECT string_agg(column_name || ' ' || data_type || ' ' || is_nullable, ',' ORDER BY"
                + " ordinal_position) FROM information_schema.columns WHERE table_schema = current_schema()"
                + " AND table_name = 'opstate_jobs') || ';' || (SELECT string_agg(indexdef, ';' ORDER BY indexname)"
                + " FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'opstate_jobs')"
                : "SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_master WHERE tbl_name = 'opstate_jobs'"
                + " AND sql IS NOT NULL ORDER BY name)";
        StringBuilder key = new StringBuilder(analyze).append('|').append(ScaleFill.QUEUED).append('|');
        try (Statement statement = connection.createStatement()) {
            try (ResultSet result = statement.executeQuery(schemaSql)) {
                result.next();
                key.append(result.getString(1)).append('|');
            }
            try (ResultSet result = statement.executeQuery(
                    "SELECT MAX(version) FROM opstate_schema_history WHERE success")) {
                result.next();
                key.append(result.getString(1));
            }
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void discard(BenchEnv env, int rows) throws SQLException {
        if (env.backend().postgres()) {
            try (Connection connection = env.connect(false); Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + templateSchema(rows) + " CASCADE");
            }
        } else {
            delete(sqliteFile(rows));
        }
    }

    private static Properties read(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code ScaleFixture <dir> <rows>...}: removes every fixture scale.sh's run left (the files
     * in {@code dir}, the PostgreSQL template schemas of the given sizes, if the server answers).
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        for (int i = 1; i < args.length; i++) {
            try (Connection connection = DriverManager.getConnection(BenchEnv.PG_URL, BenchEnv.PG_USER, "");
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + templateSchema(Integer.parseInt(args[i].trim())) + " CASCADE");
            } catch (SQLException e) {
                System.err.println("scale: PostgreSQL fixtures not removed: " + e.getMessage());
                break;
            }
        }
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
    }
}
