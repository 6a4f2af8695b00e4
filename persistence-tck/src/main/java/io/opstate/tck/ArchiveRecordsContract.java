package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opstate.Datastore;
import io.opstate.InvalidInputException;
import io.opstate.PageRequest;
import io.opstate.PersistenceConfig;
import io.opstate.Settings;
import io.opstate.archives.ArchiveConflictException;
import io.opstate.archives.ConflictPolicy;
import io.opstate.archives.ExportReport;
import io.opstate.archives.ExportSelection;
import io.opstate.archives.ImportAction;
import io.opstate.archives.ImportOptions;
import io.opstate.archives.ImportReport;
import io.opstate.constructs.Construct;
import io.opstate.constructs.ConstructChanges;
import io.opstate.constructs.NewConstruct;
import io.opstate.executions.ExecutionOutcome;
import io.opstate.executions.NewExecution;
import io.opstate.operations.Cancellation;
import io.opstate.operations.ProgressListener;
import io.opstate.pipelines.NewPipeline;
import io.opstate.preferences.Preference;
import io.opstate.resources.NewResource;
import io.opstate.resources.Resource;
import io.opstate.resources.ResourceKind;
import io.opstate.schedules.NewSchedule;
import io.opstate.schedules.Schedule;
import io.opstate.search.SearchHit;
import io.opstate.search.SearchQuery;
import io.opstate.sessions.NewSession;
import io.opstate.sessions.Session;
import io.opstate.sessions.SessionChanges;
import io.opstate.tokens.CreatedToken;
import io.opstate.tokens.NewToken;
import io.opstate.tokens.Token;
import io.opstate.transcripts.NewTranscriptEntry;
import io.opstate.transcripts.TranscriptEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Archives of the small records (resource kinds, resources, preferences, API tokens) and
 * {@code OVERWRITE_IF_NEWER} of records with children: every record round-trips and reads back
 * equal, tokens verify on the target with their original secrets, a target hashing with another
 * pepper refuses the tokens and stays unchanged, every conflict policy does what the format
 * describes (and a dry run reports what the real run does), and a newer schedule, execution,
 * construct or session is written over the stored one keeping what belongs to it. Every store of
 * the contract hashes tokens with {@link #PEPPER}.
 */
public abstract class ArchiveRecordsContract extends TwoStoreArchiveSupport {
    /** The pepper of every store of this contract unless a test says otherwise. */
    protected static final String PEPPER = "archive-contract-pepper";

    private CreatedToken active;
    private CreatedToken revoked;

    @Override
    protected PersistenceConfig.Builder configure(PersistenceConfig.Builder builder) {
        return builder.set(Settings.TOKEN_PEPPER, PEPPER);
    }

    /** The second store, hashing tokens with {@code pepper} instead. */
    private Datastore secondWithPepper(String pepper) {
        return openSecond(builder -> builder.set(Settings.TOKEN_PEPPER, pepper));
    }

    /**
     * Two kinds (one restricting a label), three resources (one owned, one moved on), preferences
     * of no one and of two owners, an active token that has been used and a revoked one.
     */
    private void seedRecords() {
        store.resources().declareKind(ResourceKind.of("deployment", "pending", "live", "failed")
                .withLabelValues("env", "prod", "dev"));
        store.resources().declareKind(ResourceKind.of("service", "up", "down"));
        Resource web = store.resources().create(NewResource.of("deployment", "web").withLabel("env", "prod")
                .withSpec("{\"image\": \"web:1\"}"));
        advance(Duration.ofSeconds(1));
        store.resources().transition(web.id(), web.version(), "live", "{\"replicas\": 3}");
        store.resources().create(NewResource.of("deployment", "api").withOwner("team-a").withLabel("tier", "x"));
        store.resources().create(NewResource.of("service", "db"));
        store.preferences().save(null, "theme", "{\"dark\": true}");
        store.preferences().save("alice", "layout", "[1, 2]");
        store.preferences().save("alice", "layout", "[1, 2, 3]");
        store.preferences().save("bob", "theme", "\"light\"");
        active = store.tokens().create(NewToken.of("ci", Set.of("read", "write")).withExpiresAt(now().plus(Duration.ofDays(30))));
        revoked = store.tokens().create(NewToken.of("old", Set.of()));
        store.tokens().revoke(revoked.token().id());
        advance(Duration.ofMinutes(2));
        assertThat(store.tokens().verify(active.secret())).isPresent();
    }

    /** A pipeline with a schedule that ran (execution e1) and a running execution e2; construct b with session sb. */
    private void seedOperational() {
        store.pipelines().create(NewPipeline.of("etl", "{}"));
        store.schedules().create(NewSchedule.of("nightly", "etl", "0 2 * * *").withId("s1"));
        store.executions().start(NewExecution.of("etl", "scheduler").withId("e1").withScheduleId("s1"));
        advance(Duration.ofSeconds(5));
        store.executions().finish("e1", ExecutionOutcome.succeeded());
        store.executions().start(NewExecution.of("etl", "alice").withId("e2"));
        store.constructs().create(NewConstruct.of("agent", "idle").withId("a").withTitle("Alpha"));
        store.constructs().create(NewConstruct.of("agent", "idle").withId("b").withTitle("Bravo"));
        store.constructs().link("a", "uses", "b", null);
        store.sessions().create(NewSession.of("b", "running").withId("sb"));
        store.transcripts().append("sb", NewTranscriptEntry.of("user", "hello"));
        store.sessions().saveState("sb", 0, "{\"at\": 1}");
    }

    /** Every preference of the owners the seed uses, as the store lists them. */
    private static List<Preference> preferences(Datastore store) {
        return java.util.stream.Stream.of(null, "alice", "bob")
                .flatMap(owner -> StoreSnapshot.readAll(page -> store.preferences().list(owner, page)).stream())
                .toList();
    }

    private static List<Object> records(Datastore store) {
        StoreSnapshot snapshot = StoreSnapshot.of(store);
        return List.of(snapshot.resourceKinds(), snapshot.resources(), snapshot.tokens(), preferences(store));
    }

    private static List<Object> operational(Datastore store) {
        StoreSnapshot snapshot = StoreSnapshot.of(store);
        return List.of(snapshot.pipelines(), snapshot.schedules(), snapshot.executions(), snapshot.constructs(),
                snapshot.constructLinks(), snapshot.sessions(), snapshot.checkpoints(), snapshot.transcripts());
    }

    private Path export(Datastore from) {
        Path archive = folder().resolve("store-" + System.nanoTime() + ".zip");
        from.archives().export(archive, ExportSelection.wholeStore(), ProgressListener.NONE, Cancellation.none());
        return archive;
    }

    private static ImportReport importInto(Datastore into, Path archive, ImportOptions options) {
        return into.archives().importArchive(archive, options, ProgressListener.NONE, Cancellation.none());
    }

    private static JsonNode manifest(Path archive) {
        try {
            return new ObjectMapper().readTree(ArchiveFiles.read(archive).get("manifest.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("kinds, resources, preferences of every owner and tokens travel into an empty store and read back equal")
    void recordsRoundTrip() {
        seedRecords();
        Path archive = export(store);

        ImportReport report = importInto(second(), archive, ImportOptions.of(ConflictPolicy.FAIL));

        assertThat(records(second())).isEqualTo(records(store));
        assertThat(report.count("resource_kinds", ImportAction.INSERT)).isEqualTo(2);
        assertThat(report.count("resources", ImportAction.INSERT)).isEqualTo(3);
        assertThat(report.count("preferences", ImportAction.INSERT)).isEqualTo(3);
        assertThat(report.count("tokens", ImportAction.INSERT)).isEqualTo(2);
        assertThat(second().resources().changesSince(0, 10)).extracting(change -> change.resourceId())
                .containsExactlyInAnyOrderElementsOf(StoreSnapshot.of(store).resources().stream().map(Resource::id).toList());
    }

    @Test
    @DisplayName("imported tokens verify with their original secrets; the archive holds hashes and the pepper's fingerprint, never a secret or the pepper")
    void tokensVerifyOnTheTarget() {
        seedRecords();
        Path archive = export(store);
        importInto(second(), archive, ImportOptions.of(ConflictPolicy.FAIL));

        assertThat(second().tokens().verify(active.secret())).map(Token::id).contains(active.token().id());
        assertThat(second().tokens().verify(revoked.secret())).isEmpty();
        assertThat(second().tokens().get(revoked.token().id()).revokedAt()).isNotNull();
        String all = ArchiveFiles.read(archive).values().stream()
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8)).reduce("", String::concat);
        assertThat(all).doesNotContain(active.secret()).doesNotContain(revoked.secret()).doesNotContain(PEPPER)
                .contains("secretHash");
        assertThat(manifest(archive).get("tokenPepperFingerprint").asText()).matches("[0-9a-f]{64}");
    }

    @Test
    @DisplayName("a store hashing with another pepper refuses the archive's tokens, naming opstate.token-pepper, and stays unchanged")
    void otherPepperRefused() {
        seedRecords();
        Path archive = export(store);
        Datastore target = secondWithPepper("another-pepper");
        target.preferences().save(null, "kept", "1");
        StoreSnapshot before = StoreSnapshot.of(target);

        for (ImportOptions options : List.of(ImportOptions.of(ConflictPolicy.FAIL), ImportOptions.dryRun(ConflictPolicy.SKIP))) {
            assertThatThrownBy(() -> importInto(target, archive, options))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.field()).isEqualTo("opstate.token-pepper"));
            assertThat(StoreSnapshot.of(target)).isEqualTo(before);
        }
        assertThat(target.resources().kinds()).isEmpty();
    }

    @Test
    @DisplayName("an archive without tokens imports into a store of another pepper")
    void noTokensNoPepperCheck() {
        store.preferences().save(null, "theme", "1");
        Path archive = export(store);

        importInto(secondWithPepper("another-pepper"), archive, ImportOptions.of(ConflictPolicy.FAIL));

        assertThat(second().preferences().get(null, "theme").document()).isEqualTo("1");
    }

    @Test
    @DisplayName("FAIL names the first record held; SKIP keeps every stored record")
    void failAndSkip() {
        seedRecords();
        Path archive = export(store);
        StoreSnapshot before = StoreSnapshot.of(store);

        ArchiveConflictException e = assertFailsUnchanged(ArchiveConflictException.class,
                () -> importInto(store, archive, ImportOptions.of(ConflictPolicy.FAIL)));
        assertThat(e.entity()).isEqualTo("resource_kinds");
        ImportReport report = importInto(store, archive, ImportOptions.of(ConflictPolicy.SKIP));

        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
        assertThat(report.total(ImportAction.SKIP)).isEqualTo(2 + 3 + 3 + 2);
        assertThat(report.total(ImportAction.INSERT)).isZero();
    }

    @Test
    @DisplayName("OVERWRITE_IF_NEWER writes the archive's newer kinds, resources, preferences and tokens and keeps the store's newer ones")
    void overwriteIfNewerRecords() {
        seedRecords();
        importInto(second(), export(store), ImportOptions.of(ConflictPolicy.FAIL));
        advance(Duration.ofSeconds(10));
        store.resources().declareKind(ResourceKind.of("service", "up", "draining"));
        Resource db = store.resources().findByName("service", null, "db").orElseThrow();
        store.resources().transition(db.id(), db.version(), "draining", null);
        store.preferences().save("bob", "theme", "\"dark\"");
        store.tokens().revoke(active.token().id());
        second().preferences().save(null, "theme", "{\"dark\": false}");
        Path archive = export(store);

        ImportReport report = importInto(second(), archive, ImportOptions.of(ConflictPolicy.OVERWRITE_IF_NEWER));

        assertThat(second().resources().kind("service")).isEqualTo(store.resources().kind("service"));
        assertThat(second().resources().get(db.id())).isEqualTo(store.resources().get(db.id()));
        assertThat(second().preferences().get("bob", "theme")).isEqualTo(store.preferences().get("bob", "theme"));
        assertThat(second().preferences().get(null, "theme").version()).isEqualTo(2);
        assertThat(second().tokens().get(active.token().id())).isEqualTo(store.tokens().get(active.token().id()));
        assertThat(second().tokens().verify(active.secret())).isEmpty();
        assertThat(report.count("resource_kinds", ImportAction.OVERWRITE)).isEqualTo(1);
        assertThat(report.count("resources", ImportAction.OVERWRITE)).isEqualTo(1);
        assertThat(report.count("preferences", ImportAction.OVERWRITE)).isEqualTo(1);
        assertThat(report.count("preferences", ImportAction.SKIP)).isEqualTo(2);
        assertThat(report.count("tokens", ImportAction.OVERWRITE)).isEqualTo(1);
        assertThat(second().resources().changesSince(0, 100)).extracting(change -> change.type())
                .contains(io.opstate.resources.ResourceChange.Type.UPDATED);
    }

    @Test
    @DisplayName("COPY_AS_NEW copies resources under fresh ids and names, keeps kinds and tokens, and refuses a held preference")
    void copyAsNewRecords() {
        seedRecords();
        List<Preference> held = preferences(store);
        held.forEach(preference -> store.preferences().delete(preference.owner(), preference.key()));
        Path withoutPreferences = export(store);
        StoreSnapshot before = StoreSnapshot.of(store);

        ImportReport report = importInto(store, withoutPreferences, ImportOptions.of(ConflictPolicy.COPY_AS_NEW));

        StoreSnapshot after = StoreSnapshot.of(store);
        assertThat(report.count("resources", ImportAction.COPY)).isEqualTo(3);
        assertThat(report.count("resource_kinds", ImportAction.SKIP)).isEqualTo(2);
        assertThat(report.count("tokens", ImportAction.SKIP)).isEqualTo(2);
        assertThat(after.resources()).hasSize(6).containsAll(before.resources());
        assertThat(after.resources()).filteredOn(r -> !before.resources().contains(r))
                .allSatisfy(copy -> assertThat(copy.name()).contains("-copy-"));
        assertThat(after.resourceKinds()).isEqualTo(before.resourceKinds());
        assertThat(after.tokens()).isEqualTo(before.tokens());

        store.preferences().save("alice", "layout", "[1]");
        Path withPreference = export(store);
        ArchiveConflictException e = assertFailsUnchanged(ArchiveConflictException.class,
                () -> importInto(store, withPreference, ImportOptions.of(ConflictPolicy.COPY_AS_NEW)));
        assertThat(e.entity()).isEqualTo("preferences");
        assertThat(e.getMessage()).contains("copy-as-new");
    }

    @Test
    @DisplayName("COPY_AS_NEW refuses a kind the store declares narrower than the archive, naming the policy and the entity")
    void copyAsNewRefusesNarrowerKind() {
        store.resources().declareKind(ResourceKind.of("service", "up", "down"));
        Path archive = export(store);
        second().resources().declareKind(ResourceKind.of("service", "up"));
        StoreSnapshot before = StoreSnapshot.of(second());

        assertThatThrownBy(() -> importInto(second(), archive, ImportOptions.of(ConflictPolicy.COPY_AS_NEW)))
                .isInstanceOfSatisfying(ArchiveConflictException.class, e -> {
                    assertThat(e.entity()).isEqualTo("resource_kinds");
                    assertThat(e.getMessage()).contains("copy-as-new");
                });
        assertThat(StoreSnapshot.of(second())).isEqualTo(before);
    }

    @Test
    @DisplayName("a dry run under every policy counts what the real run then does, or fails as it does, and writes nothing")
    void dryRunCountsEqualRealRun() {
        seedRecords();
        seedOperational();
        Datastore target = second();
        importInto(target, export(store), ImportOptions.of(ConflictPolicy.FAIL));
        for (ConflictPolicy policy : List.of(ConflictPolicy.SKIP, ConflictPolicy.OVERWRITE_IF_NEWER,
                ConflictPolicy.COPY_AS_NEW, ConflictPolicy.FAIL)) {
            advance(Duration.ofSeconds(1));
            store.preferences().save("carol", "k-" + policy, "1");
            store.preferences().save("bob", "theme", "\"" + policy + "\"");
            Session sb = store.sessions().get("sb");
            store.sessions().update("sb", sb.version(), SessionChanges.none().withStatus("s-" + policy));
            store.transcripts().append("sb", NewTranscriptEntry.of("user", "more " + policy));
            Path archive = export(store);
            StoreSnapshot before = StoreSnapshot.of(target);

            if (policy == ConflictPolicy.FAIL || policy == ConflictPolicy.COPY_AS_NEW) {
                // FAIL meets the first held record; COPY_AS_NEW the held preferences, which it never copies.
                Throwable dry = org.assertj.core.api.Assertions.catchThrowable(
                        () -> importInto(target, archive, ImportOptions.dryRun(policy)));
                Throwable real = org.assertj.core.api.Assertions.catchThrowable(
                        () -> importInto(target, archive, ImportOptions.of(policy)));
                assertThat(dry).as("under %s", policy).isInstanceOf(ArchiveConflictException.class);
                assertThat(real).as("under %s", policy).isInstanceOf(ArchiveConflictException.class)
                        .hasMessage(dry.getMessage());
                assertThat(StoreSnapshot.of(target)).isEqualTo(before);
            } else {
                ImportReport dry = importInto(target, archive, ImportOptions.dryRun(policy));
                assertThat(StoreSnapshot.of(target)).as("after a dry run under %s", policy).isEqualTo(before);
                ImportReport real = importInto(target, archive, ImportOptions.of(policy));
                assertThat(dry.outcomes()).as("under %s", policy).isEqualTo(real.outcomes());
                assertThat(real.count("preferences", ImportAction.INSERT)).isEqualTo(1);
            }
        }
    }

    @Test
    @DisplayName("OVERWRITE_IF_NEWER writes a newer schedule, execution, construct and session over the stored ones, keeping their executions, sessions, links, checkpoints and entries")
    void overwriteKeepsChildren() {
        seedOperational();
        importInto(second(), export(store), ImportOptions.of(ConflictPolicy.FAIL));
        advance(Duration.ofSeconds(30));
        Schedule s1 = store.schedules().get("s1");
        store.schedules().recordRun("s1", s1.version(), now(), "ok again");
        store.executions().finish("e2", ExecutionOutcome.failed("late"));
        Construct b = store.constructs().get("b");
        store.constructs().update("b", b.version(), ConstructChanges.none().withTitle("Bravo zulu"));
        Session sb = store.sessions().get("sb");
        store.sessions().update("sb", sb.version(), SessionChanges.none().withStatus("finished").withEndedAt(now()));
        store.transcripts().append("sb", NewTranscriptEntry.of("assistant", "bye"));
        store.sessions().saveState("sb", 1, "{\"at\": 2}");
        Path archive = export(store);

        ImportReport report = importInto(second(), archive, ImportOptions.of(ConflictPolicy.OVERWRITE_IF_NEWER));

        assertThat(operational(second())).isEqualTo(operational(store));
        assertThat(report.count("schedules", ImportAction.OVERWRITE)).isEqualTo(1);
        assertThat(report.count("executions", ImportAction.OVERWRITE)).isEqualTo(1);
        assertThat(report.count("constructs", ImportAction.OVERWRITE)).isEqualTo(1);
        assertThat(report.count("sessions", ImportAction.OVERWRITE)).isEqualTo(1);
        assertThat(report.count("transcript_entries", ImportAction.SKIP)).isEqualTo(1);
        assertThat(report.count("transcript_entries", ImportAction.INSERT)).isEqualTo(1);
        assertThat(report.count("checkpoints", ImportAction.INSERT)).isEqualTo(1);
        assertThat(second().executions().get("e1").scheduleId()).isEqualTo("s1");
        assertThat(second().constructs().outgoing("a", null)).singleElement()
                .satisfies(link -> assertThat(link.toId()).isEqualTo("b"));
        assertThat(second().search().search(SearchQuery.of("zulu"), PageRequest.first(10)).items())
                .extracting(SearchHit::constructId).containsExactly("b");
        assertThat(second().transcripts().stream("sb").map(TranscriptEntry::content).toList())
                .containsExactly("hello", "bye");
    }

    @Test
    @DisplayName("none of the small records travels in an export of chosen constructs")
    void chosenConstructsCarryNoRecords() {
        seedRecords();
        seedOperational();
        Path archive = folder().resolve("chosen.zip");

        ExportReport report = store.archives().export(archive, ExportSelection.constructs("b"), ProgressListener.NONE,
                Cancellation.none());

        assertThat(report.rows()).doesNotContainKeys("resource_kinds", "resources", "preferences", "tokens");
        assertThat(manifest(archive).get("tokenPepperFingerprint").isNull()).isTrue();
    }
}
