package io.opstate.search;

import io.opstate.Page;
import io.opstate.PageRequest;

/**
 * Full-text search over every construct's title, the string values of its metadata, and the
 * content of its sessions' transcript entries. The index follows every write in the write's own
 * transaction: an appended entry, a changed title or metadata is found by the next search, and
 * once a construct's delete has returned nothing of it is found any more.
 *
 * <p><b>The same hits on every backend.</b> Text is cut into words the same way everywhere (runs
 * of letters and digits, lower-cased, accents removed; see {@link SearchQuery}), so a query
 * finds the same constructs and entries on every backend. Only the first
 * {@value #MAX_INDEXED_WORDS} words of a text are indexed. The rank, and so the order of hits,
 * is the backend's own (SQLite's bm25, PostgreSQL's {@code ts_rank_cd}, a term count in memory)
 * and may differ between backends, especially among hits with the same words.
 *
 * <p><b>Paging.</b> Hits come best first ({@code page.order()} is not used); a cursor holds how
 * many hits came before it, so a page read while the indexed text changes may repeat or miss a
 * hit near its edge. At most {@value #MAX_DEPTH} hits of one query can be paged through: a
 * cursor beyond that is refused; narrow the query instead. A cursor is only valid for the query
 * that produced it: one from another query, or one no page returned, is refused with
 * {@link io.opstate.InvalidInputException} naming {@code cursor}.
 *
 * <p>Thread-safe; each call is atomic.
 */
public interface SearchRepository {
    /** Longest query text, in characters. */
    int MAX_QUERY_LENGTH = 1_000;
    /** Most words (counting each word of a phrase) in one query. */
    int MAX_QUERY_WORDS = 32;
    /** Words of one text (a title with its metadata, or an entry's content) the index holds, from the start. */
    int MAX_INDEXED_WORDS = 16_383;
    /** Most hits of one query reachable by paging. */
    int MAX_DEPTH = 10_000;

    /**
     * The hits for {@code query}, best first.
     *
     * @throws io.opstate.InvalidInputException naming {@code query} (null), {@code text},
     *     {@code types}, {@code statuses}, {@code page}, {@code limit} or {@code cursor}
     */
    Page<SearchHit> search(SearchQuery query, PageRequest page);

    /**
     * Builds the index again from the stored constructs and entries, for an index that was
     * dropped or damaged: one transaction per batch of texts, so writers keep writing meanwhile
     * and what they write is indexed by them. Searches during a rebuild may miss texts not yet
     * reindexed.
     *
     * @return how many texts (constructs and entries) were indexed
     */
    long rebuildIndex();
}
