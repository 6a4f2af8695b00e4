package io.opstate.imports;

import io.opstate.DuplicateKeyException;
import io.opstate.InvalidInputException;
import io.opstate.NotFoundException;
import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.ArtifactCompression;
import io.opstate.constructs.Construct;
import io.opstate.constructs.ConstructLink;
import io.opstate.sessions.Checkpoint;
import io.opstate.sessions.Session;
import io.opstate.transcripts.TranscriptEntry;
import io.opstate.executions.Execution;
import io.opstate.history.HistoryEvent;
import io.opstate.jobs.Job;
import io.opstate.pipelines.Pipeline;
import io.opstate.schedules.Schedule;
import io.opstate.preferences.Preference;
import io.opstate.resources.Resource;
import io.opstate.resources.ResourceKind;
import io.opstate.tokens.HashedToken;
import io.opstate.tokens.Token;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Writes records as they were, for bringing existing data into a store: a host's one-time
 * migration from its own tables, or a whole store moved through its exported records. Unlike
 * {@code create}, which stamps now and starts every record at the beginning of its lifecycle, an
 * import keeps what each record says: ids, statuses, times, attempts, results, errors, progress,
 * fencing tokens and versions. Build records by hand with the builders ({@link Job#builder},
 * {@link Pipeline#builder}, {@link Schedule#builder}, {@link Execution#builder},
 * {@link HistoryEvent#builder}), or pass records read from another store.
 *
 * <p>Every call takes one batch and is atomic: all of its records are written, or (when any is
 * refused) none, and the store is unchanged. A batch holds at most {@value #MAX_BATCH} records.
 * Inside {@link io.opstate.Datastore#inTransaction} a batch takes part in the transaction.
 * Each record is checked with the rules of {@code create} for its fields (ids, names, JSON,
 * lengths, times in year 1..9999, truncated to microseconds) and for the consistency of its
 * state (see each method); a refusal is an {@link InvalidInputException} naming the batch, the
 * record's index and the field, e.g. {@code jobs[2].finishedAt}. A record whose id is already in
 * the store, or appears twice in the batch, is a {@link DuplicateKeyException}. Versions below 1
 * are refused; every other version is kept.
 *
 * <p>The {@code replace} methods write records over the store's records with the same keys, as
 * they were, in place: the row's children (a schedule's executions, a construct's sessions and
 * links, a session's checkpoints and transcript) stay. They check each record as the matching
 * import does; a key the store does not hold is a {@link NotFoundException}, and nothing is written.
 *
 * <p>Thread-safe. Obtain one from {@link io.opstate.Datastore#records()}.
 */
public interface RecordImport {
    /** Most records one call takes. */
    int MAX_BATCH = 1_000;

    /**
     * The largest fencing token and history id an import keeps: 2<sup>53</sup> - 1, the largest
     * integer every JSON reader holds exactly. It leaves the store's generators, which move past
     * what is imported, room to count on: a generator at {@code Long.MAX_VALUE} could hand out
     * nothing more. On PostgreSQL moving a sequence is not undone by a rollback, so even a batch
     * that fails may have moved one forward (numbers are skipped, never reused).
     */
    long MAX_SEQUENCE_NUMBER = (1L << 53) - 1;

    /**
     * Writes jobs as they were.
     *
     * <p>Consistency rules: {@code finishedAt} is set exactly when the status is terminal
     * (succeeded, failed, cancelled); a running job has a {@code startedAt} and at least one
     * attempt; {@code startedAt <= finishedAt}; {@code 0 <= attempts <= maxAttempts}, and a
     * queued job has an attempt left;
     * {@code progress} in 0..1; {@code bytesDone <= bytesTotal} when the total is known;
     * {@code leaseExpiresAt} is null unless running; a job never claimed ({@code attempts} 0)
     * has fencing token 0; tokens are at most {@link #MAX_SEQUENCE_NUMBER}; no two jobs of the
     * batch share a token above 0.
     *
     * <p>Derived when null: {@code updatedAt} becomes the latest of {@code createdAt},
     * {@code startedAt} and {@code finishedAt}; {@code notBefore} becomes {@code createdAt}.
     *
     * <p>A job imported as running gets a lease that has already expired (it ends at the time of
     * the import, whatever the record says), so the next {@code claimNext} for its type takes it
     * over while it has attempts left, and {@code requeueExpiredLeases} fails it otherwise.
     * Fencing tokens are kept, and the store's token generator is moved past the largest one
     * imported, so every later claim of any job carries a token larger than all imported ones,
     * and no two claims share one. A token of 0 means no claim is known: the job's next claim
     * draws a fresh token as usual.
     *
     * @param jobs at most {@value #MAX_BATCH}, none null
     * @return the jobs as stored, in the order given
     * @throws InvalidInputException naming {@code jobs[i].field} for a refused record
     * @throws DuplicateKeyException when a job id, or a fencing token above 0, is already in the
     *     store or appears twice in the batch
     */
    List<Job> importJobs(List<Job> jobs);

    /**
     * Writes pipelines as they were, keyed by name. {@code updatedAt} null becomes
     * {@code createdAt}; otherwise {@code createdAt <= updatedAt} is not required (clocks of
     * several hosts may disagree).
     *
     * @param pipelines at most {@value #MAX_BATCH}, none null
     * @return the pipelines as stored, in the order given
     * @throws InvalidInputException naming {@code pipelines[i].field} for a refused record
     * @throws DuplicateKeyException when a name is already in the store or appears twice in the batch
     */
    List<Pipeline> importPipelines(List<Pipeline> pipelines);

    /**
     * Writes schedules as they were: with their last run, last result and next run. The cron
     * expression and time zone are checked as {@code create} checks them; a null time zone is
     * UTC. A disabled schedule has no next run; an enabled one imported without a next run gets
     * the expression's first fire time after the import, as {@code create} computes it.
     * {@code updatedAt} null becomes the later of {@code createdAt} and {@code lastRunAt}.
     *
     * @param schedules at most {@value #MAX_BATCH}, none null
     * @return the schedules as stored, in the order given
     * @throws InvalidInputException naming {@code schedules[i].field} for a refused record
     * @throws DuplicateKeyException when an id is already in the store or appears twice in the batch
     */
    List<Schedule> importSchedules(List<Schedule> schedules);

    /**
     * Writes executions as they were. A running execution has no {@code endedAt}; a finished one
     * has one, not before {@code startedAt}. {@code durationMillis} null becomes
     * {@code endedAt - startedAt} in whole milliseconds (as {@code finish} computes it, from the
     * times truncated to microseconds); when given it must equal that, and it must be null while
     * running. A {@code scheduleId} must name a schedule in the store (import schedules first).
     *
     * @param executions at most {@value #MAX_BATCH}, none null
     * @return the executions as stored, in the order given
     * @throws InvalidInputException naming {@code executions[i].field} for a refused record
     * @throws DuplicateKeyException when an id is already in the store or appears twice in the batch
     * @throws NotFoundException when a {@code scheduleId} names no schedule; nothing is written
     */
    List<Execution> importExecutions(List<Execution> executions);

    /**
     * Writes history events as they occurred. An event with an id above 0 keeps it, and the
     * store numbers later events past the largest id imported; an event with id 0 gets the next
     * number of the store's sequence, after the events of the batch that keep theirs. Ids
     * below 0 or above {@link #MAX_SEQUENCE_NUMBER} are refused.
     *
     * @param events at most {@value #MAX_BATCH}, none null
     * @return the events as stored, in the order given
     * @throws InvalidInputException naming {@code events[i].field} for a refused record
     * @throws DuplicateKeyException when an id above 0 is already in the store or appears twice in the batch
     */
    List<HistoryEvent> importHistory(List<HistoryEvent> events);

    /**
     * Writes constructs as they were: id, type, status, title, metadata, times and version, and
     * indexes their title and metadata for search. {@code updatedAt} null becomes {@code createdAt}.
     *
     * @param constructs at most {@value #MAX_BATCH}, none null
     * @return the constructs as stored, in the order given
     * @throws InvalidInputException naming {@code constructs[i].field} for a refused record
     * @throws DuplicateKeyException when an id is already in the store or appears twice in the batch
     */
    List<Construct> importConstructs(List<Construct> constructs);

    /**
     * Writes links between constructs as they were, with their creation time. Both ends must be in
     * the store (import constructs first) and differ.
     *
     * @param links at most {@value #MAX_BATCH}, none null
     * @return the links as stored, in the order given
     * @throws InvalidInputException naming {@code links[i].field} for a refused record
     * @throws DuplicateKeyException when a link (from, type, to) is already in the store or appears twice in the batch
     * @throws NotFoundException when an end names no construct; nothing is written
     */
    List<ConstructLink> importConstructLinks(List<ConstructLink> links);

    /**
     * Writes sessions as they were: status, times, metrics, version, and the state version and
     * last transcript sequence they had reached (import their checkpoints and entries next). A
     * finished session's {@code endedAt} is not before its {@code startedAt}; {@code createdAt}
     * and {@code updatedAt} null become {@code startedAt}. The construct must be in the store.
     *
     * @param sessions at most {@value #MAX_BATCH}, none null
     * @return the sessions as stored, in the order given
     * @throws InvalidInputException naming {@code sessions[i].field} for a refused record
     * @throws DuplicateKeyException when an id is already in the store or appears twice in the batch
     * @throws NotFoundException when a {@code constructId} names no construct; nothing is written
     */
    List<Session> importSessions(List<Session> sessions);

    /**
     * Writes checkpoints of sessions as they were saved. A session's checkpoints arrive in
     * increasing versions, each above the newest the store holds for the session and at most the
     * session's {@code stateVersion}; the store keeps them all (a later save trims to the kept
     * number as usual). The session must be in the store.
     *
     * @param checkpoints at most {@value #MAX_BATCH}, none null
     * @return the checkpoints as stored, in the order given
     * @throws InvalidInputException naming {@code checkpoints[i].field} for a refused record
     * @throws NotFoundException when a {@code sessionId} names no session; nothing is written
     */
    List<Checkpoint> importCheckpoints(List<Checkpoint> checkpoints);

    /**
     * Writes transcript entries as they were appended, with their sequence numbers and times, and
     * indexes their content for search. A session's entries arrive in order without gaps: the first
     * one imported is numbered one after the store's last entry of the session (1 for none), each
     * next one after it, none above the session's {@code lastSequence}. The session must be in the
     * store.
     *
     * @param entries at most {@value #MAX_BATCH}, none null
     * @return the entries as stored, in the order given
     * @throws InvalidInputException naming {@code entries[i].field} for a refused record
     * @throws NotFoundException when a {@code sessionId} names no session; nothing is written
     */
    List<TranscriptEntry> importTranscriptEntries(List<TranscriptEntry> entries);

    /**
     * Writes preferences as they were: owner, key, document, version and times. A preference's
     * key is its owner (null: no one) with its key.
     *
     * @param preferences at most {@value #MAX_BATCH}, none null
     * @return the preferences as stored, in the order given
     * @throws InvalidInputException naming {@code preferences[i].field} for a refused record
     * @throws DuplicateKeyException when an owner and key are already in the store or appear twice in the batch
     */
    List<Preference> importPreferences(List<Preference> preferences);

    /**
     * Declares resource kinds as they were: initial status, statuses and restricted label values,
     * checked as {@link io.opstate.resources.ResourceRepository#declareKind} checks them. Unlike
     * {@code declareKind}, a kind the store already declares is refused rather than widened.
     *
     * @param kinds at most {@value #MAX_BATCH}, none null
     * @return the kinds as stored, in the order given
     * @throws InvalidInputException naming {@code kinds[i].field} for a refused record
     * @throws DuplicateKeyException when a name is already declared or appears twice in the batch
     */
    List<ResourceKind> importResourceKinds(List<ResourceKind> kinds);

    /**
     * Writes resources as they were: id, kind, name, owner, spec, status, status detail, labels,
     * times and version. Each must fit its kind as stored (import kinds first): a status the kind
     * allows, restricted labels with allowed values, as {@code create} and {@code transition}
     * check. Each adds a {@code CREATED} change to the change feed, with the resource's version.
     *
     * @param resources at most {@value #MAX_BATCH}, none null
     * @return the resources as stored, in the order given
     * @throws InvalidInputException naming {@code resources[i].field} for a refused record, or
     *     {@code resources[i].kind} for a kind the store does not declare
     * @throws DuplicateKeyException when an id, or a kind, owner and name, is already in the store
     *     or appears twice in the batch
     */
    List<Resource> importResources(List<Resource> resources);

    /**
     * Writes API tokens as they were, with the hashes of their secrets: name, scopes, times,
     * expiry, revocation and last use kept. A token verifies with its original secret only when
     * this store hashes with the pepper the hash was made with ({@link io.opstate.Settings#TOKEN_PEPPER});
     * an archive import checks that, this method cannot. The id is the 36-character id a secret
     * names; the hash is 64 lower-case hex digits; scopes are checked as {@code create} checks them.
     *
     * @param tokens at most {@value #MAX_BATCH}, none null
     * @return the tokens as stored, without their hashes, in the order given
     * @throws InvalidInputException naming {@code tokens[i].field} for a refused record
     * @throws DuplicateKeyException when an id is already in the store or appears twice in the batch
     */
    List<Token> importTokens(List<HashedToken> tokens);

    /**
     * Writes schedules over the store's schedules with the same ids, as they were, keeping their
     * executions. Checked as {@link #importSchedules}.
     *
     * @throws NotFoundException when an id is not in the store, or a pipeline is unknown; nothing is written
     */
    List<Schedule> replaceSchedules(List<Schedule> schedules);

    /**
     * Writes executions over the store's executions with the same ids, as they were. Checked as
     * {@link #importExecutions}.
     *
     * @throws NotFoundException when an id or a {@code scheduleId} is not in the store; nothing is written
     */
    List<Execution> replaceExecutions(List<Execution> executions);

    /**
     * Writes constructs over the store's constructs with the same ids, as they were, keeping their
     * sessions, links and artifacts, and indexes their new title and metadata for search.
     * Checked as {@link #importConstructs}.
     *
     * @throws NotFoundException when an id is not in the store; nothing is written
     */
    List<Construct> replaceConstructs(List<Construct> constructs);

    /**
     * Writes sessions over the store's sessions with the same ids, as they were, keeping their
     * checkpoints and transcripts. Checked as {@link #importSessions}; besides, a session stays on
     * its construct, and its {@code stateVersion} and {@code lastSequence} do not fall below its
     * stored newest checkpoint and last transcript entry (import the newer ones next).
     *
     * @throws InvalidInputException naming {@code sessions[i].field} for a refused record
     * @throws NotFoundException when an id is not in the store; nothing is written
     */
    List<Session> replaceSessions(List<Session> sessions);

    /**
     * Writes resources over the store's resources with the same ids, as they were; each must fit
     * its kind as {@link #importResources} checks, keep its kind, and take a name no other
     * resource of the kind and owner has. Each adds an {@code UPDATED} change to the change feed.
     *
     * @throws InvalidInputException naming {@code resources[i].field} for a refused record
     * @throws DuplicateKeyException when another resource holds the kind, owner and name
     * @throws NotFoundException when an id is not in the store; nothing is written
     */
    List<Resource> replaceResources(List<Resource> resources);

    /**
     * Writes tokens over the store's tokens with the same ids, as they were, hashes included.
     * Checked as {@link #importTokens}.
     *
     * @throws NotFoundException when an id is not in the store; nothing is written
     */
    List<Token> replaceTokens(List<HashedToken> tokens);

    /**
     * Stores the content of artifacts about to be imported, before their rows
     * ({@link #importArtifacts}), and says how the store keeps it. When the store already holds
     * content with this SHA-256 (in either form), that blob is kept, marked as just used, and
     * {@code content} is not read. Otherwise {@code content} is read to its end, once, in bounded
     * memory, its length and SHA-256 compared with {@code size} and {@code sha256} before the blob
     * becomes visible, and stored as {@link io.opstate.artifacts.ArtifactRepository#put} stores
     * content: compressed with zstd when {@code compression} is {@link ArtifactCompression#ZSTD}
     * and that saves space, else as it is. The stream is not closed.
     *
     * <p>Not part of any batch: the blob is durable when this returns, and stays when the rows'
     * import then fails or never happens. {@link io.opstate.artifacts.ArtifactRepository#collectGarbage}
     * removes a blob that no row references once it is
     * {@link io.opstate.artifacts.ArtifactRepository#GC_GRACE} old, so import the rows within
     * that time. Inside {@link io.opstate.Datastore#inTransaction} it behaves as a put's blob
     * does (on PostgreSQL with blobs in the database its chunks are written with the
     * transaction): store large content before the transaction.
     *
     * @param sha256 the content's SHA-256, 64 lower-case hex digits
     * @param size the content's length in bytes
     * @param compression the form the content had where it came from; {@code ZSTD} asks for compression
     * @return how the store keeps the content: put its {@code compression} and {@code storedSize} in the rows
     * @throws InvalidInputException naming {@code sha256}, {@code size} or {@code compression} for a
     *     bad argument (nothing is read then), or {@code content} when the content's length or
     *     SHA-256 differs from the arguments (nothing is stored)
     * @throws io.opstate.artifacts.ArtifactContentException if reading {@code content} failed (nothing stored)
     * @throws io.opstate.StorageUnavailableException if the blobs cannot be written
     */
    ImportedBlob importBlob(String sha256, long size, ArtifactCompression compression, InputStream content);

    /**
     * Writes artifact rows as they were: id, construct, type, name, content type, metadata,
     * SHA-256, size, stored size, compression and {@code createdAt}, each added to its
     * construct's usage of its type. The fields are checked as {@code put} checks them;
     * {@code sha256} is 64 lower-case hex digits, {@code size} and {@code storedSize} are not
     * negative, and an uncompressed artifact's {@code storedSize} is its {@code size}. Each row's
     * blob must be in the store in the row's compression and stored size: store the content
     * first with {@link #importBlob} and copy what it returns into the rows. Artifacts never
     * change, so there is no version. The construct must be in the store. The blobs are looked
     * for first: a row naming a blob the store lacks is refused so whatever else the store would
     * say of it.
     *
     * @param artifacts at most {@value #MAX_BATCH}, none null
     * @return the artifacts as stored, in the order given
     * @throws InvalidInputException naming {@code artifacts[i].field} for a refused record, in
     *     particular {@code artifacts[i].sha256} when the store does not hold the row's blob and
     *     {@code artifacts[i].storedSize} when it holds it with another length
     * @throws DuplicateKeyException when an id, or a construct's type and name, is already in the
     *     store or appears twice in the batch
     * @throws NotFoundException when a {@code constructId} names no construct; nothing is written
     */
    List<Artifact> importArtifacts(List<Artifact> artifacts);

    /**
     * Which of {@code keys} the store holds a record of {@code kind} under, each with the version
     * of the stored record: what an importer needs to decide, for a whole batch in one read,
     * which of its records are new and which are newer than the store's. Keys are what
     * {@link RecordKind} says; a history event, which never changes, has version 1. A key that
     * names no record (or cannot name one, such as a history id that is not a number) is absent
     * from the result. Reads only; inside {@link io.opstate.Datastore#inTransaction} it sees the
     * transaction's writes.
     *
     * @param keys at most {@value #MAX_BATCH}, none null; duplicates count once
     * @return the stored version by key, for the keys found only
     * @throws InvalidInputException naming {@code kind} when it is null, or {@code keys} when it
     *     is null, holds null or holds more than {@value #MAX_BATCH} keys
     */
    Map<String, Long> storedVersions(RecordKind kind, Collection<String> keys);
}
