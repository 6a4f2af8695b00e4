package io.opstate.cli.archive;

import static io.opstate.cli.testing.SameRecords.assertSameOperationalRecords;
import static io.opstate.cli.testing.SameRecords.assertSameSmallRecords;
import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.PageRequest;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.TimeSource;
import io.opstate.archives.ConflictPolicy;
import io.opstate.archives.ExportReport;
import io.opstate.archives.ExportSelection;
import io.opstate.archives.ImportAction;
import io.opstate.archives.ImportOptions;
import io.opstate.archives.ImportReport;
import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.ArtifactCheck;
import io.opstate.artifacts.ArtifactIntegrityReport;
import io.opstate.artifacts.ArtifactStorage;
import io.opstate.cli.testing.OneOfEverything;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobStatus;
import io.opstate.operations.Cancellation;
import io.opstate.operations.ProgressListener;
import io.opstate.postgres.testing.PostgresTestDatabase;
import io.opstate.tokens.CreatedToken;
import io.opstate.tokens.NewToken;
import io.opstate.tokens.Token;
import io.opstate.tck.JsonAssert;
import io.opstate.tck.SettableClock;
import io.opstate.tck.StoreSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An archive exported from SQLite imports into PostgreSQL (and back) with every record as it was,
 * artifacts with their content: into PostgreSQL with the blobs as files and in the database.
 */
class ArchiveAcrossBackendsTest {
    @RegisterExtension
    static final PostgresTestDatabase POSTGRES = new PostgresTestDatabase();

    @TempDir
    Path dir;

    private final SettableClock clock = new SettableClock();

    @Test
    void sqliteExportImportsIntoPostgresAsItWas() {
        Path archive = dir.resolve("store.zip");
        try (Datastore sqlite = sqlite("source.db"); Datastore postgres = postgres(POSTGRES.newSchema())) {
            OneOfEverything.populate(sqlite, clock);
            CreatedToken token = sqlite.tokens().create(NewToken.of("moved", Set.of("jobs:read")));
            StoreSnapshot before = StoreSnapshot.of(sqlite);
            ExportReport exported = sqlite.archives().export(archive, ExportSelection.wholeStore(),
                    ProgressListener.NONE, Cancellation.none());

            ImportReport imported = postgres.archives().importArchive(archive, ImportOptions.of(ConflictPolicy.FAIL),
                    ProgressListener.NONE, Cancellation.none());

            assertThat(imported.total(ImportAction.INSERT)).isEqualTo(exported.totalRows());
            assertSameOperationalRecords(StoreSnapshot.of(postgres), before);
            assertSameSmallRecords(StoreSnapshot.of(postgres), before);
            assertThat(postgres.preferences().list("alice", PageRequest.first(10)).items())
                    .usingRecursiveFieldByFieldElementComparatorIgnoringFields("document")
                    .isEqualTo(sqlite.preferences().list("alice", PageRequest.first(10)).items());
            assertThat(exported.rows()).containsKeys("resource_kinds", "resources", "preferences", "tokens");
            assertThat(postgres.tokens().verify(token.secret())).as("a token verifies with its original secret")
                    .map(Token::id).contains(token.token().id());
            assertSameArtifacts(postgres, sqlite);
            Job running = before.jobs().stream().filter(job -> job.status() == JobStatus.RUNNING).findFirst()
                    .orElseThrow();
            assertThat(postgres.jobs().claim(running.id(), "next-worker", OneOfEverything.LEASE))
                    .as("an imported running job goes to the next claim, with a larger token")
                    .hasValueSatisfying(job -> assertThat(job.fencingToken()).isGreaterThan(running.fencingToken()));
        }
    }

    @Test
    void sqliteExportImportsIntoPostgresKeepingBlobsInTheDatabase() {
        Path archive = dir.resolve("store.zip");
        try (Datastore sqlite = sqlite("source.db"); Datastore postgres = Persistence.open(PersistenceConfig
                .builder(PostgresTestDatabase.url()).schema(POSTGRES.newSchema()).timeSource(TimeSource.HOST)
                .artifactStorage(ArtifactStorage.DATABASE).clock(clock).build())) {
            OneOfEverything.populate(sqlite, clock);
            sqlite.archives().export(archive, ExportSelection.wholeStore(), ProgressListener.NONE, Cancellation.none());

            ImportReport imported = postgres.archives().importArchive(archive, ImportOptions.of(ConflictPolicy.FAIL),
                    ProgressListener.NONE, Cancellation.none());

            assertThat(imported.count("artifacts", ImportAction.INSERT)).isEqualTo(1);
            assertSameArtifacts(postgres, sqlite);
        }
    }

    /** The same artifact rows (metadata by meaning), usage and content, and every blob of {@code actual} whole. */
    private static void assertSameArtifacts(Datastore actual, Datastore expected) {
        Artifact want = expected.artifacts().get(OneOfEverything.ARTIFACT);
        Artifact got = actual.artifacts().get(OneOfEverything.ARTIFACT);
        assertThat(got).usingRecursiveComparison().ignoringFields("metadata").isEqualTo(want);
        assertThat(JsonAssert.parse(got.metadata())).isEqualTo(JsonAssert.parse(want.metadata()));
        assertThat(actual.artifacts().usageByType(want.constructId()))
                .isEqualTo(expected.artifacts().usageByType(want.constructId()));
        assertThat(read(actual, want.id())).isEqualTo(read(expected, want.id()));
        ArtifactIntegrityReport check = actual.artifacts().checkIntegrity(ArtifactCheck.full());
        assertThat(check.missingBlobs()).isEmpty();
        assertThat(check.corruptBlobs()).isEmpty();
    }

    private static byte[] read(Datastore store, String artifactId) {
        try (InputStream in = store.artifacts().open(artifactId)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void postgresExportImportsIntoSqliteAsItWas() {
        Path archive = dir.resolve("store.zip");
        try (Datastore postgres = postgres(POSTGRES.newSchema()); Datastore sqlite = sqlite("target.db")) {
            OneOfEverything.populate(postgres, clock);
            StoreSnapshot before = StoreSnapshot.of(postgres);
            postgres.archives().export(archive, ExportSelection.wholeStore(), ProgressListener.NONE,
                    Cancellation.none());

            sqlite.archives().importArchive(archive, ImportOptions.of(ConflictPolicy.FAIL), ProgressListener.NONE,
                    Cancellation.none());

            assertSameOperationalRecords(StoreSnapshot.of(sqlite), before);
            assertSameArtifacts(sqlite, postgres);
            ImportReport again = sqlite.archives().importArchive(archive, ImportOptions.dryRun(ConflictPolicy.SKIP),
                    ProgressListener.NONE, Cancellation.none());
            assertThat(again.total(ImportAction.INSERT)).isZero();
            assertThat(again.outcomes()).extracting(ImportReport.Outcome::entity)
                    .containsAll(Set.of("jobs", "pipelines", "schedules", "executions", "history"));
        }
    }

    private Datastore sqlite(String file) {
        return Persistence.open(PersistenceConfig.builder("jdbc:sqlite:" + dir.resolve(file)).clock(clock).build());
    }

    private Datastore postgres(String schema) {
        return Persistence.open(PersistenceConfig.builder(PostgresTestDatabase.url()).schema(schema)
                .timeSource(TimeSource.HOST).artifactRoot(dir.resolve("pg-blobs").toString()).clock(clock).build());
    }
}
