package io.opstate.postgres.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.jobs.NewJob;
import io.opstate.maintenance.IntegrityProblem;
import io.opstate.maintenance.IntegrityReport;
import io.opstate.postgres.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The PostgreSQL checks of the integrity check, on damage provoked behind the store's back: an
 * index left invalid, a foreign key replaced by one not validated, checkpoints of a session that
 * does not exist; and amcheck, reported skipped until it is installed and then run.
 */
class PostgresIntegrityTest {
    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Test
    void amcheckIsSkippedUntilInstalledThenVerifiesEveryIndex() throws Exception {
        String schema = DATABASE.newSchema();
        try (Datastore store = Persistence.open(PersistenceConfig.builder(PostgresTestDatabase.url()).schema(schema)
                .build())) {
            store.jobs().create(NewJob.of("build"));
            IntegrityReport before = store.maintenance().checkIntegrity();
            assertThat(before.ok()).as(before.toString()).isTrue();
            assertThat(before.checks()).contains("constraints validated", "indexes valid");
            assertThat(before.skipped()).anySatisfy(skip -> assertThat(skip).startsWith("amcheck"));
            assertThat(before.skipped()).anySatisfy(skip -> assertThat(skip).startsWith("artifacts"));

            // Installed in the test's schema, so it goes when the schema is dropped.
            execute("CREATE EXTENSION amcheck SCHEMA " + schema);
            IntegrityReport after = store.maintenance().checkIntegrity();
            assertThat(after.ok()).as(after.toString()).isTrue();
            assertThat(after.skipped()).noneSatisfy(skip -> assertThat(skip).startsWith("amcheck"));
            assertThat(after.checks()).contains("amcheck");
        }
    }

    @Test
    void invalidIndexesUnvalidatedConstraintsAndOrphanRowsAreFound() throws Exception {
        String schema = DATABASE.newSchema();
        try (Datastore store = Persistence.open(PersistenceConfig.builder(PostgresTestDatabase.url()).schema(schema)
                .build())) {
            store.jobs().create(NewJob.of("build"));
            execute("UPDATE pg_index SET indisvalid = false WHERE indexrelid = '" + schema
                    + ".opstate_sessions_construct_started'::regclass");
            execute("ALTER TABLE " + schema + ".opstate_artifacts ADD CONSTRAINT artifacts_named_checked"
                    + " CHECK (length(name) > 0) NOT VALID");
            execute("INSERT INTO " + schema + ".opstate_session_checkpoints (session_id, version, state, saved_at)"
                    + " VALUES ('gone-session', 1, '{}', now())");

            IntegrityReport report = store.maintenance().checkIntegrity();
            assertThat(report.damaged()).isTrue();
            assertThat(report.problems()).anySatisfy(problem -> {
                assertThat(problem.severity()).isEqualTo(IntegrityProblem.Severity.ERROR);
                assertThat(problem.area()).isEqualTo("indexes");
                assertThat(problem.detail()).contains("opstate_sessions_construct_started");
            });
            assertThat(report.problems()).anySatisfy(problem -> {
                assertThat(problem.severity()).isEqualTo(IntegrityProblem.Severity.WARNING);
                assertThat(problem.area()).isEqualTo("constraints");
                assertThat(problem.detail()).contains("artifacts_named_checked", "opstate_artifacts");
            });
            assertThat(report.problems()).anySatisfy(problem -> {
                assertThat(problem.area()).isEqualTo("sessions");
                assertThat(problem.detail()).contains("gone-session", "opstate_session_checkpoints");
            });
            assertThat(report.problems()).hasSize(3);
        }
    }

    private static void execute(String sql) throws Exception {
        try (Connection connection = PostgresTestDatabase.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
