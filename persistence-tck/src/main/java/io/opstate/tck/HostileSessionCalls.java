package io.opstate.tck;

import io.opstate.Datastore;
import io.opstate.DuplicateKeyException;
import io.opstate.NotFoundException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.SequenceConflictException;
import io.opstate.SortOrder;
import io.opstate.StaleVersionException;
import io.opstate.sessions.NewSession;
import io.opstate.sessions.SessionChanges;
import io.opstate.transcripts.NewTranscriptEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * Every public entry point of the session and transcript repositories (and the construct
 * repository's purge), with hostile arguments, against the seeded construct {@value #CONSTRUCT}
 * ({@link HostileSeed}), whose session {@value #SESSION} holds {@value #ENTRIES} transcript entries and one checkpoint.
 */
final class HostileSessionCalls {
    static final String CONSTRUCT = HostileSeed.CONSTRUCT;
    static final String SESSION = "s1";
    /** Entries of the seeded session: the next append gets number {@value} + 1. */
    static final int ENTRIES = 2;

    private static final Hostile<Long> FIRST_VERSION = Hostile.of(1L, "version 1");
    private static final Hostile<String> THE_SESSION = Hostile.of(SESSION, "the session");

    private HostileSessionCalls() {
    }

    /** Puts a session of the seeded construct, the session's entries and one checkpoint in {@code store}. */
    static void seed(Datastore store) {
        store.sessions().create(NewSession.of(CONSTRUCT, "running").withId(SESSION));
        store.transcripts().appendAll(SESSION, List.of(NewTranscriptEntry.of("user", "hello"),
                NewTranscriptEntry.of("assistant", "hi").withData("{\"tokens\": 1}")));
        store.sessions().saveState(SESSION, 0, "{\"step\": 1}");
    }

    static Map<String, Function<HostileRecords, HostileCall>> sessions() {
        Map<String, Function<HostileRecords, HostileCall>> calls = new LinkedHashMap<>();
        calls.put("sessions().create", r -> {
            Hostile<NewSession> session = newSession(r);
            NewSession value = session.value();
            Outcome ifValid = value == null || !CONSTRUCT.equals(value.constructId())
                    ? Outcome.fails(NotFoundException.class)
                    : SESSION.equals(value.id()) ? Outcome.fails(DuplicateKeyException.class)
                    : Outcome.returns("the session", Objects::nonNull);
            return HostileCall.writing("create(" + session + ")", s -> s.sessions().create(value), ifValid);
        });
        calls.put("sessions().update", r -> {
            HostileRecords.Plan plan = r.arguments(3);
            Hostile<String> id = plan.argument(0, r.values()::name, THE_SESSION);
            Hostile<Long> version = plan.argument(1, () -> r.values().longValue(1, 1, 2), FIRST_VERSION);
            Hostile<SessionChanges> changes = plan.argument(2, () -> sessionChanges(r),
                    Hostile.of(SessionChanges.none(), "no changes"));
            Outcome ifValid = !SESSION.equals(id.value()) ? Outcome.fails(NotFoundException.class)
                    : version.value() == 1 ? Outcome.returns("the session", Objects::nonNull)
                    : Outcome.fails(StaleVersionException.class);
            return HostileCall.writing("update(" + id + ", " + version + ", " + changes + ")",
                    s -> s.sessions().update(id.value(), version.value(), changes.value()), ifValid);
        });
        HostileCommonCalls.addKeyed(calls, "sessions()", SESSION::equals, (s, id) -> s.sessions().find(id),
                (s, id) -> s.sessions().get(id), null);
        calls.put("sessions().list", r -> {
            HostileRecords.Plan plan = r.arguments(2);
            Hostile<String> construct = plan.argument(0, r.values()::name, Hostile.of(CONSTRUCT, "the construct"));
            Hostile<PageRequest> page = plan.argument(1, () -> r.page(null, false), Hostile.of(PageRequest.first(), "first page"));
            return HostileCall.reading("list(" + construct + ", " + page + ")",
                    s -> s.sessions().list(construct.value(), page.value()),
                    Outcome.returns("a page", result -> result instanceof Page<?>));
        });
        calls.put("sessions().stream", r -> {
            HostileRecords.Plan plan = r.arguments(2);
            Hostile<String> construct = plan.argument(0, r.values()::name, Hostile.of(CONSTRUCT, "the construct"));
            Hostile<SortOrder> order = plan.argument(1, r.values()::order, Hostile.of(null, "null order"));
            return HostileCall.reading("stream(" + construct + ", " + order + ")",
                    s -> s.sessions().stream(construct.value(), order.value()).count(),
                    Outcome.returns("at most the one session", counted -> (Long) counted <= 1));
        });
        calls.put("sessions().saveState", r -> {
            HostileRecords.Plan plan = r.arguments(3);
            Hostile<String> id = plan.argument(0, r.values()::name, THE_SESSION);
            Hostile<Long> version = plan.argument(1, () -> r.values().longValue(0, 1, 2), FIRST_VERSION);
            Hostile<String> state = plan.argument(2, r::json, Hostile.of("{}", "{}"));
            Outcome ifValid = !SESSION.equals(id.value()) ? Outcome.fails(NotFoundException.class)
                    : version.value() == 1 ? Outcome.returns("the checkpoint", Objects::nonNull)
                    : Outcome.fails(StaleVersionException.class);
            return HostileCall.writing("saveState(" + id + ", " + version + ", " + state + ")",
                    s -> s.sessions().saveState(id.value(), version.value(), state.value()), ifValid);
        });
        calls.put("sessions().latestState", r -> {
            Hostile<String> id = r.values().name();
            return HostileCall.reading("latestState(" + id + ")", s -> s.sessions().latestState(id.value()),
                    SESSION.equals(id.value()) ? Outcome.returns("the checkpoint", found -> ((Optional<?>) found).isPresent())
                            : Outcome.fails(NotFoundException.class));
        });
        calls.put("sessions().checkpoints", r -> {
            Hostile<String> id = r.values().name();
            return HostileCall.reading("checkpoints(" + id + ")", s -> s.sessions().checkpoints(id.value()),
                    SESSION.equals(id.value()) ? Outcome.returns("the checkpoint", kept -> ((List<?>) kept).size() == 1)
                            : Outcome.fails(NotFoundException.class));
        });
        calls.put("constructs().purgeDeleted", r -> HostileCall.reading("purgeDeleted()",
                s -> s.constructs().purgeDeleted(), Outcome.returns("0", purged -> (Long) purged == 0)));
        return calls;
    }

    static Map<String, Function<HostileRecords, HostileCall>> transcripts() {
        Map<String, Function<HostileRecords, HostileCall>> calls = new LinkedHashMap<>();
        calls.put("transcripts().append", r -> {
            HostileRecords.Plan plan = r.arguments(2);
            Hostile<String> id = plan.argument(0, r.values()::name, THE_SESSION);
            Hostile<NewTranscriptEntry> entry = plan.argument(1, () -> newEntry(r), validEntry());
            return HostileCall.writing("append(" + id + ", " + entry + ")",
                    s -> s.transcripts().append(id.value(), entry.value()), appended(id.value(), null));
        });
        calls.put("transcripts().append(guarded)", r -> {
            HostileRecords.Plan plan = r.arguments(3);
            Hostile<String> id = plan.argument(0, r.values()::name, THE_SESSION);
            Hostile<Long> next = plan.argument(1, () -> r.values().longValue(0, 1, ENTRIES, ENTRIES + 1),
                    Hostile.of(ENTRIES + 1L, "the next number"));
            Hostile<NewTranscriptEntry> entry = plan.argument(2, () -> newEntry(r), validEntry());
            return HostileCall.writing("append(" + id + ", " + next + ", " + entry + ")",
                    s -> s.transcripts().append(id.value(), next.value(), entry.value()), appended(id.value(), next.value()));
        });
        calls.put("transcripts().appendAll", r -> {
            HostileRecords.Plan plan = r.arguments(2);
            Hostile<String> id = plan.argument(0, r.values()::name, THE_SESSION);
            Hostile<List<NewTranscriptEntry>> entries = plan.argument(1, () -> newEntries(r),
                    Hostile.of(List.of(validEntry().value()), "one valid entry"));
            return HostileCall.writing("appendAll(" + id + ", " + entries + ")",
                    s -> s.transcripts().appendAll(id.value(), entries.value()), appended(id.value(), null));
        });
        calls.put("transcripts().appendAll(guarded)", r -> {
            HostileRecords.Plan plan = r.arguments(3);
            Hostile<String> id = plan.argument(0, r.values()::name, THE_SESSION);
            Hostile<Long> next = plan.argument(1, () -> r.values().longValue(0, 1, ENTRIES, ENTRIES + 1),
                    Hostile.of(ENTRIES + 1L, "the next number"));
            Hostile<List<NewTranscriptEntry>> entries = plan.argument(2, () -> newEntries(r),
                    Hostile.of(List.of(validEntry().value()), "one valid entry"));
            return HostileCall.writing("appendAll(" + id + ", " + next + ", " + entries + ")",
                    s -> s.transcripts().appendAll(id.value(), next.value(), entries.value()),
                    appended(id.value(), next.value()));
        });
        calls.put("transcripts().read", r -> {
            HostileRecords.Plan plan = r.arguments(3);
            Hostile<String> id = plan.argument(0, r.values()::name, THE_SESSION);
            Hostile<Long> after = plan.argument(1, () -> r.values().longValue(-1, 0, 1, ENTRIES), Hostile.of(0L, "0"));
            Hostile<Integer> limit = plan.argument(2, () -> r.values().integer(0, 1, 1000, 1001), Hostile.of(10, "10"));
            return HostileCall.reading("read(" + id + ", " + after + ", " + limit + ")",
                    s -> s.transcripts().read(id.value(), after.value(), limit.value()), entries(id.value()));
        });
        calls.put("transcripts().last", r -> {
            HostileRecords.Plan plan = r.arguments(2);
            Hostile<String> id = plan.argument(0, r.values()::name, THE_SESSION);
            Hostile<Integer> count = plan.argument(1, () -> r.values().integer(0, 1, 1000, 1001), Hostile.of(10, "10"));
            return HostileCall.reading("last(" + id + ", " + count + ")",
                    s -> s.transcripts().last(id.value(), count.value()), entries(id.value()));
        });
        calls.put("transcripts().count", r -> {
            Hostile<String> id = r.values().name();
            return HostileCall.reading("count(" + id + ")", s -> s.transcripts().count(id.value()),
                    SESSION.equals(id.value()) ? Outcome.returns(ENTRIES + "", n -> (Long) n == ENTRIES)
                            : Outcome.fails(NotFoundException.class));
        });
        calls.put("transcripts().stream", r -> {
            Hostile<String> id = r.values().name();
            return HostileCall.reading("stream(" + id + ")", s -> s.transcripts().stream(id.value()).count(),
                    SESSION.equals(id.value()) ? Outcome.returns(ENTRIES + "", n -> (Long) n == ENTRIES)
                            : Outcome.fails(NotFoundException.class));
        });
        return calls;
    }

    /** An append to the seeded session works when unguarded or guarded by the right number. */
    private static Outcome appended(String sessionId, Long next) {
        if (!SESSION.equals(sessionId)) {
            return Outcome.fails(NotFoundException.class);
        }
        return next == null || next == ENTRIES + 1 ? Outcome.returns("the entries", Objects::nonNull)
                : Outcome.fails(SequenceConflictException.class);
    }

    private static Outcome entries(String sessionId) {
        return SESSION.equals(sessionId)
                ? Outcome.returns("at most the seeded entries", read -> ((List<?>) read).size() <= ENTRIES)
                : Outcome.fails(NotFoundException.class);
    }

    private static Hostile<NewTranscriptEntry> validEntry() {
        return Hostile.of(NewTranscriptEntry.of("user", "ok"), "valid entry");
    }

    private static Hostile<NewSession> newSession(HostileRecords r) {
        if (r.values().chance(3)) {
            return Hostile.of(null, "null session");
        }
        HostileRecords.Plan plan = r.arguments(5);
        NewSession session = new NewSession(
                plan.field(0, "id", r.values()::name, null),
                plan.field(1, "constructId", r.values()::name, CONSTRUCT),
                plan.field(2, "status", r.values()::name, "running"),
                plan.field(3, "startedAt", r.values()::instant, null),
                plan.field(4, "metrics", r::json, null));
        return Hostile.of(session, "session(" + plan.label() + ")");
    }

    private static Hostile<SessionChanges> sessionChanges(HostileRecords r) {
        if (r.values().chance(5)) {
            return Hostile.of(null, "null changes");
        }
        HostileRecords.Plan plan = r.arguments(3);
        SessionChanges changes = new SessionChanges(
                plan.field(0, "status", r.values()::name, null),
                plan.field(1, "endedAt", r.values()::instant, null),
                plan.field(2, "metrics", r::json, null));
        return Hostile.of(changes, "changes(" + plan.label() + ")");
    }

    private static Hostile<NewTranscriptEntry> newEntry(HostileRecords r) {
        if (r.values().chance(3)) {
            return Hostile.of(null, "null entry");
        }
        HostileRecords.Plan plan = r.arguments(3);
        NewTranscriptEntry entry = new NewTranscriptEntry(
                plan.field(0, "role", r.values()::name, "user"),
                plan.field(1, "content", r.values()::text, "hello"),
                plan.field(2, "data", r::json, null));
        return Hostile.of(entry, "entry(" + plan.label() + ")");
    }

    private static Hostile<List<NewTranscriptEntry>> newEntries(HostileRecords r) {
        if (r.values().chance(5)) {
            return Hostile.of(null, "null list");
        }
        List<NewTranscriptEntry> entries = new ArrayList<>();
        StringJoiner label = new StringJoiner("; ", "[", "]");
        int count = r.values().random().nextInt(4);
        for (int i = 0; i < count; i++) {
            Hostile<NewTranscriptEntry> entry = r.values().chance(70) ? validEntry() : newEntry(r);
            entries.add(entry.value());
            label.add(entry.label());
        }
        return Hostile.of(entries, label.toString());
    }
}
