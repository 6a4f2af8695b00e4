package io.opstate.memory.internal;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.constructs.Construct;
import io.opstate.core.search.SearchCandidate;
import io.opstate.core.search.SearchHits;
import io.opstate.core.search.SearchRequest;
import io.opstate.search.SearchHit;
import io.opstate.search.SearchQuery;
import io.opstate.search.SearchRepository;
import io.opstate.transcripts.TranscriptEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link SearchRepository} on a {@link MemoryStore}'s {@link SearchIndex}. Filters read the
 * constructs as they are now, so a changed status moves a construct's hits at once. Thread-safe;
 * each method is atomic.
 */
final class MemorySearchRepository implements SearchRepository {
    private final Session session;

    MemorySearchRepository(Session session) {
        this.session = session;
    }

    @Override
    public Page<SearchHit> search(SearchQuery query, PageRequest page) {
        SearchRequest request = SearchRequest.of(query, page);
        return session.read(store -> {
            List<SearchIndex.Ranked> ranked = store.searchIndex.find(request.terms(),
                    (key, at) -> inTime(request, at) && inFilters(request, construct(store, key)));
            ranked.sort(SearchIndex.Ranked.BEST_FIRST);
            int from = Math.min(ranked.size(), request.offset());
            int to = (int) Math.min(ranked.size(), (long) request.offset() + request.limit() + 1);
            List<SearchCandidate> candidates = new ArrayList<>(to - from);
            for (SearchIndex.Ranked hit : ranked.subList(from, to)) {
                candidates.add(candidate(store, hit.key()));
            }
            return SearchHits.page(request, candidates);
        });
    }

    @Override
    public long rebuildIndex() {
        return session.write(MemoryStore::reindexSearch);
    }

    private static boolean inTime(SearchRequest request, Instant at) {
        return (request.from() == null || !at.isBefore(request.from()))
                && (request.before() == null || at.isBefore(request.before()));
    }

    private static boolean inFilters(SearchRequest request, Construct construct) {
        return construct != null
                && (request.types().isEmpty() || request.types().contains(construct.type()))
                && (request.statuses().isEmpty() || request.statuses().contains(construct.status()));
    }

    /** The construct a text belongs to; null only if the index outlived it, which writes never let happen. */
    private static Construct construct(MemoryStore store, TextKey key) {
        if (!key.isEntry()) {
            return store.constructs.find(key.constructId());
        }
        io.opstate.sessions.Session owner = store.sessions.find(key.sessionId());
        return owner == null ? null : store.constructs.find(owner.constructId());
    }

    private static SearchCandidate candidate(MemoryStore store, TextKey key) {
        Construct construct = construct(store, key);
        if (!key.isEntry()) {
            return new SearchCandidate(construct.id(), construct.type(), null, null, construct.createdAt(),
                    construct.title(), construct.metadata(), null);
        }
        TranscriptEntry entry = store.sessionLogs.entries(key.sessionId()).get((int) key.sequence() - 1);
        return new SearchCandidate(construct.id(), construct.type(), key.sessionId(), key.sequence(),
                entry.createdAt(), null, null, entry.content());
    }
}
