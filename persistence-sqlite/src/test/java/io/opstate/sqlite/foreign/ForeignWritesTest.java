package io.opstate.sqlite.foreign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.Datastore;
import io.opstate.InvalidInputException;
import io.opstate.PageRequest;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.UnreadableValueException;
import io.opstate.executions.ExecutionQuery;
import io.opstate.executions.NewExecution;
import io.opstate.history.HistoryEvent;
import io.opstate.history.HistoryQuery;
import io.opstate.history.NewHistoryEvent;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobProgress;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.NewJob;
import io.opstate.pipelines.NewPipeline;
import io.opstate.schedules.NewSchedule;
import io.opstate.sqlite.testing.SqliteFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rows changed by another tool (the {@code sqlite3} shell, a migration script) through a plain
 * connection: times in SQLite's own formats read back as the instants they mean; anything else is
 * an {@link UnreadableValueException} naming the table, the row and the column, never a raw
 * {@code DateTimeException}.
 */
class ForeignWritesTest {
    @TempDir
    Path folder;

    private Path file;
    private Datastore store;

    @BeforeEach
    void open() {
        file = folder.resolve("store.db");
        store = Persistence.open(PersistenceConfig.builder(SqliteFile.url(file)).build());
        store.jobs().create(NewJob.of("report").withId("job-1"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void readsTheTimeSqliteDatetimeNowWrites() throws SQLException {
        execute("UPDATE opstate_jobs SET created_at = datetime('now') WHERE id = 'job-1'");
        Instant written = Instant.parse(SqliteFile.strings(file,
                "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', created_at) FROM opstate_jobs").get(0));

        assertThat(store.jobs().get("job-1").createdAt()).isEqualTo(written);
        assertThat(store.jobs().list(JobQuery.all(), PageRequest.first()).items()).extracting(Job::createdAt)
                .containsExactly(written);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2026-03-01                        | 2026-03-01T00:00:00Z",
        "2026-03-01 10:15                  | 2026-03-01T10:15:00Z",
        "2026-03-01 10:15:30               | 2026-03-01T10:15:30Z",
        "2026-03-01 10:15:30.5             | 2026-03-01T10:15:30.500Z",
        "2026-03-01 10:15:30.123           | 2026-03-01T10:15:30.123Z",
        "2026-03-01 10:15:30.1234567891    | 2026-03-01T10:15:30.123456Z",
        "2026-03-01T10:15:30               | 2026-03-01T10:15:30Z",
        "2026-03-01T10:15                  | 2026-03-01T10:15:00Z",
        "2026-03-01 10:15:30Z              | 2026-03-01T10:15:30Z",
        "2026-03-01 10:15:30.25+02:00      | 2026-03-01T08:15:30.250Z",
        "2026-03-01T23:15-04:30            | 2026-03-02T03:45:00Z",
        "2026-03-01T10:15:30.123456789Z    | 2026-03-01T10:15:30.123456Z",
        "2026-03-01T10:15:30.123456Z       | 2026-03-01T10:15:30.123456Z",
    })
    void readsSqlitesOwnTimeFormatsAsUtcUnlessAnOffsetIsGiven(String stored, String expected) throws SQLException {
        update("UPDATE opstate_jobs SET created_at = ? WHERE id = 'job-1'", stored);

        assertThat(store.jobs().get("job-1").createdAt()).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a time", "2026-02-30 10:00:00", "2026-03-01 25:00:00", "2026-03-01 10:15:30+19:00",
        "2026-03-01 10:15:30 junk", "", "2026-03-01\n10:15:30"})
    void refusesOtherTextNamingTableRowAndColumn(String stored) throws SQLException {
        update("UPDATE opstate_jobs SET created_at = ? WHERE id = 'job-1'", stored);

        assertUnreadable(() -> store.jobs().get("job-1"), "opstate_jobs", "job-1", "created_at");
        assertUnreadable(() -> store.jobs().list(JobQuery.all(), PageRequest.first()), "opstate_jobs", "job-1",
                "created_at");
    }

    /** A STRICT text column stores numbers as their text: julian days and unix seconds are ambiguous there. */
    @ParameterizedTest
    @ValueSource(strings = {"julianday('now')", "unixepoch()", "CAST(unixepoch() AS TEXT)"})
    void refusesNumbersWhichSqliteReadsAsJulianDaysOrUnixTimesOnlyByGuessing(String expression) throws SQLException {
        execute("UPDATE opstate_jobs SET not_before = " + expression + " WHERE id = 'job-1'");

        assertUnreadable(() -> store.jobs().get("job-1"), "opstate_jobs", "job-1", "not_before");
    }

    @Test
    void everyTableNamesItsOwnKey() throws SQLException {
        store.pipelines().create(NewPipeline.of("etl", "{}"));
        store.schedules().create(NewSchedule.of("nightly", "etl", "0 2 * * *").withId("s1"));
        store.executions().start(NewExecution.of("etl", "alice").withId("e1"));
        HistoryEvent event = store.history().append(NewHistoryEvent.of("seeded"));
        execute("UPDATE opstate_pipelines SET updated_at = 'yesterday'");
        execute("UPDATE opstate_schedules SET time_zone = 'Mars/Olympus_Mons'");
        execute("UPDATE opstate_executions SET started_at = 'soon'");
        execute("UPDATE opstate_history SET occurred_at = '2026-13-01'");

        assertUnreadable(() -> store.pipelines().get("etl"), "opstate_pipelines", "etl", "updated_at");
        assertUnreadable(() -> store.schedules().get("s1"), "opstate_schedules", "s1", "time_zone");
        assertUnreadable(() -> store.executions().list(ExecutionQuery.all(), PageRequest.first()),
                "opstate_executions", "e1", "started_at");
        assertUnreadable(() -> store.history().find(event.id()), "opstate_history", Long.toString(event.id()),
                "occurred_at");
        assertUnreadable(() -> store.history().stream(HistoryQuery.all(), null).count(), "opstate_history",
                Long.toString(event.id()), "occurred_at");
    }

    @Test
    void aValueShownInTheMessageIsEscapedAndCut() throws SQLException {
        update("UPDATE opstate_jobs SET created_at = ? WHERE id = 'job-1'", "x\nINFO forged" + "y".repeat(10_000));

        assertThatThrownBy(() -> store.jobs().get("job-1"))
                .isInstanceOf(UnreadableValueException.class)
                .message().doesNotContain("\n").hasSizeLessThan(600);
    }

    private static void assertUnreadable(ThrowingCallable call, String table, String rowId, String column) {
        assertThatThrownBy(call).isInstanceOfSatisfying(UnreadableValueException.class, e -> {
            assertThat(e.table()).isEqualTo(table);
            assertThat(e.rowId()).isEqualTo(rowId);
            assertThat(e.column()).isEqualTo(column);
            assertThat(e.getMessage()).contains(table, rowId, column);
        });
    }

    @Test
    void bytesAnotherToolLeftAboveTheTotalRefuseOnlyReportsOfBytes() throws SQLException {
        Job claimed = store.jobs().claim("job-1", "w", Duration.ofMinutes(1)).orElseThrow();
        execute("UPDATE opstate_jobs SET bytes_done = 500, bytes_total = 100 WHERE id = 'job-1'");

        Job reported = store.jobs().reportProgress("job-1", claimed.fencingToken(),
                JobProgress.none().withMessage("still going"));
        assertThat(reported.message()).isEqualTo("still going");
        assertThatThrownBy(() -> store.jobs().reportProgress("job-1", claimed.fencingToken(),
                JobProgress.none().withBytes(null, 200L)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("bytesTotal"));
        assertThat(store.jobs().complete("job-1", claimed.fencingToken(), null).bytesDone()).isEqualTo(100);
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = SqliteFile.connect(file); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private void update(String sql, String value) throws SQLException {
        try (Connection connection = SqliteFile.connect(file); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, value);
            statement.executeUpdate();
        }
    }
}
