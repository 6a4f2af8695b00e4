package io.opstate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.cli.testing.OneOfEverything;
import io.opstate.tck.SettableClock;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code opstate backup} and {@code restore}: a backup the sqlite3 shell opens and checks, restored whole. */
class BackupCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void aBackupOpensInTheSqliteShellAndRestoresToAWorkingStore() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("source.db");
        SettableClock clock = new SettableClock();
        try (Datastore store = Persistence.open(PersistenceConfig.builder(url).clock(clock).build())) {
            OneOfEverything.populate(store, clock);
        }
        Path backup = dir.resolve("nightly");

        assertThat(run("backup", "--url", url, "--to", backup.toString(), "--json")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("\"blobs\":1", "\"complete\":true");
        assertThat(sqliteShell(backup.resolve("store.db"), "PRAGMA integrity_check;")).isEqualTo("ok");
        assertThat(sqliteShell(backup.resolve("store.db"), "SELECT count(*) FROM opstate_artifacts;")).isEqualTo("1");

        out.getBuffer().setLength(0);
        String restored = "jdbc:sqlite:" + dir.resolve("restored.db");
        assertThat(run("restore", "--url", restored, "--from", backup.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("restored: ", "1 blobs");
        assertThat(run("artifacts", "check", "--url", restored)).as(out.toString()).isZero();

        out.getBuffer().setLength(0);
        assertThat(run("restore", "--url", restored, "--from", backup.toString()))
                .as("an existing store is kept unless --overwrite").isEqualTo(1);
        assertThat(err.toString()).contains("overwrite");
        assertThat(run("restore", "--url", restored, "--from", backup.toString(), "--overwrite")).isZero();
    }

    @Test
    void aBackupIntoAnOccupiedDirectoryFailsWithExitCodeOne() throws IOException {
        String url = "jdbc:sqlite:" + dir.resolve("s.db");
        try (Datastore store = Persistence.open(url)) {
            store.jobs().create(io.opstate.jobs.NewJob.of("one"));
        }
        assertThat(run("backup", "--url", url, "--to", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("not empty");
    }

    /** What the sqlite3 shell prints for {@code sql} on {@code file}, as an operator would run it. */
    private static String sqliteShell(Path file, String sql) throws Exception {
        Process shell = new ProcessBuilder("sqlite3", file.toString(), sql).redirectErrorStream(true).start();
        assertThat(shell.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(shell.exitValue()).as(output).isZero();
        return output;
    }

    private int run(String... args) {
        return OpstateCommand.run(args, out, err);
    }
}
