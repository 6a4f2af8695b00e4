package io.opstate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.PageRequest;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.cli.testing.OneOfEverything;
import io.opstate.jdbc.SchemaMigrator;
import io.opstate.pipelines.NewPipeline;
import io.opstate.postgres.testing.PostgresTestDatabase;
import io.opstate.search.SearchHit;
import io.opstate.search.SearchQuery;
import io.opstate.tck.SettableClock;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Runs the {@code opstate} commands in-process against real stores and checks exit codes and output. */
class CommandsTest {
    /** Ignored by the server (trust authentication), so it can show whether output masks it. */
    private static final String SECRET = "s3cr3t-Pa55";

    @RegisterExtension
    static final PostgresTestDatabase POSTGRES = new PostgresTestDatabase();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void copyCopiesEveryTableShowsProgressAndPrintsVerifiedCounts() {
        String source = populatedSqlite();
        String target = POSTGRES.newStoreUrl("password=" + SECRET);

        int exit = run("copy", "--from", source, "--to", target, "--batch-size", "3");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString())
                .containsPattern("opstate_jobs +8 +8 +ok")
                .containsPattern("opstate_pipelines +2 +2 +ok")
                .containsPattern("opstate_schedules +2 +2 +ok")
                .containsPattern("opstate_executions +3 +3 +ok")
                .containsPattern("opstate_history +3 +3 +ok")
                .containsPattern("opstate_constructs +2 +2 +ok")
                .containsPattern("opstate_construct_links +2 +2 +ok")
                .containsPattern("opstate_sessions +1 +1 +ok")
                .containsPattern("opstate_session_checkpoints +2 +2 +ok")
                .containsPattern("opstate_transcript_entries +2 +2 +ok")
                .containsPattern("opstate_session_purges +0 +0 +ok")
                .containsPattern("opstate_artifacts +1 +1 +ok")
                .containsPattern("opstate_artifact_usage +1 +1 +ok")
                .containsPattern("opstate_resource_kinds +1 +1 +ok")
                .containsPattern("opstate_resource_kind_statuses +2 +2 +ok")
                .containsPattern("opstate_resource_kind_labels +2 +2 +ok")
                .containsPattern("opstate_resources +1 +1 +ok")
                .containsPattern("opstate_resource_labels +2 +2 +ok")
                .containsPattern("opstate_resource_changes +4 +4 +ok")
                .containsPattern("opstate_artifact_blobs +0 +0 +ok")
                .containsPattern("opstate_artifact_blob_chunks +0 +0 +ok")
                .containsPattern("opstate_tokens +2 +2 +ok")
                .containsPattern("opstate_preferences +2 +2 +ok")
                .contains("Copied 45 rows; the row count of every table was verified.")
                .contains("password=****");
        assertThat(out.toString().lines().filter(line -> line.endsWith("  ok")).mapToInt(String::length).distinct())
                .as("the counts line up").hasSize(1);
        assertThat(err.toString()).contains("opstate_jobs", "opstate_history", "100%");
        assertNoSecret();
        try (Datastore copy = Persistence.open(target)) {
            assertThat(copy.jobs().get("job-running").workerId()).isEqualTo("worker-job-running");
        }
    }

    @Test
    void copyIntoATargetHoldingRowsFailsAndSaysWhy() {
        String source = populatedSqlite();
        String target = POSTGRES.newStoreUrl("password=" + SECRET);
        try (Datastore existing = Persistence.open(target)) {
            existing.pipelines().create(NewPipeline.of("mine", "{}"));
        }

        int exit = run("copy", "--from", source, "--to", target);

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("table opstate_pipelines holds 1 row(s)", "Nothing was copied.");
        assertNoSecret();
    }

    @Test
    void copyFromAMissingSourceFailsWithoutCreatingIt() {
        Path missing = dir.resolve("missing.db");

        int exit = run("copy", "--from", "jdbc:sqlite:" + missing, "--to", "jdbc:sqlite:" + dir.resolve("to.db"));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("opstate copy failed", "missing.db", "does not exist");
        assertThat(missing).doesNotExist();
    }

    @Test
    void copyWithoutATargetIsAUsageError() {
        int exit = run("copy", "--from", "jdbc:sqlite:" + dir.resolve("a.db"));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--to=<url>'");
    }

    @Test
    void migrateCreatesAndMigratesAStoreAndPrintsItsSchemaVersion() {
        int exit = run("migrate", "--url", "jdbc:sqlite:" + dir.resolve("new.db"));

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("migrated: schema version " + SchemaMigrator.CURRENT_VERSION + " (sqlite, ");
        assertThat(dir.resolve("new.db")).exists();
    }

    @Test
    void aDryRunListsThePendingMigrationsAndAppliesNone() {
        String url = POSTGRES.newStoreUrl("password=" + SECRET);

        assertThat(run("migrate", "--url", url, "--dry-run")).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern("dry run: \\d+ migration\\(s\\) would be applied")
                .contains("  V2 opstate schema").contains("  V" + SchemaMigrator.CURRENT_VERSION + " ");
        assertThat(run("migrate", "--url", url, "--mode", "validate")).as("nothing was applied").isEqualTo(1);

        out.getBuffer().setLength(0);
        assertThat(run("migrate", "--url", url)).isZero();
        assertThat(run("migrate", "--url", url, "--dry-run")).isZero();
        assertThat(out.toString()).contains("dry run: schema version " + SchemaMigrator.CURRENT_VERSION
                + " is current; nothing to apply");
        assertNoSecret();
    }

    @Test
    void validateRefusesAnUnmigratedPostgresSchemaThenPassesOnceMigrated() {
        String url = POSTGRES.newStoreUrl("password=" + SECRET);

        int refused = run("migrate", "--url", url, "--mode", "validate");

        assertThat(refused).isEqualTo(1);
        assertThat(err.toString()).contains("pending migrations: V2 opstate schema");
        assertThat(run("migrate", "--url", url)).isZero();
        assertThat(run("migrate", "--url", url, "--mode", "VALIDATE")).isZero();
        assertThat(out.toString()).contains("migrated: schema version " + SchemaMigrator.CURRENT_VERSION + " (postgres, ")
                .contains("validated: schema version " + SchemaMigrator.CURRENT_VERSION + " (postgres, ");
        assertNoSecret();
    }

    @Test
    void healthPrintsTheHealthOfAReachableStore() throws Exception {
        String url = populatedSqlite();

        int exit = run("health", "--url", url);

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("backend:        sqlite", "reachable:      yes", "schema version: " + SchemaMigrator.CURRENT_VERSION,
                "detail:         " + dir.resolve("source.db"));
        assertThat(out.toString()).containsPattern("storage bytes:  [1-9][0-9]*");
        assertThat(Files.size(dir.resolve("source.db"))).isPositive();
    }

    @Test
    void healthOfAnUnreachableServerExitsOneWithThePasswordMasked() {
        int exit = run("health", "--url", "jdbc:postgresql://127.0.0.1:1/test?user=postgres&password=" + SECRET);

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("backend:        postgres", "reachable:      no", "password=****");
        assertNoSecret();
    }

    @Test
    void healthOfAMissingSqliteFileExitsOneAndCreatesNothing() {
        int exit = run("health", "--url", "jdbc:sqlite:" + dir.resolve("nothing.db"));

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("reachable:      no", "does not exist");
        assertThat(dir.resolve("nothing.db")).doesNotExist();
    }

    @Test
    void healthOfACorruptSqliteFileExitsOneAndSaysWhatToDo() throws Exception {
        Path corrupt = dir.resolve("corrupt.db");
        Files.writeString(corrupt, "not an SQLite database; ".repeat(200));

        int exit = run("health", "--url", "jdbc:sqlite:" + corrupt);

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("reachable:      no", corrupt + " is corrupted", "restore it from a backup");
    }

    @Test
    void reindexRebuildsAnEmptiedSearchIndexAndPrintsHowManyTexts() throws Exception {
        String url = populatedSqlite();
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO opstate_search_index (opstate_search_index) VALUES ('delete-all')");
            statement.execute("DELETE FROM opstate_search_documents");
        }
        assertThat(searchBilling(url)).isEmpty();

        int exit = run("reindex", "--url", url);

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("reindexed: 4 texts (sqlite, " + dir.resolve("source.db"));
        assertThat(searchBilling(url)).extracting(SearchHit::constructId).containsExactly("construct-plan");
    }

    @Test
    void reindexRefusesAStoreWhoseSchemaIsNotCurrent() {
        String url = POSTGRES.newStoreUrl("password=" + SECRET);

        int exit = run("reindex", "--url", url);

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("opstate reindex: ", "pending migrations");
        assertNoSecret();
    }

    private static List<SearchHit> searchBilling(String url) {
        try (Datastore store = Persistence.open(url)) {
            return store.search().search(SearchQuery.of("billing"), PageRequest.first(10)).items();
        }
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

    private void assertNoSecret() {
        assertThat(out.toString()).doesNotContain(SECRET);
        assertThat(err.toString()).doesNotContain(SECRET);
    }
}
