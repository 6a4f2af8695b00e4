package io.opstate.postgres.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.Datastore;
import io.opstate.MigrationMode;
import io.opstate.Persistence;
import io.opstate.PageRequest;
import io.opstate.PersistenceConfig;
import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.ArtifactCheck;
import io.opstate.artifacts.ArtifactStorage;
import io.opstate.artifacts.NewArtifact;
import io.opstate.constructs.Construct;
import io.opstate.constructs.NewConstruct;
import io.opstate.jobs.Job;
import io.opstate.jobs.NewJob;
import io.opstate.postgres.testing.PostgresTestDatabase;
import io.opstate.search.SearchQuery;
import io.opstate.tokens.CreatedToken;
import io.opstate.tokens.NewToken;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.Driver;

/**
 * The backup docs/operations.md gives for PostgreSQL, tested once: {@code pg_dump} of a store's
 * schema (blobs kept in the database), the schema dropped, {@code pg_restore} of the dump, and the
 * store opens with every record, blob, token and search entry as before.
 */
class PgDumpRestoreTest {
    @RegisterExtension
    static final PostgresTestDatabase POSTGRES = new PostgresTestDatabase();

    @TempDir
    Path dir;

    @Test
    void aStoreDumpedWithPgDumpAndRestoredWithPgRestoreIsWhole() throws Exception {
        String schema = POSTGRES.newSchema();
        PersistenceConfig config = PersistenceConfig.builder(PostgresTestDatabase.url()).schema(schema)
                .artifactStorage(ArtifactStorage.DATABASE).build();
        byte[] content = "a diff bundle\n".repeat(20_000).getBytes(StandardCharsets.UTF_8);
        Job job;
        Construct construct;
        Artifact artifact;
        CreatedToken token;
        try (Datastore store = Persistence.open(config)) {
            job = store.jobs().create(NewJob.of("pull-model"));
            construct = store.constructs().create(NewConstruct.of("agent", "done").withTitle("cobaltine refactor"));
            artifact = store.artifacts().put(NewArtifact.of(construct.id(), "bundle", "change.diff", "text/x-diff"),
                    new ByteArrayInputStream(content));
            token = store.tokens().create(NewToken.of("ci", Set.of("read")));
        }

        Path dump = dir.resolve("store.dump");
        run("pg_dump", "--format=custom", "--schema=" + schema, "--file=" + dump);
        try (Connection connection = PostgresTestDatabase.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA " + schema + " CASCADE");
        }
        assertThatThrownBy(() -> Persistence.open(PersistenceConfig.builder(PostgresTestDatabase.url()).schema(schema)
                .migrationMode(MigrationMode.VALIDATE).build())).as("the schema is gone").isNotNull();
        run("pg_restore", "--dbname=" + database(), dump.toString());

        try (Datastore store = Persistence.open(PersistenceConfig.builder(PostgresTestDatabase.url()).schema(schema)
                .artifactStorage(ArtifactStorage.DATABASE).migrationMode(MigrationMode.VALIDATE).build())) {
            assertThat(store.jobs().get(job.id())).isEqualTo(job);
            assertThat(store.constructs().get(construct.id())).isEqualTo(construct);
            try (InputStream in = store.artifacts().open(artifact.id())) {
                assertThat(in.readAllBytes()).isEqualTo(content);
            }
            assertThat(store.artifacts().checkIntegrity(ArtifactCheck.full()).healthy()).isTrue();
            assertThat(store.tokens().verify(token.secret())).isPresent();
            assertThat(store.search().search(SearchQuery.of("cobaltine"), PageRequest.first()).items())
                    .extracting(hit -> hit.constructId()).containsExactly(construct.id());
            store.jobs().create(NewJob.of("after-restore"));
        }
    }

    /** Runs a PostgreSQL client program against the test server; libpq takes the server from the environment. */
    private static void run(String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        Properties server = Driver.parseURL(PostgresTestDatabase.url(), null);
        env.put("PGHOST", server.getProperty("PGHOST"));
        env.put("PGPORT", server.getProperty("PGPORT"));
        env.put("PGDATABASE", server.getProperty("PGDBNAME"));
        if (server.getProperty("user") != null) {
            env.put("PGUSER", server.getProperty("user"));
        }
        if (server.getProperty("password") != null) {
            env.put("PGPASSWORD", server.getProperty("password"));
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }

    private static String database() {
        return Driver.parseURL(PostgresTestDatabase.url(), null).getProperty("PGDBNAME");
    }
}
