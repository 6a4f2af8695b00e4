package io.opstate.memory.internal;

import io.opstate.DuplicateKeyException;
import io.opstate.NotFoundException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.StaleVersionException;
import io.opstate.sessions.Checkpoint;
import io.opstate.sessions.NewSession;
import io.opstate.sessions.SessionChanges;
import io.opstate.sessions.SessionRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * {@link SessionRepository} on a {@link MemoryStore}. Thread-safe; each method is atomic. (The
 * API's session record is spelled out in full: {@link Session} here is a handle on the store.)
 */
final class MemorySessionRepository implements SessionRepository {
    private final Session handle;
    private final int checkpointsKept;

    MemorySessionRepository(Session handle, int checkpointsKept) {
        this.handle = handle;
        this.checkpointsKept = checkpointsKept;
    }

    @Override
    public io.opstate.sessions.Session create(NewSession session) {
        return handle.write(store -> {
            if (store.constructs.find(session.constructId()) == null) {
                throw new NotFoundException("construct", session.constructId());
            }
            if (store.sessions.find(session.id()) != null) {
                throw new DuplicateKeyException("session", session.id());
            }
            Instant now = handle.now();
            Instant startedAt = session.startedAt() == null ? now : session.startedAt();
            return store.sessions.insert(new io.opstate.sessions.Session(session.id(), session.constructId(),
                    session.status(), startedAt, null, session.metrics(), 0, 0, now, now, 1));
        });
    }

    @Override
    public Optional<io.opstate.sessions.Session> find(String id) {
        return handle.read(store -> Optional.ofNullable(store.sessions.find(id)));
    }

    @Override
    public io.opstate.sessions.Session get(String id) {
        return handle.read(store -> store.sessions.require(id));
    }

    @Override
    public io.opstate.sessions.Session update(String id, long expectedVersion, SessionChanges changes) {
        return handle.write(store -> {
            io.opstate.sessions.Session current =
                    store.sessions.requireVersion(id, expectedVersion, io.opstate.sessions.Session::version);
            return store.sessions.update(new io.opstate.sessions.Session(id, current.constructId(),
                    Changes.orCurrent(changes.status(), current.status()), current.startedAt(),
                    Changes.orCurrent(changes.endedAt(), current.endedAt()),
                    Changes.orCurrent(changes.metrics(), current.metrics()), current.stateVersion(),
                    current.lastSequence(), current.createdAt(), handle.now(), current.version() + 1));
        });
    }

    @Override
    public Page<io.opstate.sessions.Session> list(String constructId, PageRequest page) {
        return handle.read(store -> Pager.page(store.sessionsByStart,
                session -> session.constructId().equals(constructId), page));
    }

    @Override
    public Checkpoint saveState(String sessionId, long expectedStateVersion, String stateJson) {
        return handle.write(store -> {
            io.opstate.sessions.Session current = store.sessions.require(sessionId);
            if (current.stateVersion() != expectedStateVersion) {
                throw new StaleVersionException("session state", sessionId, expectedStateVersion);
            }
            Checkpoint saved = new Checkpoint(sessionId, expectedStateVersion + 1, stateJson, handle.now());
            store.sessions.update(new io.opstate.sessions.Session(sessionId, current.constructId(), current.status(),
                    current.startedAt(), current.endedAt(), current.metrics(), saved.version(),
                    current.lastSequence(), current.createdAt(), current.updatedAt(), current.version()));
            store.sessionLogs.save(saved, checkpointsKept);
            return saved;
        });
    }

    @Override
    public Optional<Checkpoint> latestState(String sessionId) {
        return handle.read(store -> {
            store.sessions.require(sessionId);
            List<Checkpoint> kept = store.sessionLogs.checkpoints(sessionId);
            return kept.isEmpty() ? Optional.empty() : Optional.of(kept.get(kept.size() - 1));
        });
    }

    @Override
    public List<Checkpoint> checkpoints(String sessionId) {
        return handle.read(store -> {
            store.sessions.require(sessionId);
            List<Checkpoint> newestFirst = new ArrayList<>(store.sessionLogs.checkpoints(sessionId));
            Collections.reverse(newestFirst);
            return List.copyOf(newestFirst);
        });
    }
}
