package io.opstate.core;

import io.opstate.InvalidInputException;
import io.opstate.NotFoundException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import io.opstate.sessions.Checkpoint;
import io.opstate.sessions.NewSession;
import io.opstate.sessions.Session;
import io.opstate.sessions.SessionChanges;
import io.opstate.sessions.SessionRepository;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checks the arguments of every {@link SessionRepository} call, then delegates. A session or
 * construct id no record can have is answered here as an unknown one is: not found, or an empty
 * listing.
 */
final class ValidatingSessionRepository implements SessionRepository {
    private final SessionRepository backend;
    private final int maxPayloadBytes;

    ValidatingSessionRepository(SessionRepository backend, int maxPayloadBytes) {
        this.backend = backend;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    @Override
    public Session create(NewSession session) {
        Checks.required("session", session);
        TextChecks.optionalName("id", session.id());
        TextChecks.name("constructId", session.constructId());
        TextChecks.name("status", session.status());
        NewSession checked = session.withStartedAt(Checks.instant("startedAt", session.startedAt()))
                .withMetrics(JsonChecks.optional("metrics", session.metrics(), maxPayloadBytes));
        return backend.create(checked.id() == null ? checked.withId(Ids.newId()) : checked);
    }

    @Override
    public Optional<Session> find(String id) {
        return KeyReads.find("id", id, backend::find);
    }

    @Override
    public Session get(String id) {
        return KeyReads.get("id", "session", id, backend::get);
    }

    @Override
    public Session update(String id, long expectedVersion, SessionChanges changes) {
        TextChecks.name("id", id);
        Checks.required("changes", changes);
        TextChecks.optionalName("status", changes.status());
        SessionChanges checked = changes.withEndedAt(Checks.instant("endedAt", changes.endedAt()))
                .withMetrics(JsonChecks.optional("metrics", changes.metrics(), maxPayloadBytes));
        return backend.update(id, expectedVersion, checked);
    }

    @Override
    public Page<Session> list(String constructId, PageRequest page) {
        PageRequest checked = Checks.page(page, false);
        return SessionIds.couldName("constructId", constructId) ? backend.list(constructId, checked)
                : new Page<>(List.of(), null);
    }

    @Override
    public Stream<Session> stream(String constructId, SortOrder order) {
        SortOrder checked = Checks.order(order);
        return SessionIds.couldName("constructId", constructId) ? backend.stream(constructId, checked) : Stream.empty();
    }

    @Override
    public Checkpoint saveState(String sessionId, long expectedStateVersion, String stateJson) {
        boolean known = SessionIds.couldName("sessionId", sessionId);
        if (expectedStateVersion < 0) {
            throw new InvalidInputException("expectedStateVersion", "must not be negative, got " + expectedStateVersion);
        }
        JsonChecks.required("state", stateJson, maxPayloadBytes);
        if (!known) {
            throw new NotFoundException("session", sessionId);
        }
        return backend.saveState(sessionId, expectedStateVersion, stateJson);
    }

    @Override
    public Optional<Checkpoint> latestState(String sessionId) {
        return backend.latestState(SessionIds.known(sessionId));
    }

    @Override
    public List<Checkpoint> checkpoints(String sessionId) {
        return backend.checkpoints(SessionIds.known(sessionId));
    }
}
