package io.opstate.jdbc.copy;

import io.opstate.Datastore;
import io.opstate.InvalidInputException;
import io.opstate.jdbc.internal.StoreAccess;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Copies every OpState table of one SQL store into another, e.g. an SQLite file into a PostgreSQL
 * schema when a host outgrows one process. Both stores must be open (so migrated) through
 * {@link io.opstate.Persistence#open}, by any SQL backend built on this module; they may be of the
 * same product or not.
 *
 * <p>What is preserved: every row of {@code jobs}, {@code pipelines}, {@code schedules},
 * {@code executions} and {@code history}, copied in that (foreign key) order, with every column
 * exactly: ids, versions, fencing tokens, leases, history sequence numbers (gaps included), times
 * at microsecond precision; JSON semantically (a PostgreSQL {@code jsonb} target may reorder keys
 * and drop whitespace). Afterwards the target numbers new history events past the largest copied
 * sequence number, and its claims draw fencing tokens above the largest copied one. The schema
 * history table and the claim-token generator are not copied: the target has its own. Nor is the
 * search index, which each backend keeps in its own form: after verifying, the target builds its
 * index from the copied constructs and transcript entries ({@link io.opstate.search.SearchRepository#rebuildIndex()}).
 *
 * <p>How: the source is read in one repeatable-read transaction (one consistent snapshot), each
 * table in key order through a cursor of {@code batchSize} rows; the target is written in
 * transactions of {@code batchSize} rows. Memory stays bounded by one batch whatever the store's
 * size. At the end the target's row count of every table is compared with the source's.
 *
 * <p>Stop every writer of the source first: writes made after the copy started are not copied.
 * The copy is not one transaction: if it fails midway the target holds the batches committed so
 * far; empty or recreate it before copying again (a non-empty target is refused).
 *
 * <p>Immutable; one copier may run several copies, one at a time per pair of stores. The caller
 * keeps ownership of both stores and closes them.
 */
public final class StoreCopier {
    /** Rows per target transaction, and per source fetch, unless told otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 500;
    /** The largest batch size accepted. */
    public static final int MAX_BATCH_SIZE = 10_000;

    private final int batchSize;
    private final CopyListener listener;

    /**
     * @param batchSize rows per target transaction and per source fetch, 1..{@value #MAX_BATCH_SIZE}
     * @param listener told the progress of each table; {@link CopyListener#NONE} to ignore it
     * @throws InvalidInputException naming {@code batchSize} when it is out of range
     */
    public StoreCopier(int batchSize, CopyListener listener) {
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new InvalidInputException("batchSize", "must be 1.." + MAX_BATCH_SIZE + ", was " + batchSize);
        }
        this.batchSize = batchSize;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** A copier with {@link #DEFAULT_BATCH_SIZE} that reports progress to {@code listener}. */
    public StoreCopier(CopyListener listener) {
        this(DEFAULT_BATCH_SIZE, listener);
    }

    /**
     * Copies {@code source} into {@code target}.
     *
     * @return the verified row counts per table
     * @throws CopyRefusedException before writing anything, when a store is not a SQL store, is
     *     unreachable, holds an OpState table this copier does not know (it would be left
     *     behind), or the two differ in schema version or columns
     * @throws TargetNotEmptyException before writing anything, when the target holds OpState rows
     * @throws CopyVerificationException when, after copying, a table's counts differ
     * @throws io.opstate.PersistenceException typed as the API documents when either store fails
     *     midway; the target then holds a partial copy
     */
    public CopyReport copy(Datastore source, Datastore target) {
        StoreAccess from = access(source, "source");
        StoreAccess to = access(target, "target");
        StoreSchemas.requireSameVersion(source, target);
        StoreSchemas.requireKnownTables(from, "source");
        StoreSchemas.requireKnownTables(to, "target");
        StoreSchemas.requireKnownColumns(from, "source");
        StoreSchemas.requireKnownColumns(to, "target");
        StoreSchemas.requireEmpty(to);
        Map<String, long[]> copied = from.readSnapshot(handle -> {
            Map<String, long[]> counts = new LinkedHashMap<>();
            for (CopiedTable table : CopiedTable.ALL) {
                long total = StoreSchemas.count(handle, table.name());
                long done = new TableCopy(table, from.dialect(), to, batchSize).copy(handle, total, listener);
                counts.put(table.name(), new long[] {total, done});
            }
            return counts;
        });
        resyncIdentities(to);
        advanceClaimTokens(to);
        CopyReport report = verify(to, copied);
        // The search index is not copied: the target builds its own, in its own form.
        target.search().rebuildIndex();
        return report;
    }

    /**
     * Moves the target's claim-token generator past the largest copied token, so that a claim on
     * the target never hands out a token a copied job carries, and every job's next token is
     * larger than its last.
     */
    private static void advanceClaimTokens(StoreAccess target) {
        target.write(handle -> {
            long highest = handle.createQuery("SELECT COALESCE(max(claim_token), 0) FROM opstate_jobs")
                    .mapTo(Long.class).one();
            return handle.createUpdate(target.dialect().advanceClaimTokens()).bind("highest", highest).execute();
        });
    }

    private static void resyncIdentities(StoreAccess target) {
        for (CopiedTable table : CopiedTable.ALL) {
            String resync = table.identity() == null ? null
                    : target.dialect().identityResyncStatement(table.name(), table.identity());
            if (resync != null) {
                target.write(handle -> handle.execute(resync));
            }
        }
    }

    private static CopyReport verify(StoreAccess target, Map<String, long[]> copied) {
        List<CopyReport.TableCount> counts = target.readSnapshot(handle -> {
            List<CopyReport.TableCount> found = new ArrayList<>();
            copied.forEach((table, sourceAndDone) ->
                    found.add(new CopyReport.TableCount(table, sourceAndDone[0], StoreSchemas.count(handle, table))));
            return found;
        });
        for (CopyReport.TableCount count : counts) {
            long done = copied.get(count.table())[1];
            if (count.targetRows() != count.sourceRows() || done != count.sourceRows()) {
                throw new CopyVerificationException(count.table(), count.sourceRows(),
                        count.targetRows() != count.sourceRows() ? count.targetRows() : done);
            }
        }
        return new CopyReport(counts);
    }

    /** The SQL side of a store opened through {@link io.opstate.Persistence}, which the SQL backends offer. */
    private static StoreAccess access(Datastore store, String role) {
        Objects.requireNonNull(store, role);
        return store.unwrap(StoreAccess.class).orElseThrow(() -> new CopyRefusedException("the " + role
                + " store (backend " + store.backendName() + ") is not a SQL store; only stores of the SQL backends"
                + " (sqlite, postgres) can be copied"));
    }

    @Override
    public String toString() {
        return "StoreCopier[batchSize=" + batchSize + "]";
    }
}
