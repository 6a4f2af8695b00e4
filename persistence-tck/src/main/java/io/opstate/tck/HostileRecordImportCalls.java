package io.opstate.tck;

import static io.opstate.tck.HostileImportCalls.CREATED;
import static io.opstate.tck.HostileImportCalls.batch;
import static io.opstate.tck.HostileImportCalls.imported;
import static io.opstate.tck.HostileImportCalls.isConstruct;
import static io.opstate.tck.HostileImportCalls.only;
import static io.opstate.tck.HostileSeed.EXECUTION;
import static io.opstate.tck.HostileSeed.SCHEDULE;

import io.opstate.DuplicateKeyException;
import io.opstate.NotFoundException;
import io.opstate.constructs.Construct;
import io.opstate.executions.Execution;
import io.opstate.preferences.Preference;
import io.opstate.resources.Resource;
import io.opstate.resources.ResourceKind;
import io.opstate.schedules.Schedule;
import io.opstate.sessions.Session;
import io.opstate.tokens.HashedToken;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The entry points of {@link io.opstate.imports.RecordImport} for resource kinds, resources,
 * preferences and tokens, and its {@code replace} methods, with hostile batches as
 * {@link HostileImportCalls} makes them. The seeded store holds the resource kind and resource of
 * {@link HostileResourceCalls}, no preference and no token, and the schedule, execution,
 * constructs and session of {@link HostileSeed} and {@link HostileSessionCalls} (the session has
 * reached state version 1 and sequence 2).
 */
final class HostileRecordImportCalls {
    private static final String HASH = "ab".repeat(32);

    private HostileRecordImportCalls() {
    }

    static Map<String, Function<HostileRecords, HostileCall>> all() {
        Map<String, Function<HostileRecords, HostileCall>> calls = new LinkedHashMap<>();
        calls.put("records().importPreferences", r -> {
            Hostile<List<Preference>> batch = batch(r, () -> preference(r));
            return HostileCall.writing("importPreferences(" + batch + ")",
                    s -> s.records().importPreferences(batch.value()), imported());
        });
        calls.put("records().importResourceKinds", r -> {
            Hostile<List<ResourceKind>> batch = batch(r, () -> kind(r));
            ResourceKind kind = only(batch);
            return HostileCall.writing("importResourceKinds(" + batch + ")",
                    s -> s.records().importResourceKinds(batch.value()),
                    kind != null && HostileResourceCalls.KIND.equals(kind.name())
                            ? Outcome.fails(DuplicateKeyException.class) : imported());
        });
        calls.put("records().importResources", r -> {
            Hostile<List<Resource>> batch = batch(r, () -> resource(r));
            return HostileCall.writing("importResources(" + batch + ")",
                    s -> s.records().importResources(batch.value()), onStore(only(batch)));
        });
        calls.put("records().importTokens", r -> {
            Hostile<List<HashedToken>> batch = batch(r, () -> token(r));
            return HostileCall.writing("importTokens(" + batch + ")", s -> s.records().importTokens(batch.value()),
                    imported());
        });
        calls.put("records().replaceSchedules", r -> {
            Hostile<List<Schedule>> batch = batch(r, () -> HostileImportCalls.schedule(r));
            Schedule schedule = only(batch);
            return HostileCall.writing("replaceSchedules(" + batch + ")",
                    s -> s.records().replaceSchedules(batch.value()),
                    schedule != null && SCHEDULE.equals(schedule.id()) ? imported()
                            : Outcome.fails(NotFoundException.class));
        });
        calls.put("records().replaceExecutions", r -> {
            Hostile<List<Execution>> batch = batch(r, () -> HostileImportCalls.execution(r));
            Execution execution = only(batch);
            boolean replaceable = execution != null && EXECUTION.equals(execution.id())
                    && (execution.scheduleId() == null || SCHEDULE.equals(execution.scheduleId()));
            return HostileCall.writing("replaceExecutions(" + batch + ")",
                    s -> s.records().replaceExecutions(batch.value()),
                    replaceable ? imported() : Outcome.fails(NotFoundException.class));
        });
        calls.put("records().replaceConstructs", r -> {
            Hostile<List<Construct>> batch = batch(r, () -> HostileImportCalls.construct(r));
            Construct construct = only(batch);
            return HostileCall.writing("replaceConstructs(" + batch + ")",
                    s -> s.records().replaceConstructs(batch.value()),
                    construct != null && isConstruct(construct.id()) ? imported()
                            : Outcome.fails(NotFoundException.class));
        });
        calls.put("records().replaceSessions", r -> {
            Hostile<List<Session>> batch = batch(r, () -> HostileImportCalls.session(r));
            Session session = only(batch);
            Outcome ifValid;
            if (session == null || !HostileSessionCalls.SESSION.equals(session.id())) {
                ifValid = Outcome.fails(NotFoundException.class);
            } else if (!HostileSessionCalls.CONSTRUCT.equals(session.constructId())) {
                ifValid = Outcome.rejected("sessions[0].constructId");
            } else if (session.stateVersion() < 1) {
                ifValid = Outcome.rejected("sessions[0].stateVersion");
            } else if (session.lastSequence() < HostileSessionCalls.ENTRIES) {
                ifValid = Outcome.rejected("sessions[0].lastSequence");
            } else {
                ifValid = imported();
            }
            return HostileCall.writing("replaceSessions(" + batch + ")",
                    s -> s.records().replaceSessions(batch.value()), ifValid);
        });
        // The seeded resource's id is generated, so a valid replacement names no stored resource.
        calls.put("records().replaceResources", r -> {
            Hostile<List<Resource>> batch = batch(r, () -> resource(r));
            return HostileCall.writing("replaceResources(" + batch + ")",
                    s -> s.records().replaceResources(batch.value()), Outcome.fails(NotFoundException.class));
        });
        calls.put("records().replaceTokens", r -> {
            Hostile<List<HashedToken>> batch = batch(r, () -> token(r));
            return HostileCall.writing("replaceTokens(" + batch + ")", s -> s.records().replaceTokens(batch.value()),
                    Outcome.fails(NotFoundException.class));
        });
        return calls;
    }

    /**
     * What the store says to a resource that passed validation: its kind must be declared, its
     * status one of the kind's, and its kind, owner and name free.
     */
    private static Outcome onStore(Resource resource) {
        if (resource == null || !HostileResourceCalls.KIND.equals(resource.kind())) {
            return Outcome.rejected("resources[0].kind");
        }
        if (!Set.of(HostileResourceCalls.STATUS, HostileSeed.CONSTRUCT).contains(resource.status())) {
            return Outcome.rejected("resources[0].status");
        }
        if (resource.owner() == null && HostileResourceCalls.RESOURCE.equals(resource.name())) {
            return Outcome.fails(DuplicateKeyException.class);
        }
        return imported();
    }

    /** Fields the record requires are never null here: a null one would fail in its constructor, not in the store. */
    private static Hostile<Preference> preference(HostileRecords r) {
        HostileRecords.Plan plan = r.arguments(6);
        HostileValues v = r.values();
        Preference preference = new Preference(plan.field(0, "owner", v::name, null),
                orElse(plan.field(1, "key", v::name, "k-" + v.word(6)), "k"),
                orElse(plan.field(2, "document", r::json, "{}"), "{}"),
                plan.field(3, "version", () -> v.longValue(-1, 0, 1, 2), 1L),
                orElse(plan.field(4, "createdAt", v::instant, CREATED), CREATED),
                orElse(plan.field(5, "updatedAt", v::instant, CREATED), CREATED));
        return Hostile.of(preference, "preference(" + plan.label() + ")");
    }

    private static Hostile<Resource> resource(HostileRecords r) {
        HostileRecords.Plan plan = r.arguments(11);
        HostileValues v = r.values();
        Resource resource = new Resource(plan.field(0, "id", v::name, "rx-" + v.word(6)),
                plan.field(1, "kind", v::name, HostileResourceCalls.KIND),
                plan.field(2, "name", v::name, "n-" + v.word(6)), plan.field(3, "owner", v::name, null),
                plan.field(4, "spec", r::jsonObject, null),
                plan.field(5, "status", v::name, HostileResourceCalls.STATUS),
                plan.field(6, "statusDetail", r::jsonObject, null),
                plan.field(7, "labels", () -> HostileResourceCalls.labels(r), Map.of()),
                plan.field(8, "createdAt", v::instant, CREATED), plan.field(9, "updatedAt", v::instant, null),
                plan.field(10, "version", () -> v.longValue(0, 1, 2), 1L));
        return Hostile.of(resource, "resource(" + plan.label() + ")");
    }

    private static Hostile<HashedToken> token(HostileRecords r) {
        HostileRecords.Plan plan = r.arguments(8);
        HostileValues v = r.values();
        String id = UUID.nameUUIDFromBytes(v.word(8).getBytes(StandardCharsets.UTF_8)).toString();
        HashedToken token = new HashedToken(plan.field(0, "id", v::name, id),
                plan.field(1, "name", v::name, "ci"), plan.field(2, "scopes", v::names, Set.of("read")),
                plan.field(3, "createdAt", v::instant, CREATED), plan.field(4, "expiresAt", v::instant, null),
                plan.field(5, "lastUsedAt", v::instant, null), plan.field(6, "revokedAt", v::instant, null),
                plan.field(7, "secretHash", () -> Hostile.of(v.chance(50) ? null : HASH.substring(1) + "G",
                        "a hash that is not 64 hex digits"), HASH));
        return Hostile.of(token, "token(" + plan.label() + ")");
    }

    /** A kind as the resource calls make one, never null: the batch generator makes the null cases. */
    private static Hostile<ResourceKind> kind(HostileRecords r) {
        Hostile<ResourceKind> kind = HostileResourceCalls.kind(r);
        while (kind.value() == null) {
            kind = HostileResourceCalls.kind(r);
        }
        return kind;
    }

    private static <T> T orElse(T value, T otherwise) {
        return value == null ? otherwise : value;
    }
}
