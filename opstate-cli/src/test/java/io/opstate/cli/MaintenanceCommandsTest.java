package io.opstate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.cli.testing.OneOfEverything;
import io.opstate.postgres.testing.PostgresTestDatabase;
import io.opstate.tck.SettableClock;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code opstate check}, {@code optimize} and {@code stats} on SQLite and PostgreSQL stores holding one of everything. */
class MaintenanceCommandsTest {
    @RegisterExtension
    static final PostgresTestDatabase POSTGRES = new PostgresTestDatabase();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void checkPassesOnASoundStoreAndFailsNamingAMissingBlob() throws IOException {
        String url = populatedSqlite();
        assertThat(run("check", "--url", url)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("PRAGMA integrity_check", "PRAGMA foreign_key_check", "artifacts",
                "problems: 0").endsWith("ok" + System.lineSeparator());
        assertThat(err.toString()).contains("integrity-check: artifacts");

        try (Stream<Path> blobs = Files.walk(dir.resolve("source.db.artifacts").resolve("blobs"))) {
            for (Path blob : blobs.filter(Files::isRegularFile).toList()) {
                Files.delete(blob);
            }
        }
        clear();
        assertThat(run("check", "--url", url, "--warnings-pass")).isEqualTo(1);
        assertThat(out.toString()).contains("problems: 1", "ERROR", "artifacts", "DAMAGED");

        clear();
        assertThat(run("check", "--url", url, "--json")).isEqualTo(1);
        JsonNode report = JSON.readTree(out.toString());
        assertThat(report.get("problems")).hasSize(1);
        assertThat(report.get("problems").get(0).get("severity").asText()).isEqualTo("ERROR");
        assertThat(report.get("artifacts").get("missingBlobs")).hasSize(1);
        assertThat(err.toString()).as("--json keeps progress off the error stream").isEmpty();
    }

    @Test
    void orphanBlobsAreWarningsThatFailTheCheckUnlessWarningsPass() {
        String url = populatedSqlite();
        try (Datastore store = Persistence.open(PersistenceConfig.builder(url).build())) {
            String construct = store.artifacts().get(OneOfEverything.ARTIFACT).constructId();
            store.artifacts().deleteAllOf(construct);
        }
        assertThat(run("check", "--url", url)).isEqualTo(1);
        assertThat(out.toString()).contains("WARNING", "no artifact references it", "warnings only");
        clear();
        assertThat(run("check", "--url", url, "--warnings-pass")).isZero();
    }

    @Test
    void aForeignKeyBrokenBehindTheStoresBackIsFound() throws Exception {
        String url = populatedSqlite();
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA foreign_keys = OFF");
            statement.execute("INSERT INTO opstate_sessions (id, construct_id, status, started_at, created_at, updated_at)"
                    + " VALUES ('s-stray', 'no-such-construct', 'RUNNING', '2026-01-01T00:00:00.000000Z',"
                    + " '2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z')");
        }
        assertThat(run("check", "--url", url)).isEqualTo(1);
        assertThat(out.toString()).contains("foreign-keys", "opstate_sessions", "opstate_constructs", "DAMAGED");
    }

    @Test
    void statsCountEveryTableAsTextAndJson() throws IOException {
        String url = populatedSqlite();
        assertThat(run("stats", "--url", url)).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern("opstate_artifacts +1 +\\d+")
                .containsPattern("database bytes: +\\d+").containsPattern("wal bytes: +\\d+")
                .containsPattern("artifacts: +1 \\(10 logical bytes");

        clear();
        assertThat(run("stats", "--url", url, "--json")).isZero();
        JsonNode statistics = JSON.readTree(out.toString());
        assertThat(statistics.get("backend").asText()).isEqualTo("sqlite");
        assertThat(statistics.get("artifacts").get("artifacts").asLong()).isEqualTo(1);
        assertThat(statistics.get("tables").findValuesAsText("table")).contains("opstate_jobs", "opstate_history",
                "opstate_maintenance_leases");
    }

    @Test
    void optimizeRunsEveryVacuumModeAndKeepsTheData() throws IOException {
        String url = populatedSqlite();
        assertThat(run("optimize", "--url", url)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("ran:        PRAGMA optimize", "checkpoint: wal_checkpoint(TRUNCATE)");

        clear();
        assertThat(run("optimize", "--url", url, "--vacuum", "full", "--json")).as(err.toString()).isZero();
        JsonNode report = JSON.readTree(out.toString());
        assertThat(report.get("optimize").get("vacuum").asText()).isEqualTo("FULL");
        assertThat(report.get("optimize").get("steps").toString()).contains("VACUUM");
        assertThat(report.get("checkpoint").get("performed").asBoolean()).isTrue();

        clear();
        assertThat(run("check", "--url", url)).as(out.toString()).isZero();
        assertThat(run("optimize", "--url", url, "--vacuum", "sometimes")).isNotZero();
    }

    @Test
    void aStoreThatIsNotThereFails() {
        assertThat(run("check", "--url", "jdbc:sqlite:" + dir.resolve("missing.db"))).isEqualTo(1);
        assertThat(run("stats", "--url", "jdbc:sqlite:" + dir.resolve("missing.db"))).isEqualTo(1);
        assertThat(Files.exists(dir.resolve("missing.db"))).isFalse();
    }

    @Test
    void postgresStoresAreCheckedAndMeasuredToo() {
        String url = POSTGRES.newStoreUrl("");
        SettableClock clock = new SettableClock();
        Path root = dir.resolve("pg-artifacts");
        try (Datastore store = Persistence.open(PersistenceConfig.builder(url).clock(clock)
                .timeSource(io.opstate.TimeSource.HOST).artifactRoot(root.toString()).build())) {
            OneOfEverything.populate(store, clock);
        }
        assertThat(run("check", "--url", url, "--artifact-root", root.toString())).as(out + "" + err).isZero();
        assertThat(out.toString()).contains("constraints validated", "indexes valid", "artifacts", "ok");
        clear();
        assertThat(run("stats", "--url", url, "--artifact-root", root.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern("opstate_jobs +\\d+ +\\d+");
        clear();
        assertThat(run("optimize", "--url", url, "--artifact-root", root.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("VACUUM (ANALYZE) \"opstate_jobs\"", "checkpoint: PostgreSQL");
    }

    private void clear() {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }

    private String populatedSqlite() {
        String url = "jdbc:sqlite:" + dir.resolve("source.db");
        SettableClock clock = new SettableClock();
        try (Datastore store = Persistence.open(PersistenceConfig.builder(url).clock(clock).build())) {
            OneOfEverything.populate(store, clock);
        }
        return url;
    }

    private int run(String... args) {
        return OpstateCommand.run(args, out, err);
    }
}
