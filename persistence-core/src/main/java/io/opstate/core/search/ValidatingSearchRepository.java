package io.opstate.core.search;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.search.SearchHit;
import io.opstate.search.SearchQuery;
import io.opstate.search.SearchRepository;

/**
 * Checks a search before the backend runs it, so a bad query, filter or cursor is refused the
 * same way on every backend and never reaches SQL. Backends read the checked request again with
 * {@link SearchRequest#of}, which cannot fail then.
 */
public final class ValidatingSearchRepository implements SearchRepository {
    private final SearchRepository backend;

    public ValidatingSearchRepository(SearchRepository backend) {
        this.backend = backend;
    }

    @Override
    public Page<SearchHit> search(SearchQuery query, PageRequest page) {
        SearchRequest.of(query, page);
        return backend.search(query, page);
    }

    /** Takes no arguments to check. */
    @Override
    public long rebuildIndex() {
        return backend.rebuildIndex();
    }
}
