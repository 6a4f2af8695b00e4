package io.opstate.sessions;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import io.opstate.internal.PageWalker;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The sessions of constructs (an agent's runs) and their state checkpoints. A session's
 * transcript is in {@link io.opstate.transcripts.TranscriptRepository}. Deleting a construct
 * deletes its sessions, their checkpoints and transcripts
 * ({@link io.opstate.constructs.ConstructRepository#delete}). Thread-safe; each method is atomic.
 */
public interface SessionRepository {
    /**
     * Stores a new session at version 1, with no state ({@code stateVersion} 0) and an empty
     * transcript, stamped now.
     *
     * @throws io.opstate.InvalidInputException naming the record component (or {@code session}
     *     when null) for bad input
     * @throws io.opstate.NotFoundException naming the construct ({@code entity()} {@code construct},
     *     {@code id()} the {@code constructId}) when there is no such construct
     * @throws io.opstate.DuplicateKeyException if the id is taken, also by a session of a deleted
     *     construct whose checkpoints and entries are still being purged
     */
    Session create(NewSession session);

    /** The session, or empty. */
    Optional<Session> find(String id);

    /**
     * The session.
     *
     * @throws io.opstate.NotFoundException if there is none with this id
     */
    Session get(String id);

    /**
     * Applies {@code changes} to the session at {@code expectedVersion}: what they carry
     * replaces the current value, null keeps it. The version gains 1 and {@code updatedAt}
     * becomes now, even when nothing else changes.
     *
     * @throws io.opstate.InvalidInputException naming the record component (or {@code changes}
     *     when null) for bad input
     * @throws io.opstate.StaleVersionException if it changed since that version
     * @throws io.opstate.NotFoundException if there is no such session
     */
    Session update(String id, long expectedVersion, SessionChanges changes);

    /**
     * One page of the sessions of {@code constructId}, ordered by {@code startedAt} then id. A
     * construct without sessions, or no construct of that id, gives an empty page.
     *
     * @throws io.opstate.InvalidInputException naming {@code constructId}, {@code limit} or
     *     {@code cursor} for bad input
     */
    Page<Session> list(String constructId, PageRequest page);

    /**
     * Every session of {@code constructId}, in {@code order} of {@code startedAt} then id, read
     * lazily page by page as {@link io.opstate.jobs.JobRepository#stream} reads jobs: memory
     * bounded by about one page, nothing held between pages, not a snapshot; a null order means
     * newest first.
     */
    default Stream<Session> stream(String constructId, SortOrder order) {
        return PageWalker.stream(page -> list(constructId, page), order);
    }

    /**
     * Saves the agent's state as the session's next checkpoint, if the latest checkpoint is still
     * the one the caller read: {@code expectedStateVersion} is {@link Session#stateVersion()} (or
     * the {@link Checkpoint#version()} of {@link #latestState}) as read, 0 before the first save.
     * The new checkpoint has version {@code expectedStateVersion + 1} and becomes the session's
     * {@code stateVersion}. Only the newest {@code opstate.checkpoints-kept} checkpoints of a
     * session are kept: older ones are deleted in the same transaction. The session's own
     * {@code version} does not change.
     *
     * @throws io.opstate.InvalidInputException naming {@code sessionId}, {@code expectedStateVersion}
     *     (negative) or {@code state} (not JSON, too large)
     * @throws io.opstate.StaleVersionException (entity {@code session state}) if another save came first
     * @throws io.opstate.NotFoundException if there is no such session
     */
    Checkpoint saveState(String sessionId, long expectedStateVersion, String stateJson);

    /**
     * The session's latest checkpoint, or empty before its first save.
     *
     * @throws io.opstate.NotFoundException if there is no such session
     */
    Optional<Checkpoint> latestState(String sessionId);

    /**
     * The checkpoints the session keeps, newest first: at most {@code opstate.checkpoints-kept}.
     *
     * @throws io.opstate.NotFoundException if there is no such session
     */
    List<Checkpoint> checkpoints(String sessionId);
}
