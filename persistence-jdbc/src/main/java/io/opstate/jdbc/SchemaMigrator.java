package io.opstate.jdbc;

import io.opstate.MigrationFailedException;
import io.opstate.SchemaNotCurrentException;
import io.opstate.MigrationMode;
import io.opstate.SchemaTooNewException;
import io.opstate.jdbc.internal.search.SearchBackfill;
import io.opstate.operations.StoreObserver;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.CoreMigrationType;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.output.ValidateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a SQL backend's schema to the version this library needs, with Flyway and plain SQL
 * migrations, recording them in our own history table {@value #HISTORY_TABLE} (never the
 * host's {@code flyway_schema_history}). What it does depends on {@link MigrationMode}:
 * <ul>
 *   <li>{@code MIGRATE}: applies pending migrations, all in one transaction; before migrating
 *       it takes a {@link SchemaSnapshot} and restores it if a migration fails. A store new to
 *       OpState (no history table yet) gets the newest baseline migration ({@code B<n>__*.sql},
 *       the whole schema at version n) and the versions above it, whatever other tables the
 *       database already holds; a store with history gets the versions it lacks. Before anything
 *       is written, every object the pending migrations would create is looked up
 *       ({@link SchemaObjects}), and one that already exists is refused, named.</li>
 *   <li>{@code VALIDATE}: applies nothing; refuses, listing the pending migrations, unless the
 *       schema is current and matches the migrations.</li>
 *   <li>{@code NONE}: touches and checks nothing.</li>
 * </ul>
 * In every mode but {@code NONE}, a schema at a version newer than any migration this library
 * knows, or with a failed migration on record, is refused and left untouched. Refusals raise
 * {@link MigrationFailedException} naming the migration.
 *
 * <p>Give it its own data source, opened before (and closed apart from) the store's pools:
 * Flyway may need more than one connection at once. Configure, then call {@link #run()} once;
 * not thread-safe.
 */
public final class SchemaMigrator {
    /**
     * The newest schema version the migrations this library ships reach; both SQL dialects ship
     * the same versions. A store whose history records a newer one was upgraded by a newer release.
     */
    public static final int CURRENT_VERSION = 16;

    /** The table that records applied migrations. */
    public static final String HISTORY_TABLE = "opstate_schema_history";

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    /** Description of the marker row that {@link #startEmptyHistory()} writes and deletes at once. */
    private static final String EMPTY_HISTORY_MARKER = "<< OpState: new store >>";

    private final DataSource dataSource;
    private List<String> locations = List.of();
    private MigrationMode mode = MigrationMode.MIGRATE;
    private String schema;
    private SchemaSnapshot.Taker snapshots = () -> SchemaSnapshot.NONE;
    private ClassLoader classLoader = SchemaMigrator.class.getClassLoader();
    private SchemaObjects objects = SchemaObjects.TABLES_FROM_METADATA;
    private SqlDialect dialect;
    private StoreObserver observer = StoreObserver.NONE;

    private SchemaMigrator(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** A migrator working through {@code dataSource}. */
    public static SchemaMigrator forDataSource(DataSource dataSource) {
        return new SchemaMigrator(dataSource);
    }

    /**
     * Where the migrations are, as Flyway locations, e.g. {@code classpath:db/migration/sqlite}.
     * Tests may add a location with a deliberately broken migration.
     */
    public SchemaMigrator locations(List<String> locations) {
        this.locations = List.copyOf(locations);
        return this;
    }

    public SchemaMigrator mode(MigrationMode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
        return this;
    }

    /** The database schema to keep the tables and history in (PostgreSQL); null for the default. */
    public SchemaMigrator schema(String schema) {
        this.schema = schema;
        return this;
    }

    /** How to snapshot the database before migrating it; by default no snapshot. */
    public SchemaMigrator snapshots(SchemaSnapshot.Taker snapshots) {
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        return this;
    }

    /** The class loader that finds {@code classpath:} locations; by default this library's. */
    public SchemaMigrator classLoader(ClassLoader classLoader) {
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
        return this;
    }

    /** How to find an existing object that a migration would collide with; by default tables from JDBC metadata. */
    public SchemaMigrator objects(SchemaObjects objects) {
        this.objects = Objects.requireNonNull(objects, "objects");
        return this;
    }

    /**
     * The dialect of the database, which the migrations written in Java need (version 7, filling
     * the search index); without it they are unknown, and a store that has them is refused.
     */
    public SchemaMigrator dialect(SqlDialect dialect) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        return this;
    }

    /**
     * Who is told of a migration that was applied, with the versions and how long it took; by
     * default nobody.
     */
    public SchemaMigrator observer(StoreObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        return this;
    }

    /**
     * Checks, and in {@code MIGRATE} mode migrates, the schema.
     *
     * @throws MigrationFailedException when the schema is not (and could not be made) current
     */
    public void run() {
        if (mode == MigrationMode.NONE) {
            return;
        }
        Flyway flyway = flyway();
        MigrationInfoService info = info(flyway);
        refuseUnknownState(info);
        MigrationInfo[] pending = info.pending();
        if (pending.length == 0) {
            validate(flyway);
            return;
        }
        if (mode == MigrationMode.VALIDATE) {
            throw new SchemaNotCurrentException(Arrays.stream(pending).map(SchemaMigrator::describe).toList(),
                    "the schema is not current and the migration mode is VALIDATE; pending migrations: "
                            + describeAll(pending) + ". Apply them (migration mode MIGRATE) or let the schema's owner"
                            + " do so.");
        }
        long started = System.nanoTime();
        refuseCollisions(pending);
        SchemaSnapshot snapshot = snapshots.take();
        boolean historyCreated = info.applied().length == 0 && startEmptyHistory();
        migrate(flyway, pending, snapshot, historyCreated);
        observer.migrated(versionOf(info.current()), versionOf(pending[pending.length - 1]),
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** The version a migration reaches as a number, 0 for none; our versions are whole numbers. */
    private static int versionOf(MigrationInfo migration) {
        if (migration == null || migration.getVersion() == null) {
            return 0;
        }
        try {
            return Integer.parseInt(migration.getVersion().getVersion());
        } catch (NumberFormatException notWhole) {
            return 0;
        }
    }

    /**
     * Creates our history table with no row in it, so that Flyway treats the store as new and
     * runs the newest baseline migration even in a database that holds a host's tables (Flyway
     * would otherwise record a baseline marker and replay every version from V1, creating the
     * unprefixed tables of V1 first). Flyway's own {@code baseline} creates the table; its marker
     * row is deleted at once. Returns whether the table was created here.
     */
    private boolean startEmptyHistory() {
        if (historyTableKind().isPresent()) {
            return false;
        }
        try {
            flywayConfiguration().baselineDescription(EMPTY_HISTORY_MARKER).load().baseline();
            execute("DELETE FROM " + qualifiedHistoryTable() + " WHERE description = '" + EMPTY_HISTORY_MARKER + "'");
            return true;
        } catch (FlywayException | SQLException e) {
            throw new MigrationFailedException(null, "cannot create the schema history table " + HISTORY_TABLE
                    + ": " + e.getMessage(), e);
        }
    }

    private Optional<String> historyTableKind() {
        try (Connection connection = dataSource.getConnection()) {
            return objects.kindOf(connection, schema, HISTORY_TABLE);
        } catch (SQLException e) {
            throw new MigrationFailedException(null, "cannot look for the schema history table: " + e.getMessage(), e);
        }
    }

    /**
     * Refuses, before anything is written, a migration that would create an object whose name is
     * taken: a host's own table, or what is left of another tool's. Our objects are all named
     * {@code opstate_*}, so this is rare, and it must never end in a half-applied schema.
     */
    private void refuseCollisions(MigrationInfo[] pending) {
        MigrationScripts scripts = new MigrationScripts(locations, classLoader);
        try (Connection connection = dataSource.getConnection()) {
            for (MigrationInfo migration : pending) {
                if (migration.getType() == CoreMigrationType.JDBC) {
                    // written in Java, it creates no object
                    continue;
                }
                for (Map.Entry<String, String> created : scripts.createdObjects(migration).entrySet()) {
                    Optional<String> existing = objects.kindOf(connection, schema, created.getKey());
                    if (existing.isPresent()) {
                        throw new MigrationFailedException(describe(migration), created.getKey(),
                                "cannot apply migration " + describe(migration) + ": it creates the " + created.getValue()
                                + " " + created.getKey() + ", but " + (schema == null ? "the database" : "schema " + schema)
                                + " already has a " + existing.get() + " of that name. OpState names every object it"
                                + " creates opstate_*; rename or drop that " + existing.get() + ", or give OpState a"
                                + " database or schema of its own. Nothing was written.", null);
                    }
                }
            }
        } catch (SQLException | IllegalStateException e) {
            throw new MigrationFailedException(describe(pending[0]), "cannot check the pending migrations for names"
                    + " already taken: " + e.getMessage(), e);
        }
    }

    private void migrate(Flyway flyway, MigrationInfo[] pending, SchemaSnapshot snapshot, boolean historyCreated) {
        LOG.info("Applying {} schema migration(s): {}", pending.length, describeAll(pending));
        try {
            flyway.migrate();
        } catch (FlywayException e) {
            String failed = e instanceof FlywayValidateException ? null : failedMigration(flyway, pending);
            MigrationFailedException refusal = new MigrationFailedException(failed,
                    (failed == null ? "the schema does not match the migrations: " : "migration " + failed
                            + " failed: ") + e.getMessage() + restoreOutcome(snapshot), e);
            try {
                snapshot.restore();
            } catch (RuntimeException restoreFailure) {
                refusal.addSuppressed(restoreFailure);
            }
            if (historyCreated) {
                dropHistoryIfNothingApplied(refusal);
            }
            throw refusal;
        }
        snapshot.discard();
    }

    /**
     * After a refused first migration, removes the history table this run created, so the
     * database is left as the host had it. Kept when it records anything applied.
     */
    private void dropHistoryIfNothingApplied(MigrationFailedException refusal) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            if (objects.kindOf(connection, schema, HISTORY_TABLE).isEmpty()) {
                return;
            }
            try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + qualifiedHistoryTable())) {
                if (!rows.next() || rows.getLong(1) != 0) {
                    return;
                }
            }
            statement.execute("DROP TABLE " + qualifiedHistoryTable());
        } catch (SQLException e) {
            refusal.addSuppressed(e);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private String qualifiedHistoryTable() {
        return schema == null ? HISTORY_TABLE : '"' + schema + "\"." + HISTORY_TABLE;
    }

    private static String restoreOutcome(SchemaSnapshot snapshot) {
        return snapshot == SchemaSnapshot.NONE
                ? ""
                : " (the database was restored from the snapshot taken before migrating)";
    }

    /** The first migration on record as failed, else the first still pending of those attempted. */
    private static String failedMigration(Flyway flyway, MigrationInfo[] attempted) {
        try {
            MigrationInfo[] now = flyway.info().all();
            for (MigrationInfo migration : now) {
                if (migration.getState().isFailed()) {
                    return describe(migration);
                }
            }
            for (MigrationInfo migration : now) {
                if (migration.getState() == MigrationState.PENDING) {
                    return describe(migration);
                }
            }
        } catch (FlywayException unreadable) {
            LOG.debug("Cannot read the schema history after a failed migration", unreadable);
        }
        return describe(attempted[0]);
    }

    private static void refuseUnknownState(MigrationInfoService info) {
        for (MigrationInfo migration : info.all()) {
            MigrationState state = migration.getState();
            if (state == MigrationState.FUTURE_SUCCESS || state == MigrationState.FUTURE_FAILED) {
                throw new SchemaTooNewException(describe(migration), info.current().getVersion().toString(), CURRENT_VERSION,
                        " (migration " + describe(migration) + " is unknown to this release)", null);
            }
            if (state.isFailed()) {
                throw new MigrationFailedException(describe(migration), "migration " + describe(migration)
                        + " is recorded as failed in " + HISTORY_TABLE + "; repair the schema before opening it."
                        + " Nothing was changed.", null);
            }
        }
    }

    private static void validate(Flyway flyway) {
        ValidateResult result;
        try {
            result = flyway.validateWithResult();
        } catch (FlywayException e) {
            throw new MigrationFailedException(null, "cannot validate the schema: " + e.getMessage(), e);
        }
        if (!result.validationSuccessful) {
            String migration = result.invalidMigrations.isEmpty() ? null
                    : "V" + result.invalidMigrations.get(0).version + " " + result.invalidMigrations.get(0).description;
            throw new MigrationFailedException(migration, "the schema does not match the migrations this library"
                    + " ships: " + result.getAllErrorMessages(), null);
        }
    }

    private static MigrationInfoService info(Flyway flyway) {
        try {
            return flyway.info();
        } catch (FlywayException e) {
            throw new MigrationFailedException(null, "cannot read the schema history: " + e.getMessage(), e);
        }
    }

    private Flyway flyway() {
        return flywayConfiguration().load();
    }

    private FluentConfiguration flywayConfiguration() {
        var configuration = Flyway.configure(classLoader)
                .dataSource(dataSource)
                .locations(locations.toArray(String[]::new))
                .table(HISTORY_TABLE)
                .failOnMissingLocations(true)
                .cleanDisabled(true)
                // One transaction for all pending migrations: a refused upgrade leaves no version half-applied.
                .group(true)
                .baselineVersion("0");
        if (schema != null) {
            configuration.schemas(schema).createSchemas(true);
        }
        if (dialect != null) {
            configuration.javaMigrations(new SearchBackfill(dialect));
        }
        return configuration;
    }

    private static String describe(MigrationInfo migration) {
        return "V" + migration.getVersion() + " " + migration.getDescription();
    }

    private static String describeAll(MigrationInfo[] migrations) {
        return Arrays.stream(migrations)
                .map(m -> describe(m) + " (" + m.getScript() + ")")
                .collect(Collectors.joining(", "));
    }
}
