package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.DuplicateKeyException;
import io.opstate.NotFoundException;
import io.opstate.constructs.Construct;
import io.opstate.constructs.NewConstruct;
import io.opstate.preferences.Preference;
import io.opstate.resources.NewResource;
import io.opstate.resources.Resource;
import io.opstate.resources.ResourceChange;
import io.opstate.resources.ResourceKind;
import io.opstate.schedules.NewSchedule;
import io.opstate.schedules.Schedule;
import io.opstate.executions.NewExecution;
import io.opstate.pipelines.NewPipeline;
import io.opstate.sessions.NewSession;
import io.opstate.sessions.Session;
import io.opstate.tokens.HashedToken;
import io.opstate.tokens.Token;
import io.opstate.transcripts.NewTranscriptEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link io.opstate.imports.RecordImport} for resource kinds, resources, preferences and tokens,
 * and its {@code replace} methods: records are written as they were, each checked against what
 * the store holds, and a replacement keeps the rows that belong to the record.
 */
public abstract class RecordReplaceContract extends TckSupport {
    private static final Instant T = T0.minus(Duration.ofDays(2));
    private static final String HASH = "0f".repeat(32);

    private void kind() {
        store.resources().declareKind(ResourceKind.of("deployment", "pending", "live").withLabelValues("env", "prod"));
    }

    private static Resource resource(String id, String name, String status, long version) {
        return new Resource(id, "deployment", name, null, "{\"a\": 1}", status, null, Map.of("env", "prod"), T,
                T.plusSeconds(version), version);
    }

    @Test
    @DisplayName("kinds, resources, preferences and tokens are written as they were")
    void importsAsTheyWere() {
        store.records().importResourceKinds(List.of(ResourceKind.of("deployment", "pending", "live")
                .withLabelValues("env", "prod")));
        Resource web = resource("r-1", "web", "live", 7);
        store.records().importResources(List.of(web));
        Preference preference = new Preference("alice", "theme", "{\"dark\": true}", 4, T, T.plusSeconds(9));
        store.records().importPreferences(List.of(preference));
        HashedToken token = new HashedToken("00000000-0000-7000-8000-000000000001", "ci", Set.of("read"), T,
                null, T.plusSeconds(5), T.plusSeconds(6), HASH);
        store.records().importTokens(List.of(token));

        assertThat(store.resources().kind("deployment")).contains(ResourceKind.of("deployment", "pending", "live")
                .withLabelValues("env", "prod"));
        assertThat(store.resources().get("r-1")).usingRecursiveComparison().ignoringFields("spec").isEqualTo(web);
        JsonAssert.assertJsonEquals("{\"a\": 1}", store.resources().get("r-1").spec());
        assertThat(store.resources().changesSince(0, 10)).singleElement().satisfies(change -> {
            assertThat(change.type()).isEqualTo(ResourceChange.Type.CREATED);
            assertThat(change.version()).isEqualTo(7);
        });
        assertThat(store.preferences().get("alice", "theme")).usingRecursiveComparison().ignoringFields("document")
                .isEqualTo(preference);
        assertThat(store.tokens().get(token.id())).isEqualTo(token.token());
    }

    @Test
    @DisplayName("a resource that does not fit its kind, or whose kind is not declared, is refused naming the field")
    void resourcesFitTheirKind() {
        kind();
        assertRejected("resources[0].kind", () -> store.records().importResources(List.of(
                new Resource("r-1", "nope", "web", null, null, "live", null, Map.of(), T, T, 1))));
        assertRejected("resources[0].status", () -> store.records().importResources(List.of(
                resource("r-1", "web", "gone", 1))));
        assertRejected("resources[0].labels.env", () -> store.records().importResources(List.of(
                new Resource("r-1", "deployment", "web", null, null, "live", null, Map.of("env", "dev"), T, T, 1))));
        store.resources().create(NewResource.of("deployment", "web"));
        assertFailsUnchanged(DuplicateKeyException.class, () -> store.records().importResources(List.of(
                resource("r-2", "web", "live", 1))));
        assertFailsUnchanged(DuplicateKeyException.class, () -> store.records().importResourceKinds(List.of(
                ResourceKind.of("deployment", "x"))));
    }

    @Test
    @DisplayName("a token needs a secret's id length and a hash of 64 lower-case hex digits")
    void tokenShape() {
        assertRejected("tokens[0].id", () -> store.records().importTokens(List.of(
                new HashedToken("short", "ci", Set.of(), T, null, null, null, HASH))));
        assertRejected("tokens[0].secretHash", () -> store.records().importTokens(List.of(
                new HashedToken("00000000-0000-7000-8000-000000000001", "ci", Set.of(), T, null, null, null,
                        HASH.toUpperCase()))));
    }

    @Test
    @DisplayName("replacing a schedule, execution, construct or session keeps what belongs to it")
    void replaceKeepsChildren() {
        store.pipelines().create(NewPipeline.of("etl", "{}"));
        Schedule schedule = store.schedules().create(NewSchedule.of("n", "etl", "0 2 * * *").withId("s1"));
        store.executions().start(NewExecution.of("etl", "alice").withId("e1").withScheduleId("s1"));
        Construct construct = store.constructs().create(NewConstruct.of("agent", "idle").withId("a"));
        store.constructs().create(NewConstruct.of("agent", "idle").withId("b"));
        store.constructs().link("a", "uses", "b", null);
        store.sessions().create(NewSession.of("a", "running").withId("sa"));
        store.transcripts().append("sa", NewTranscriptEntry.of("user", "hello"));
        Session session = store.sessions().get("sa");

        store.records().replaceSchedules(List.of(new Schedule("s1", "renamed", "etl", schedule.cronExpression(),
                schedule.timeZone(), schedule.enabled(), schedule.nextRunAt(), null, null, schedule.createdAt(),
                schedule.updatedAt(), 9)));
        store.records().replaceConstructs(List.of(new Construct("a", "agent", "busy", "Alpha", null,
                construct.createdAt(), construct.updatedAt(), 5)));
        store.records().replaceSessions(List.of(new Session("sa", "a", "done", session.startedAt(), now(), null,
                session.stateVersion(), session.lastSequence(), session.createdAt(), now(), 4)));

        assertThat(store.schedules().get("s1").name()).isEqualTo("renamed");
        assertThat(store.schedules().get("s1").version()).isEqualTo(9);
        assertThat(store.executions().get("e1").scheduleId()).isEqualTo("s1");
        assertThat(store.constructs().get("a").status()).isEqualTo("busy");
        assertThat(store.constructs().outgoing("a", null)).hasSize(1);
        assertThat(store.sessions().get("sa").version()).isEqualTo(4);
        assertThat(store.transcripts().stream("sa").count()).isEqualTo(1);
        assertThat(store.search().search(io.opstate.search.SearchQuery.of("Alpha"), io.opstate.PageRequest.first(5))
                .items()).extracting(io.opstate.search.SearchHit::constructId).containsExactly("a");
    }

    @Test
    @DisplayName("a replacement of a record the store lacks is not found; a session keeps its construct and reach")
    void replaceRefusals() {
        store.constructs().create(NewConstruct.of("agent", "idle").withId("a"));
        store.constructs().create(NewConstruct.of("agent", "idle").withId("b"));
        store.sessions().create(NewSession.of("a", "running").withId("sa"));
        store.transcripts().append("sa", NewTranscriptEntry.of("user", "hello"));
        Session session = store.sessions().get("sa");

        assertFailsUnchanged(NotFoundException.class, () -> store.records().replaceConstructs(List.of(
                new Construct("nope", "agent", "idle", null, null, T, T, 1))));
        assertFailsUnchanged(NotFoundException.class, () -> store.records().replaceTokens(List.of(
                new HashedToken("00000000-0000-7000-8000-000000000009", "ci", Set.of(), T, null, null, null, HASH))));
        assertRejected("sessions[0].constructId", () -> store.records().replaceSessions(List.of(new Session("sa", "b",
                "done", session.startedAt(), null, null, 0, 1, session.createdAt(), session.updatedAt(), 2))));
        assertRejected("sessions[0].lastSequence", () -> store.records().replaceSessions(List.of(new Session("sa",
                "a", "done", session.startedAt(), null, null, 0, 0, session.createdAt(), session.updatedAt(), 2))));
    }

    @Test
    @DisplayName("replacing a resource keeps its kind, writes it as it was and adds an UPDATED change; tokens are replaced with their hashes")
    void replaceResourcesAndTokens() {
        kind();
        store.records().importResources(List.of(resource("r-1", "web", "pending", 1)));
        store.records().replaceResources(List.of(resource("r-1", "web2", "live", 3)));
        HashedToken token = new HashedToken("00000000-0000-7000-8000-000000000001", "ci", Set.of("read"), T, null,
                null, null, HASH);
        store.records().importTokens(List.of(token));
        HashedToken revoked = new HashedToken(token.id(), "ci", Set.of("read"), T, null, T.plusSeconds(1),
                T.plusSeconds(2), HASH);
        List<Token> replaced = store.records().replaceTokens(List.of(revoked));

        assertThat(store.resources().get("r-1").name()).isEqualTo("web2");
        assertThat(store.resources().get("r-1").version()).isEqualTo(3);
        assertThat(store.resources().findByName("deployment", null, "web")).isEmpty();
        assertThat(store.resources().changesSince(0, 10)).extracting(ResourceChange::type)
                .containsExactly(ResourceChange.Type.CREATED, ResourceChange.Type.UPDATED);
        assertThat(replaced).containsExactly(revoked.token());
        assertThat(store.tokens().get(token.id())).isEqualTo(revoked.token());
        assertRejected("resources[0].kind", () -> store.records().replaceResources(List.of(
                new Resource("r-1", "other", "web2", null, null, "live", null, Map.of(), T, T, 4))));
    }
}
