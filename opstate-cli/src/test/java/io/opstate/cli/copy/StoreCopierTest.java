package io.opstate.cli.copy;

import io.opstate.tokens.CreatedToken;
import io.opstate.tokens.NewToken;
import io.opstate.tokens.Token;
import static io.opstate.cli.testing.SameRecords.assertSameRecords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.Datastore;
import io.opstate.DuplicateDedupKeyException;
import io.opstate.PageRequest;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.TimeSource;
import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.ArtifactCheck;
import io.opstate.artifacts.ArtifactStorage;
import io.opstate.artifacts.NewArtifact;
import io.opstate.cli.testing.OneOfEverything;
import io.opstate.constructs.NewConstruct;
import io.opstate.history.HistoryEvent;
import io.opstate.history.HistoryQuery;
import io.opstate.history.NewHistoryEvent;
import io.opstate.jdbc.copy.CopyListener;
import io.opstate.jdbc.copy.CopyRefusedException;
import io.opstate.jdbc.copy.CopyReport;
import io.opstate.jdbc.copy.StoreCopier;
import io.opstate.jdbc.copy.TargetNotEmptyException;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.NewJob;
import io.opstate.postgres.testing.PostgresTestDatabase;
import io.opstate.search.SearchHit;
import io.opstate.search.SearchQuery;
import io.opstate.tck.SettableClock;
import io.opstate.tck.StoreSnapshot;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Copies real SQLite stores into fresh PostgreSQL schemas (and back) and compares every record. */
class StoreCopierTest {
    @RegisterExtension
    static final PostgresTestDatabase POSTGRES = new PostgresTestDatabase();

    @TempDir
    Path dir;

    /** The tables of sessions, checked one by one from rows written with plain SQL. */
    private static final Set<String> SESSION_TABLES = Set.of("opstate_sessions", "opstate_session_checkpoints",
            "opstate_transcript_entries", "opstate_session_purges");

    private final SettableClock clock = new SettableClock();

    @Test
    void copiesEveryRecordOfSqliteIntoPostgresExactly() {
        try (Datastore sqlite = sqlite("source.db"); Datastore postgres = postgres(POSTGRES.newSchema())) {
            OneOfEverything.populate(sqlite, clock);
            StoreSnapshot before = StoreSnapshot.of(sqlite);

            CopyReport report = new StoreCopier(CopyListener.NONE).copy(sqlite, postgres);

            assertThat(report.tables()).extracting(CopyReport.TableCount::table)
                    .containsExactly("opstate_jobs", "opstate_pipelines", "opstate_schedules", "opstate_executions", "opstate_history",
                            "opstate_constructs", "opstate_construct_links", "opstate_sessions", "opstate_session_checkpoints",
                            "opstate_transcript_entries", "opstate_session_purges", "opstate_artifacts",
                            "opstate_artifact_usage", "opstate_artifact_blobs", "opstate_artifact_blob_chunks",
                            "opstate_resource_kinds", "opstate_resource_kind_statuses",
                            "opstate_resource_kind_labels", "opstate_resources", "opstate_resource_labels",
                            "opstate_resource_changes", "opstate_tokens", "opstate_preferences");
            assertThat(report.tables()).filteredOn(t -> !Set.of("opstate_session_purges", "opstate_artifact_blobs",
                            "opstate_artifact_blob_chunks").contains(t.table()))
                    .allSatisfy(t -> assertThat(t.targetRows()).isEqualTo(t.sourceRows()).isPositive());
            assertThat(report.totalRows()).isEqualTo(before.jobs().size() + before.pipelines().size()
                    + before.schedules().size() + before.executions().size() + before.history().size()
                    + before.constructs().size() + before.constructLinks().size() + before.sessions().size()
                    + before.checkpoints().size() + before.transcripts().size() + 2 + before.tokens().size() + 2
                    + before.resourceKinds().stream().mapToInt(kind -> 1 + kind.statuses().size()
                            + kind.labelValues().values().stream().mapToInt(java.util.Set::size).sum()).sum()
                    + before.resources().stream().mapToInt(resource -> 1 + resource.labels().size()).sum()
                    + 4); // the feed: a create, a transition, a save and a delete
            assertSameRecords(StoreSnapshot.of(postgres), before);
            assertThat(postgres.preferences().get("alice", "theme"))
                    .usingRecursiveComparison().ignoringFields("document").isEqualTo(sqlite.preferences().get("alice", "theme"));
            assertThat(postgres.artifacts().get(OneOfEverything.ARTIFACT))
                    .isEqualTo(sqlite.artifacts().get(OneOfEverything.ARTIFACT));
            assertThat(postgres.artifacts().usage("construct-impl")).isEqualTo(sqlite.artifacts().usage("construct-impl"));
            assertSameRecords(StoreSnapshot.of(sqlite), before);
            assertThat(postgres.jobs().findUnfinishedByDedupKey(OneOfEverything.QUEUED_DEDUP_KEY))
                    .as("the copied key is held in the target").map(Job::id).contains("job-queued");
            assertThatThrownBy(() -> postgres.jobs().create(NewJob.of("thumbnail")
                    .withDedupKey(OneOfEverything.QUEUED_DEDUP_KEY))).isInstanceOf(DuplicateDedupKeyException.class);
        }
    }

    @Test
    void aTokenVerifiesInTheCopyAsInItsSource() {
        try (Datastore sqlite = sqlite("source.db"); Datastore postgres = postgres(POSTGRES.newSchema())) {
            CreatedToken created = sqlite.tokens().create(NewToken.of("ci", Set.of("read")));
            new StoreCopier(CopyListener.NONE).copy(sqlite, postgres);

            assertThat(postgres.tokens().verify(created.secret())).map(Token::id).contains(created.token().id());
            assertThat(postgres.tokens().verify(created.secret() + "x")).isEmpty();
            assertThat(postgres.preferences().find("alice", "theme")).isEmpty();
        }
    }

    @Test
    void aReopenedCopySeesEverythingAndAppendsHistoryPastTheCopiedSequence() {
        String schema = POSTGRES.newSchema();
        StoreSnapshot before;
        long lastCopied;
        try (Datastore sqlite = sqlite("source.db"); Datastore postgres = postgres(schema)) {
            lastCopied = OneOfEverything.populate(sqlite, clock);
            before = StoreSnapshot.of(sqlite);
            new StoreCopier(CopyListener.NONE).copy(sqlite, postgres);
        }
        try (Datastore reopened = Persistence.open(PersistenceConfig.builder(PostgresTestDatabase.url())
                .schema(schema).build())) {
            assertSameRecords(StoreSnapshot.of(reopened), before);
            assertThat(before.history()).extracting(HistoryEvent::id).doesNotContain(2L).contains(1L, 3L, lastCopied);

            HistoryEvent appended = reopened.history().append(NewHistoryEvent.of("after.copy"));

            assertThat(appended.id()).isGreaterThan(lastCopied);
            assertThat(reopened.jobs().get("job-running").leaseExpiresAt())
                    .isEqualTo(before.jobs().stream().filter(j -> j.id().equals("job-running")).findFirst()
                            .orElseThrow().leaseExpiresAt());
        }
    }

    @Test
    void copiesBackFromPostgresIntoSqliteForARollback() {
        try (Datastore original = sqlite("original.db"); Datastore postgres = postgres(POSTGRES.newSchema());
             Datastore back = sqlite("back.db")) {
            long lastCopied = OneOfEverything.populate(original, clock);
            new StoreCopier(CopyListener.NONE).copy(original, postgres);

            new StoreCopier(CopyListener.NONE).copy(postgres, back);

            assertSameRecords(StoreSnapshot.of(back), StoreSnapshot.of(original));
            assertThat(back.history().append(NewHistoryEvent.of("after.rollback")).id()).isGreaterThan(lastCopied);
        }
    }

    /** The search index is not copied but rebuilt at each target, so a copy finds what its source finds. */
    @Test
    void aCopyFindsWhatItsSourceFinds() {
        try (Datastore original = sqlite("original.db"); Datastore postgres = postgres(POSTGRES.newSchema());
             Datastore back = sqlite("back.db")) {
            OneOfEverything.populate(original, clock);
            new StoreCopier(CopyListener.NONE).copy(original, postgres);
            new StoreCopier(CopyListener.NONE).copy(postgres, back);

            for (String text : List.of("billing", "plan move", "unicode", "done 2 steps")) {
                List<SearchHit> found = hits(original, text);
                assertThat(found).as(text).isNotEmpty();
                assertThat(hits(postgres, text)).as(text).isEqualTo(found);
                assertThat(hits(back, text)).as(text).isEqualTo(found);
            }
        }
    }

    private static List<SearchHit> hits(Datastore store, String text) {
        return store.search().search(SearchQuery.of(text), PageRequest.first(100)).items().stream()
                .sorted(Comparator.comparing(SearchHit::constructId)
                        .thenComparing(hit -> hit.sequence() == null ? 0 : hit.sequence()))
                .toList();
    }

    /** A copied token handed out again would let two claims hold the same token; each direction moves its own generator. */
    @Test
    void claimsOnACopyDrawTokensAboveEveryCopiedOne() {
        try (Datastore original = sqlite("original.db"); Datastore postgres = postgres(POSTGRES.newSchema());
             Datastore back = sqlite("back.db")) {
            OneOfEverything.populate(original, clock);
            long highest = highestToken(original);
            assertThat(highest).as("the source holds claimed jobs").isPositive();

            new StoreCopier(CopyListener.NONE).copy(original, postgres);
            long onPostgres = claimNew(postgres, "after-copy");
            assertThat(onPostgres).isGreaterThan(highest);

            new StoreCopier(CopyListener.NONE).copy(postgres, back);
            assertThat(claimNew(back, "after-copy-back")).isGreaterThan(onPostgres);
        }
    }

    private static long highestToken(Datastore store) {
        return StoreSnapshot.of(store).jobs().stream().mapToLong(Job::fencingToken).max().orElseThrow();
    }

    /** Creates a job of a type of its own, claims it and returns its token. */
    private static long claimNew(Datastore store, String type) {
        store.jobs().create(NewJob.of(type));
        return store.jobs().claimNext("worker", Set.of(type), Duration.ofMinutes(1)).orElseThrow().fencingToken();
    }

    @Test
    void refusesATargetThatHoldsRowsAndChangesNothing() {
        try (Datastore sqlite = sqlite("source.db"); Datastore postgres = postgres(POSTGRES.newSchema())) {
            OneOfEverything.populate(sqlite, clock);
            postgres.history().append(NewHistoryEvent.of("already.here"));
            StoreSnapshot targetBefore = StoreSnapshot.of(postgres);

            assertThatThrownBy(() -> new StoreCopier(CopyListener.NONE).copy(sqlite, postgres))
                    .isInstanceOfSatisfying(TargetNotEmptyException.class, e -> {
                        assertThat(e.table()).isEqualTo("opstate_history");
                        assertThat(e.rows()).isEqualTo(1);
                    })
                    .hasMessageContaining("table opstate_history holds 1 row");
            assertThat(StoreSnapshot.of(postgres)).isEqualTo(targetBefore);
        }
    }

    /** A table a later release adds must never be left behind by a copier that does not know it. */
    @Test
    void refusesASourceHoldingATableItDoesNotKnowAndChangesNothing() throws Exception {
        String schema = POSTGRES.newSchema();
        try (Datastore sqlite = sqlite("source.db"); Datastore postgres = postgres(schema)) {
            OneOfEverything.populate(sqlite, clock);
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("source.db"));
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE opstate_added_later (id INTEGER PRIMARY KEY)");
            }
            StoreSnapshot targetBefore = StoreSnapshot.of(postgres);

            assertThatThrownBy(() -> new StoreCopier(CopyListener.NONE).copy(sqlite, postgres))
                    .isInstanceOf(CopyRefusedException.class)
                    .hasMessageContaining("table opstate_added_later of the source store").hasMessageContaining("Nothing was copied");
            assertThat(StoreSnapshot.of(postgres)).isEqualTo(targetBefore);
            assertThat(PostgresTestDatabase.count(schema, "opstate_jobs")).isZero();
        }
    }

    /** Rows of the session tables written as SQL would, beside those of the API, a pending purge included. */
    @Test
    void copiesSessionTablesRowForRow() throws Exception {
        String schema = POSTGRES.newSchema();
        try (Datastore sqlite = sqlite("source.db"); Datastore postgres = postgres(schema)) {
            OneOfEverything.populate(sqlite, clock);
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("source.db"));
                 Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO opstate_sessions (id, construct_id, status, started_at, ended_at, metrics,"
                        + " state_version, last_sequence, created_at, updated_at, version) VALUES ('session-1',"
                        + " 'construct-plan', 'ended', '2026-03-01T10:00:00.000001Z', '2026-03-01T11:00:00.000000Z',"
                        + " '{\"tokens\": 1200}', 2, 2, '2026-03-01T10:00:00.000001Z', '2026-03-01T11:00:00.000000Z', 4)");
                statement.execute("INSERT INTO opstate_session_checkpoints VALUES ('session-1', 1, '{\"step\": 1}',"
                        + " '2026-03-01T10:10:00.000000Z'), ('session-1', 2, '{\"step\": 2}', '2026-03-01T10:20:00.000000Z')");
                statement.execute("INSERT INTO opstate_transcript_entries VALUES ('session-1', 'construct-plan', 1, 'user',"
                        + " 'héllo', NULL, '2026-03-01T10:00:01.000000Z'), ('session-1', 'construct-plan', 2, 'assistant', 'hi',"
                        + " '{\"tool\": null}',"
                        + " '2026-03-01T10:00:02.000000Z')");
                statement.execute("INSERT INTO opstate_session_purges VALUES ('session-gone', 'construct-gone',"
                        + " '2026-03-01T12:00:00.000000Z')");
            }

            CopyReport report = new StoreCopier(CopyListener.NONE).copy(sqlite, postgres);

            assertThat(report.tables()).filteredOn(t -> SESSION_TABLES.contains(t.table()))
                    .extracting(CopyReport.TableCount::targetRows).containsExactly(2L, 4L, 4L, 1L);
            try (Connection connection = PostgresTestDatabase.connect(); Statement statement = connection.createStatement();
                 var rows = statement.executeQuery("SELECT s.ended_at, s.metrics ->> 'tokens', s.last_sequence,"
                         + " e.role, e.content, e.data, c.state ->> 'step' FROM \"" + schema + "\".opstate_sessions s"
                         + " JOIN \"" + schema + "\".opstate_transcript_entries e ON e.session_id = s.id AND e.sequence = 2"
                         + " JOIN \"" + schema + "\".opstate_session_checkpoints c ON c.session_id = s.id AND c.version = 2")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getObject(1, java.time.OffsetDateTime.class).toInstant())
                        .isEqualTo(java.time.Instant.parse("2026-03-01T11:00:00Z"));
                assertThat(rows.getString(2)).isEqualTo("1200");
                assertThat(rows.getLong(3)).isEqualTo(2);
                assertThat(rows.getString(4)).isEqualTo("assistant");
                assertThat(rows.getString(5)).isEqualTo("hi");
                assertThat(rows.getString(6)).isEqualTo("{\"tool\": null}");
                assertThat(rows.getString(7)).isEqualTo("2");
            }
        }
    }

    @Test
    void refusesAStoreThatIsNotSql() {
        try (Datastore sqlite = sqlite("source.db"); Datastore memory = Persistence.open("memory:")) {
            assertThatThrownBy(() -> new StoreCopier(CopyListener.NONE).copy(memory, sqlite))
                    .isInstanceOf(CopyRefusedException.class)
                    .hasMessageContaining("source store (backend memory) is not a SQL store");
        }
    }

    @Test
    void streamsThousandsOfRowsInSmallCommittedBatches() {
        String schema = POSTGRES.newSchema();
        int jobs = 3_001;
        int batchSize = 7;
        try (Datastore sqlite = sqlite("big.db"); Datastore postgres = postgres(schema)) {
            List<NewJob> batch = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                batch.add(NewJob.of("bulk").withId(String.format("job-%05d", i)).withPayload("{\"i\": " + i + "}"));
                if (batch.size() == 500 || i == jobs - 1) {
                    sqlite.jobs().createAll(batch);
                    batch.clear();
                }
            }
            sqlite.useTransaction(store -> {
                for (int i = 0; i < 1_000; i++) {
                    store.history().append(NewHistoryEvent.of("bulk.event").withSubjectId("job-" + i));
                }
            });
            List<long[]> jobProgress = new ArrayList<>();
            List<Long> committedWhenReported = new ArrayList<>();
            CopyListener listener = (table, done, total) -> {
                if (table.equals("opstate_jobs")) {
                    jobProgress.add(new long[] {done, total});
                    if (done == batchSize) {
                        committedWhenReported.add(PostgresTestDatabase.count(schema, "opstate_jobs"));
                    }
                }
            };

            CopyReport report = new StoreCopier(batchSize, listener).copy(sqlite, postgres);

            assertThat(report.tables().get(0)).isEqualTo(new CopyReport.TableCount("opstate_jobs", jobs, jobs));
            assertThat(report.tables().get(4)).isEqualTo(new CopyReport.TableCount("opstate_history", 1_000, 1_000));
            assertThat(jobProgress).hasSize(1 + (jobs + batchSize - 1) / batchSize);
            for (int i = 0; i < jobProgress.size(); i++) {
                assertThat(jobProgress.get(i)).containsExactly(Math.min((long) i * batchSize, jobs), jobs);
            }
            assertThat(committedWhenReported).as("the first batch is committed while the rest is still being read")
                    .containsExactly((long) batchSize);
            // Whole records are compared in the tests above; here every row, cheaply.
            assertThat(StoreSnapshot.readAll(page -> postgres.jobs().list(JobQuery.all(), page)))
                    .isEqualTo(StoreSnapshot.readAll(page -> sqlite.jobs().list(JobQuery.all(), page)));
            assertThat(StoreSnapshot.readAll(page -> postgres.history().list(HistoryQuery.all(), page)))
                    .isEqualTo(StoreSnapshot.readAll(page -> sqlite.history().list(HistoryQuery.all(), page)));
        }
    }

    @Test
    void aCopyOfAStoreKeepingBlobsInTheDatabaseCarriesThemChunkByChunk() throws Exception {
        byte[] content = new byte[2 * 1024 * 1024 + 77];
        new Random(3).nextBytes(content);
        try (Datastore source = postgresWithBlobsInside(POSTGRES.newSchema());
             Datastore target = postgresWithBlobsInside(POSTGRES.newSchema())) {
            source.constructs().create(NewConstruct.of("plan", "draft").withId("c1"));
            Artifact artifact = source.artifacts().put(NewArtifact.of("c1", "bundle", "a.bin",
                    "application/octet-stream"), new ByteArrayInputStream(content));

            CopyReport report = new StoreCopier(CopyListener.NONE).copy(source, target);

            assertThat(report.tables()).filteredOn(t -> t.table().equals("opstate_artifact_blob_chunks"))
                    .singleElement().satisfies(t -> assertThat(t.targetRows()).isEqualTo(3));
            try (InputStream in = target.artifacts().open(artifact.id())) {
                assertThat(in.readAllBytes()).isEqualTo(content);
            }
            assertThat(target.artifacts().checkIntegrity(ArtifactCheck.full()).healthy()).isTrue();
        }
    }

    private Datastore postgresWithBlobsInside(String schema) {
        return Persistence.open(PersistenceConfig.builder(PostgresTestDatabase.url()).schema(schema)
                .timeSource(TimeSource.HOST).clock(clock).artifactStorage(ArtifactStorage.DATABASE).build());
    }

    private Datastore sqlite(String file) {
        return Persistence.open(PersistenceConfig.builder("jdbc:sqlite:" + dir.resolve(file)).clock(clock).build());
    }

    private Datastore postgres(String schema) {
        return Persistence.open(PersistenceConfig.builder(PostgresTestDatabase.url()).schema(schema)
                .timeSource(TimeSource.HOST).clock(clock).build());
    }
}
