package io.opstate.sqlite.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.PageRequest;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.Settings;
import io.opstate.history.AppendedEvents;
import io.opstate.history.HistoryEvent;
import io.opstate.history.HistoryPosition;
import io.opstate.history.NewHistoryEvent;
import io.opstate.jdbc.SchemaMigrator;
import io.opstate.jobs.JobStatus;
import io.opstate.preferences.Preference;
import io.opstate.resources.NewResource;
import io.opstate.resources.ResourceKind;
import io.opstate.search.SearchQuery;
import io.opstate.sqlite.testing.SqliteFile;
import io.opstate.tokens.Token;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store the release of schema version 10 wrote (fixtures/v10, see its README) opens with this
 * one, migrates to the current version, and keeps every row of every table as it was; what it
 * held still works: tokens verify with the same pepper (and revoked ones still do not),
 * preferences read back at their versions, the artifact's blob opens, search finds the entries.
 */
class Version10UpgradeTest {
    private static final String PEPPER = "fixture-pepper";

    @TempDir
    Path folder;

    @Test
    void everyRowSurvivesAndEveryRecordStillWorks() throws Exception {
        Path file = copyFixture();
        Map<String, List<Map<String, String>>> before = allRows(file);
        assertThat(before).containsKeys("opstate_jobs", "opstate_history", "opstate_constructs",
                "opstate_transcript_entries", "opstate_search_documents", "opstate_artifacts", "opstate_tokens",
                "opstate_preferences", "opstate_artifact_blobs");
        assertThat(before.get("opstate_tokens")).hasSize(3);
        Map<String, String> secrets = secrets();

        PersistenceConfig config = PersistenceConfig.builder(SqliteFile.url(file))
                .artifactRoot(folder.resolve("blobs").toString())
                .set(Settings.TOKEN_PEPPER, PEPPER)
                .build();
        try (Datastore store = Persistence.open(config)) {
            assertThat(store.maintenance().health().schemaVersion()).isEqualTo(String.valueOf(SchemaMigrator.CURRENT_VERSION));
            Map<String, List<Map<String, String>>> after = allRows(file);
            for (Map.Entry<String, List<Map<String, String>>> table : before.entrySet()) {
                assertThat(after.get(table.getKey())).as(table.getKey()).isEqualTo(table.getValue());
            }

            Optional<Token> deploy = store.tokens().verify(secrets.get("deploy bot"));
            assertThat(deploy).map(Token::scopes).contains(Set.of("jobs:read", "jobs:write"));
            assertThat(store.tokens().verify(secrets.get("expiring"))).map(Token::name).contains("expiring");
            assertThat(store.tokens().verify(secrets.get("revoked"))).isEmpty();

            Preference theme = store.preferences().get("ana", "ui.theme");
            assertThat(theme.version()).isEqualTo(2);
            assertThat(theme.document()).contains("plum");
            assertThat(store.preferences().get(null, "defaults").document()).contains("\"pageSize\": 50");

            assertThat(store.jobs().get("job-running").status()).isEqualTo(JobStatus.RUNNING);
            assertThat(store.jobs().get("job-done").status()).isEqualTo(JobStatus.SUCCEEDED);
            try (InputStream blob = store.artifacts().open("artifact-1")) {
                assertThat(new String(blob.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("the ledger balances");
            }
            assertThat(store.search().search(SearchQuery.of("ledger"), PageRequest.first(10)).items()).isNotEmpty();
            assertThat(store.constructs().outgoing("construct-plan", "implements")).hasSize(1);

            AppendedEvents history = store.history().appendedAfter(HistoryPosition.START, 100);
            assertThat(history.events()).extracting(HistoryEvent::event)
                    .containsExactly("job.created", "job.claimed", "construct.created");
            long appended = store.history().append(NewHistoryEvent.of("upgraded")).id();
            assertThat(store.history().appendedAfter(history.position(), 100).events()).extracting(HistoryEvent::id)
                    .containsExactly(appended);

            store.resources().declareKind(ResourceKind.of("instance", "stopped", "running"));
            store.resources().create(NewResource.of("instance", "after-upgrade"));
            assertThat(store.resources().changesSince(0, 10)).hasSize(1);
        }
    }

    /** The fixture's file and blob directory, copied into the test's folder. */
    private Path copyFixture() throws IOException, URISyntaxException {
        Path fixture = Path.of(getClass().getResource("/fixtures/v10").toURI());
        Files.copy(fixture.resolve("store.db"), folder.resolve("store.db"));
        Path blobs = fixture.resolve("blobs");
        try (Stream<Path> paths = Files.walk(blobs)) {
            for (Path path : paths.toList()) {
                Path target = folder.resolve("blobs").resolve(blobs.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
        return folder.resolve("store.db");
    }

    private Map<String, String> secrets() {
        try (InputStream in = getClass().getResourceAsStream("/fixtures/v10/secrets.txt")) {
            Map<String, String> secrets = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int split = line.lastIndexOf(' ');
                secrets.put(line.substring(0, split), line.substring(split + 1));
            }
            return secrets;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every row of every OpState table, as text, in a fixed order; the migration history and the
     * FTS5 table's shadow tables (SQLite's own bookkeeping of the index) aside.
     */
    private static Map<String, List<Map<String, String>>> allRows(Path file) throws SQLException {
        Map<String, List<Map<String, String>>> tables = new LinkedHashMap<>();
        try (Connection connection = SqliteFile.connect(file)) {
            List<String> names = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'"
                         + " AND name LIKE 'opstate%' AND name <> '" + SchemaMigrator.HISTORY_TABLE + "'"
                         + " AND name NOT LIKE 'opstate_search_index%' ORDER BY name")) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            for (String name : names) {
                List<Map<String, String>> rows = new ArrayList<>();
                try (Statement statement = connection.createStatement();
                     ResultSet result = statement.executeQuery("SELECT * FROM " + name)) {
                    ResultSetMetaData meta = result.getMetaData();
                    while (result.next()) {
                        Map<String, String> row = new LinkedHashMap<>();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            row.put(meta.getColumnName(i), result.getString(i));
                        }
                        rows.add(row);
                    }
                }
                rows.sort(java.util.Comparator.comparing(Object::toString));
                tables.put(name, rows);
            }
        }
        return tables;
    }
}
