package io.opstate.jdbc.internal.search;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.core.search.SearchCandidate;
import io.opstate.core.search.SearchHits;
import io.opstate.core.search.SearchRequest;
import io.opstate.jdbc.SearchDialect;
import io.opstate.jdbc.SqlDialect;
import io.opstate.jdbc.internal.CompiledSql;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.Filter;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.PlainConnection;
import io.opstate.search.SearchHit;
import io.opstate.search.SearchQuery;
import io.opstate.search.SearchRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The shared SQL implementation of {@link SearchRepository}: the dialect matches and ranks the
 * words ({@link SearchDialect}), this class joins each matching document to what it indexes and
 * filters by the construct's type and status and the document's time. An entry's text is only
 * found while its session exists: the entries of a deleted construct stay indexed until their
 * purge, but their sessions went with the delete. Snippets and cursors are made in core
 * ({@link SearchHits}). Thread-safe.
 */
public final class JdbcSearchRepository implements SearchRepository {
    private static final String QUERY = "q";

    private final JdbcContext context;
    private final SearchDialect search;
    private final CompiledSql before;
    private final CompiledSql after;
    private final SearchIndexRebuild rebuild;

    public JdbcSearchRepository(JdbcContext context, SearchIndex index) {
        this.context = context;
        this.search = context.dialect().search();
        this.rebuild = new SearchIndexRebuild(context, index);
        this.before = compiledOrNull(context, search.beforeSearch());
        this.after = compiledOrNull(context, search.afterSearch());
    }

    /**
     * Ranks and cuts the page on the documents and their constructs alone, then reads the content
     * of the page's entries only: a word many entries hold costs its ranking, not a read of every
     * matching entry's content.
     */
    @Override
    public Page<SearchHit> search(SearchQuery query, PageRequest page) {
        SearchRequest request = SearchRequest.of(query, page);
        Filter filter = new Filter()
                .where(search.matches(QUERY), Map.of(QUERY, search.matchQuery(request.terms())))
                .where("(d.session_id IS NULL OR EXISTS (SELECT 1 FROM opstate_sessions s"
                        + " WHERE s.id = d.session_id AND s.construct_id = d.construct_id))", Map.of())
                .in("c.type", request.types())
                .in("c.status", request.statuses())
                .atLeast("d.created_at", request.from())
                .before("d.created_at", request.before());
        CompiledSql sql = context.compile("SELECT h.*, e.content FROM (SELECT d.id, d.construct_id,"
                + " c.type AS construct_type, d.session_id, d.sequence, d.created_at,"
                + " CASE WHEN d.session_id IS NULL THEN c.title END AS title,"
                + " CASE WHEN d.session_id IS NULL THEN c.metadata END AS metadata,"
                + " " + search.rank(QUERY) + " AS hit_rank"
                + " FROM " + search.searchedDocuments() + " JOIN opstate_constructs c ON c.id = d.construct_id"
                + filter.sql() + " ORDER BY hit_rank, d.id LIMIT :hitLimit OFFSET :hitOffset) h"
                + " LEFT JOIN opstate_transcript_entries e ON e.session_id = h.session_id AND e.sequence = h.sequence"
                + " ORDER BY h.hit_rank, h.id");
        SqlDialect dialect = context.dialect();
        List<SearchCandidate> candidates = context.database().readPlain(ErrorContext.NONE, connection -> {
            if (before != null) {
                context.jdbc().update(connection, before, params -> { });
            }
            List<SearchCandidate> found;
            try {
                found = context.jdbc().query(connection, sql,
                        params -> filter.bind(params).integer("hitLimit", request.limit() + 1)
                                .integer("hitOffset", request.offset()),
                        (row, ignored) -> candidate(row, dialect));
            } catch (RuntimeException e) {
                // the connection goes back to its pool as it came; a failure to undo cannot hide the search's
                undoSettings(connection, e);
                throw e;
            }
            undoSettings(connection, null);
            return found;
        });
        return SearchHits.page(request, candidates);
    }

    private void undoSettings(PlainConnection connection, RuntimeException failure) {
        if (after == null) {
            return;
        }
        try {
            context.jdbc().update(connection, after, params -> { });
        } catch (RuntimeException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
    }

    private static CompiledSql compiledOrNull(JdbcContext context, String sql) {
        return sql == null ? null : context.compile(sql);
    }

    private static SearchCandidate candidate(ResultSet row, SqlDialect dialect) throws SQLException {
        long sequence = row.getLong("sequence");
        Long entry = row.wasNull() ? null : sequence;
        return new SearchCandidate(row.getString("construct_id"), row.getString("construct_type"),
                row.getString("session_id"), entry, dialect.getTime(row, "created_at"), row.getString("title"),
                dialect.getJson(row, "metadata"), row.getString("content"));
    }

    @Override
    public long rebuildIndex() {
        return rebuild.run();
    }
}
