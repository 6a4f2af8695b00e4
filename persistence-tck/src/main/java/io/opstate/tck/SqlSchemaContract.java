package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.opstate.Datastore;
import io.opstate.DuplicateDedupKeyException;
import io.opstate.MigrationFailedException;
import io.opstate.PageRequest;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.SchemaTooNewException;
import io.opstate.history.HistoryEvent;
import io.opstate.history.NewHistoryEvent;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
import io.opstate.jobs.OnDuplicateKey;
import io.opstate.search.SearchQuery;
import io.opstate.transcripts.NewTranscriptEntry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How a SQL backend's schema lives inside a host's database and moves between releases: every
 * object is named {@code opstate_*}; a name already taken is refused before anything is
 * written; a store written by each earlier schema version (a fixture that release made) migrates
 * with every row intact and ends exactly like a store created new, its texts searchable; a process of an older release
 * meeting a newer schema says so in plain words. Only SQL backends have a schema, so only they
 * extend this contract.
 */
public abstract class SqlSchemaContract {
    /** The tables as schema version 1 named them, before they took the {@code opstate_} prefix. */
    private static final List<String> V1_TABLES = List.of("jobs", "pipelines", "schedules", "executions", "history");
    /** Columns renamed since version 1, per version 1 table: old name to new (version 3: claims draw store-wide tokens). */
    private static final Map<String, Map<String, String>> RENAMED_COLUMNS =
            Map.of("jobs", Map.of("fencing_token", "claim_token"));
    /** Columns added since version 1, per version 1 table, which the rows of an upgraded store hold as null (version 4: dedup keys). */
    private static final Map<String, List<String>> ADDED_COLUMNS = Map.of("jobs", List.of("dedup_key"));

    /**
     * Columns this dialect alone added since version 1, per version 1 table, with the value the
     * rows of an upgraded store hold (PostgreSQL's version 13: the history's appending
     * transaction, 0 for events stored before it). None by default.
     */
    protected Map<String, Map<String, String>> dialectAddedColumns() {
        return Map.of();
    }

    /** A configuration for a new, empty location (file or schema) no store has used yet. */
    protected abstract PersistenceConfig.Builder freshStore();

    /** A location holding the fixture store that the release of schema {@code version} wrote, not yet opened by this one. */
    protected abstract PersistenceConfig.Builder fixtureStore(int version);

    /** A plain JDBC connection to the database (and schema) of {@code config}, for the test's own reads and writes. */
    protected abstract Connection connect(PersistenceConfig config) throws SQLException;

    /**
     * Every object of the store but the migration history, described so that two stores of the
     * same shape give equal lists: tables with their columns and constraints, indexes with their
     * definitions, sequences.
     */
    protected abstract List<String> describeSchema(Connection connection) throws SQLException;

    @Test
    void everyTableAndIndexIsNamedWithThePrefix() throws SQLException {
        PersistenceConfig config = freshStore().build();
        Persistence.open(config).close();
        try (Connection connection = connect(config)) {
            assertThat(describeSchema(connection)).isNotEmpty()
                    .allSatisfy(object -> assertThat(object).containsPattern("^\\S+ (opstate_|sqlite_)"));
        }
    }

    @Test
    void aHostsOwnTablesOfTheSameNamesAreLeftAlone() throws SQLException {
        PersistenceConfig config = freshStore().build();
        createHostTables(config);
        try (Datastore store = Persistence.open(config)) {
            Job job = store.jobs().create(NewJob.of("thumbnail").withId("ours"));
            assertThat(store.jobs().get(job.id()).status()).isEqualTo(JobStatus.QUEUED);
        }
        try (Connection connection = connect(config)) {
            for (String table : V1_TABLES) {
                assertThat(rows(connection, table)).as("the host's table %s", table)
                        .singleElement().satisfies(row -> assertThat(row.get("note")).isEqualTo("the host's " + table));
            }
        }
    }

    @Test
    void aNameAlreadyTakenIsRefusedBeforeAnythingIsWritten() throws SQLException {
        PersistenceConfig config = freshStore().build();
        createHostTables(config);
        execute(config, "CREATE TABLE opstate_jobs (id INTEGER)");
        List<String> before;
        try (Connection connection = connect(config)) {
            before = describeSchemaWithHistory(connection);
        }

        MigrationFailedException refused = catchThrowableOfType(MigrationFailedException.class,
                () -> Persistence.open(config));

        assertThat(refused.conflictingObject()).isEqualTo("opstate_jobs");
        assertThat(refused.getMessage()).contains("opstate_jobs").contains("Nothing was written");
        try (Connection connection = connect(config)) {
            assertThat(describeSchemaWithHistory(connection)).as("the database as the host had it").isEqualTo(before);
        }
    }

    @Test
    void aNewStoreHasExactlyTheShapeOfAnUpgradedOne() throws SQLException {
        PersistenceConfig created = freshStore().build();
        Persistence.open(created).close();
        PersistenceConfig upgraded = fixtureStore(1).build();
        Persistence.open(upgraded).close();
        try (Connection createdConnection = connect(created); Connection upgradedConnection = connect(upgraded)) {
            assertThat(describeSchema(upgradedConnection)).isEqualTo(describeSchema(createdConnection));
        }
    }

    @Test
    void aNewStoreHasExactlyTheShapeOfAnUpgradedVersion5Store() throws SQLException {
        PersistenceConfig created = freshStore().build();
        Persistence.open(created).close();
        PersistenceConfig upgraded = fixtureStore(5).build();
        Persistence.open(upgraded).close();
        try (Connection createdConnection = connect(created); Connection upgradedConnection = connect(upgraded)) {
            assertThat(describeSchema(upgradedConnection)).isEqualTo(describeSchema(createdConnection));
        }
    }

    /** Version 7 indexes what a store held before the search index existed (version 6). */
    @Test
    void theTextsOfAVersion5StoreAreFoundOnceUpgraded() throws SQLException {
        PersistenceConfig config = fixtureStore(5).build();
        try (Datastore store = Persistence.open(config)) {
            assertThat(search(store, "ledger")).containsExactlyInAnyOrder("construct-plan TITLE",
                    "construct-impl TITLE", "construct-impl session-impl 1 CONTENT");
            assertThat(search(store, "cafe zoe")).containsExactly("construct-plan METADATA");
            assertThat(search(store, "\"naive facade\"")).containsExactly("construct-impl session-impl 3 CONTENT");
            assertThat(search(store, "日本語のテキスト")).containsExactly("construct-impl session-impl 3 CONTENT");
            assertThat(search(store, "mismatch*")).containsExactly("construct-impl session-impl 2 CONTENT");
            // deleted and purged before the upgrade
            assertThat(search(store, "xylophone")).isEmpty();
            // and what is written after the upgrade is found with it
            store.transcripts().append("session-impl", NewTranscriptEntry.of("user", "ledger again"));
            assertThat(search(store, "ledger")).hasSize(4);
        }
        try (Connection connection = connect(config); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM opstate_search_documents")) {
            rows.next();
            assertThat(rows.getLong(1)).as("2 constructs, 4 entries").isEqualTo(6);
        }
    }

    private static List<String> search(Datastore store, String text) {
        return store.search().search(SearchQuery.of(text), PageRequest.first(10)).items().stream()
                .map(hit -> hit.constructId() + (hit.sessionId() == null ? "" : " " + hit.sessionId() + " "
                        + hit.sequence()) + " " + hit.field())
                .toList();
    }

    @Test
    void everyRowOfAVersion1StoreSurvivesTheUpgrade() throws SQLException {
        PersistenceConfig config = fixtureStore(1).build();
        Map<String, List<Map<String, String>>> before = new LinkedHashMap<>();
        try (Connection connection = connect(config)) {
            for (String table : V1_TABLES) {
                before.put(table, renamed(rows(connection, table), RENAMED_COLUMNS.getOrDefault(table, Map.of()),
                        ADDED_COLUMNS.getOrDefault(table, List.of())));
                Map<String, String> added = dialectAddedColumns().getOrDefault(table, Map.of());
                before.get(table).forEach(row -> row.putAll(added));
            }
        }
        assertThat(before.values()).allSatisfy(rows -> assertThat(rows).isNotEmpty());

        try (Datastore store = Persistence.open(config)) {
            try (Connection connection = connect(config)) {
                for (String table : V1_TABLES) {
                    assertThat(rows(connection, "opstate_" + table)).as(table).isEqualTo(before.get(table));
                }
            }
            Job running = store.jobs().get("job-running");
            assertThat(running.status()).isEqualTo(JobStatus.RUNNING);
            assertThat(running.bytesDone()).isEqualTo(512);
            HistoryEvent appended = store.history().append(NewHistoryEvent.of("upgraded"));
            assertThat(appended.id()).as("the history sequence goes on after the old rows").isGreaterThan(3);
            assertThat(store.schedules().delete("sched-1")).isTrue();
            assertThat(store.executions().find("exec-1")).as("the foreign key still cascades").isEmpty();
        }
    }

    @Test
    void anUpgradedStoresClaimsDrawTokensAboveEveryTokenItsJobsCarry() throws SQLException {
        PersistenceConfig config = fixtureStore(1).build();
        long highest;
        try (Connection connection = connect(config);
             Statement statement = connection.createStatement();
             ResultSet max = statement.executeQuery("SELECT max(fencing_token) FROM jobs")) {
            max.next();
            highest = max.getLong(1);
        }
        assertThat(highest).as("the fixture holds claimed jobs").isPositive();

        try (Datastore store = Persistence.open(config)) {
            store.jobs().create(NewJob.of("after-upgrade").withId("after-upgrade"));
            Job claimed = store.jobs().claimNext("worker", Set.of("after-upgrade"), Duration.ofMinutes(1))
                    .orElseThrow();
            assertThat(claimed.fencingToken()).isGreaterThan(highest);
        }
    }

    /** Version 4: the jobs of an older store carry no dedup key, and the index holding keys unique works at once. */
    @Test
    void anUpgradedStoreKeepsDedupKeysUnique() throws SQLException {
        PersistenceConfig config = fixtureStore(1).build();
        try (Datastore store = Persistence.open(config)) {
            assertThat(store.jobs().get("job-running").dedupKey()).isNull();
            Job first = store.jobs().create(NewJob.of("pull").withDedupKey("pull:model"));

            assertThatThrownBy(() -> store.jobs().create(NewJob.of("pull").withDedupKey("pull:model")))
                    .isInstanceOf(DuplicateDedupKeyException.class);
            assertThat(store.jobs().create(NewJob.of("pull").withDedupKey("pull:model", OnDuplicateKey.RETURN_EXISTING)))
                    .isEqualTo(first);
        }
    }

    /** A process of the release before version 3 names this column in every job statement; it must fail, not count tokens per job. */
    @Test
    void theColumnOlderReleasesCountTokensInIsGone() throws SQLException {
        PersistenceConfig config = fixtureStore(1).build();
        Persistence.open(config).close();
        try (Connection connection = connect(config); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT fencing_token FROM opstate_jobs").close())
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void aRunningProcessOfAnOlderReleaseSaysTheSchemaIsNewer() throws SQLException {
        PersistenceConfig config = freshStore().build();
        try (Datastore store = Persistence.open(config)) {
            store.jobs().create(NewJob.of("thumbnail").withId("before"));
            upgradeAsANewerReleaseWould(config);

            assertThatThrownBy(() -> store.jobs().find("before"))
                    .isInstanceOf(SchemaTooNewException.class).hasMessageContaining("newer");
            SchemaTooNewException onWrite = catchThrowableOfType(SchemaTooNewException.class,
                    () -> store.jobs().create(NewJob.of("thumbnail")));
            assertThat(onWrite.storeVersion()).isEqualTo(String.valueOf(newerVersion()));
            assertThat(onWrite.getMessage()).contains("Upgrade this process");
        }
    }

    @Test
    void anOlderReleaseRefusesToOpenANewerSchema() throws SQLException {
        PersistenceConfig config = freshStore().build();
        Persistence.open(config).close();
        upgradeAsANewerReleaseWould(config);

        SchemaTooNewException refused = catchThrowableOfType(SchemaTooNewException.class, () -> Persistence.open(config));

        assertThat(refused.storeVersion()).isEqualTo(String.valueOf(newerVersion()));
        assertThat(refused.getMessage()).contains("newer release").contains("Nothing was written");
    }

    /** One version past the newest of this release's. */
    private int newerVersion() throws SQLException {
        PersistenceConfig config = freshStore().build();
        try (Datastore store = Persistence.open(config)) {
            return Integer.parseInt(store.maintenance().health().schemaVersion()) + 1;
        }
    }

    /** What a newer release's migration might do: move a table away, and record its version. */
    private void upgradeAsANewerReleaseWould(PersistenceConfig config) throws SQLException {
        int version = newerVersion();
        execute(config, "ALTER TABLE opstate_jobs RENAME TO opstate_jobs_moved",
                "INSERT INTO opstate_schema_history (installed_rank, version, description, type, script, checksum,"
                        + " installed_by, installed_on, execution_time, success) VALUES (100, '" + version
                        + "', 'a newer release', 'SQL', 'V" + version + "__a_newer_release.sql', 0, 'test',"
                        + " CURRENT_TIMESTAMP, 1, TRUE)");
    }

    private void createHostTables(PersistenceConfig config) throws SQLException {
        List<String> sql = new ArrayList<>();
        for (String table : V1_TABLES) {
            sql.add("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, note TEXT NOT NULL)");
            sql.add("INSERT INTO " + table + " (id, note) VALUES (1, 'the host''s " + table + "')");
        }
        execute(config, sql.toArray(String[]::new));
    }

    /** The schema's description, and the names of all its tables, the history table included. */
    private List<String> describeSchemaWithHistory(Connection connection) throws SQLException {
        List<String> all = new ArrayList<>(describeSchema(connection));
        try (ResultSet tables = connection.getMetaData().getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
            while (tables.next()) {
                all.add("table " + tables.getString("TABLE_NAME"));
            }
        }
        return all;
    }

    private void execute(PersistenceConfig config, String... sql) throws SQLException {
        try (Connection connection = connect(config); Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }

    /** {@code rows} with their columns renamed as {@code renames} says (old name to new), and the {@code added} columns null. */
    private static List<Map<String, String>> renamed(List<Map<String, String>> rows, Map<String, String> renames,
                                                     List<String> added) {
        List<Map<String, String>> result = new ArrayList<>();
        for (Map<String, String> row : rows) {
            Map<String, String> copy = new LinkedHashMap<>();
            row.forEach((column, value) -> copy.put(renames.getOrDefault(column, column), value));
            added.forEach(column -> copy.put(column, null));
            result.add(copy);
        }
        return result;
    }

    /** Every row of {@code table} in key order, each column read as text. */
    private static List<Map<String, String>> rows(Connection connection, String table) throws SQLException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
            ResultSetMetaData columns = result.getMetaData();
            while (result.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    row.put(columns.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), result.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
