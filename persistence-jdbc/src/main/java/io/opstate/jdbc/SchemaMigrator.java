package io.opstate.jdbc;

import io.opstate.MigrationFailedException;
import io.opstate.MigrationMode;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.output.ValidateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a SQL backend's schema to the version this library needs, with Flyway and plain SQL
 * migrations, recording them in our own history table {@value #HISTORY_TABLE} (never the
 * host's {@code flyway_schema_history}). What it does depends on {@link MigrationMode}:
 * <ul>
 *   <li>{@code MIGRATE}: applies pending migrations; before migrating it takes a
 *       {@link SchemaSnapshot} and restores it if a migration fails.</li>
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
    /** The table that records applied migrations. */
    public static final String HISTORY_TABLE = "opstate_schema_history";

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    private final DataSource dataSource;
    private List<String> locations = List.of();
    private MigrationMode mode = MigrationMode.MIGRATE;
    private String schema;
    private SchemaSnapshot.Taker snapshots = () -> SchemaSnapshot.NONE;
    private ClassLoader classLoader = SchemaMigrator.class.getClassLoader();

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
            throw new MigrationFailedException(describe(pending[0]), "the schema is not current and the migration"
                    + " mode is VALIDATE; pending migrations: " + describeAll(pending)
                    + ". Apply them (migration mode MIGRATE) or let the schema's owner do so.", null);
        }
        migrate(flyway, pending, snapshots.take());
    }

    private void migrate(Flyway flyway, MigrationInfo[] pending, SchemaSnapshot snapshot) {
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
            throw refusal;
        }
        snapshot.discard();
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
                throw new MigrationFailedException(describe(migration), "the schema is at version "
                        + info.current().getVersion() + ", newer than this library knows (migration "
                        + describe(migration) + " is unknown to it). Open it with a newer OpState; nothing was"
                        + " changed.", null);
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
        var configuration = Flyway.configure(classLoader)
                .dataSource(dataSource)
                .locations(locations.toArray(String[]::new))
                .table(HISTORY_TABLE)
                .failOnMissingLocations(true)
                .cleanDisabled(true)
                // A host may keep its own tables in the same database: record a baseline below
                // our first migration instead of refusing the non-empty schema, so all ours still run.
                .baselineOnMigrate(true)
                .baselineVersion("0");
        if (schema != null) {
            configuration.schemas(schema).createSchemas(true);
        }
        return configuration.load();
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
