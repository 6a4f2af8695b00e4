package io.opstate.resources;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import io.opstate.internal.PageWalker;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Named records of kinds the host declares (deployments, service instances, ...), in the spirit
 * of Kubernetes objects. Thread-safe; each method is atomic. To record a status change in the
 * history log in the same transaction, call {@link #transition} and
 * {@link io.opstate.history.HistoryRepository#append} inside {@link io.opstate.Datastore#inTransaction}.
 *
 * <p>Text arguments are checked as {@code docs/behaviour.md} ("Input checking") says: kinds,
 * names, owners, statuses, label keys and label values are 1..200 characters without control
 * characters; spec and status detail are one JSON object within the configured maximum payload
 * size; at most {@value #MAX_LABELS} labels. A resource must fit its kind: an undeclared kind is
 * refused naming {@code kind}, a status the kind does not allow naming {@code status}, a
 * restricted label's other value naming {@code labels.<key>}. Bad input raises
 * {@link io.opstate.InvalidInputException} naming the field, and nothing is written.
 */
public interface ResourceRepository {
    /** Most labels on one resource. */
    int MAX_LABELS = 64;

    /**
     * Declares {@code kind}, or widens the stored one: its statuses and restricted label values
     * become the union of both; the stored initial status stays. Idempotent; never narrows, so an
     * older process declaring an older kind at start-up cannot undo a newer one's additions.
     *
     * @return the kind as now stored
     */
    ResourceKind declareKind(ResourceKind kind);

    /**
     * Replaces the stored kind with {@code kind}, which may remove statuses and label values.
     *
     * @throws io.opstate.ConflictException naming the first value still used by a resource (no change made)
     * @throws io.opstate.NotFoundException if the kind is not declared
     */
    ResourceKind narrowKind(ResourceKind kind);

    /** The declared kind, or empty. */
    Optional<ResourceKind> kind(String name);

    /** Every declared kind, by name. */
    List<ResourceKind> kinds();

    /**
     * Stores a new resource at version 1 in its kind's initial status, created and updated now.
     *
     * @throws io.opstate.DuplicateKeyException if the kind already has a resource of that name and owner
     */
    Resource create(NewResource resource);

    /**
     * Creates the resource, or, when its kind already has one of that name and owner, replaces
     * that one's spec and labels whole (its status stays; version gains 1). Two saves of the same
     * name at once never make two resources; the later one's values remain.
     */
    Resource save(NewResource resource);

    /**
     * Replaces spec and labels of the resource at {@code expectedVersion}; null keeps the
     * current value.
     *
     * @throws io.opstate.StaleVersionException if it changed since that version
     * @throws io.opstate.NotFoundException if there is no such resource
     */
    Resource update(String id, long expectedVersion, String spec, Map<String, String> labels);

    /**
     * Moves the resource at {@code expectedVersion} to {@code status} with {@code statusDetail}
     * (JSON object or null), leaving spec and labels alone.
     *
     * @throws io.opstate.StaleVersionException if it changed since that version
     * @throws io.opstate.NotFoundException if there is no such resource
     */
    Resource transition(String id, long expectedVersion, String status, String statusDetail);

    /** The resource, or empty. */
    Optional<Resource> find(String id);

    /**
     * The resource.
     *
     * @throws io.opstate.NotFoundException if there is none with this id
     */
    Resource get(String id);

    /** The resource of {@code kind} named {@code name} owned by {@code owner} (null: no owner), or empty. */
    Optional<Resource> findByName(String kind, String owner, String name);

    /** Deletes the resource; returns whether it existed. */
    boolean delete(String id);

    /** One page of the resources matching {@code query}, ordered by {@code createdAt} then id. */
    Page<Resource> list(ResourceQuery query, PageRequest page);

    /**
     * Every resource matching {@code query} as {@link #list} returns them, read lazily page by page,
     * with the guarantees of {@link io.opstate.jobs.JobRepository#stream}.
     */
    default Stream<Resource> stream(ResourceQuery query, SortOrder order) {
        return PageWalker.stream(page -> list(query, page), order);
    }

    /**
     * At most {@code limit} (1..{@value io.opstate.PageRequest#MAX_LIMIT}) changes of resources,
     * of every kind, after {@code position} (0: from the start), in feed order. Every create,
     * save, update, transition and delete adds one change when its transaction commits. Positions
     * are handed out in commit order on every backend: a change that commits later always has a
     * higher position, so a follower that keeps the last position it read never skips one
     * (writes of resources therefore commit one after another; see docs/behaviour.md).
     */
    List<ResourceChange> changesSince(long position, int limit);

    /**
     * Like {@link #changesSince}, but when there is no change after {@code position} yet, waits
     * for one at most {@code timeout}; empty when none came, at the deadline. Woken at once when a
     * write of this store object commits; changes committed by other processes wake it through
     * the database where it can tell (PostgreSQL {@code LISTEN/NOTIFY}, with a re-read every
     * second in case a notice was lost), else are found by re-reading the feed every
     * {@value #FEED_CHECK_MILLIS} ms (SQLite; a cheap indexed read, not a busy loop).
     *
     * @throws io.opstate.PersistenceException when interrupted while waiting (the interrupt flag stays set)
     */
    List<ResourceChange> awaitChanges(long position, int limit, java.time.Duration timeout);

    /** How often {@link #awaitChanges} re-reads for changes of other processes where the database cannot notify, in milliseconds. */
    long FEED_CHECK_MILLIS = 100;

    /** Longest wait {@link #awaitChanges} accepts. */
    java.time.Duration MAX_FEED_WAIT = java.time.Duration.ofMinutes(10);

    /**
     * How many resources match {@code query}, per status; only statuses some resource has
     * appear, in ascending code-point order; the map is unmodifiable.
     */
    Map<String, Long> countByStatus(ResourceQuery query);
}
