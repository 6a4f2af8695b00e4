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
    private final String select;
    private final SearchIndexRebuild rebuild;

    public JdbcSearchRepository(JdbcContext context, SearchIndex index) {
        this.context = context;
        this.search = context.dialect().search();
        this.rebuild = new SearchIndexRebuild(context, index);
        this.select = "SELECT d.id, d.construct_id, c.type AS construct_type, d.session_id, d.sequence, d.created_at,"
                + " CASE WHEN d.session_id IS NULL THEN c.title END AS title,"
                + " CASE WHEN d.session_id IS NULL THEN c.metadata END AS metadata, e.content"
                + " FROM " + search.searchedDocuments()
                + " JOIN opstate_constructs c ON c.id = d.construct_id"
                + " LEFT JOIN opstate_sessions s ON s.id = d.session_id AND s.construct_id = d.construct_id"
                + " LEFT JOIN opstate_transcript_entries e ON e.session_id = d.session_id AND e.sequence = d.sequence";
    }

    @Override
    public Page<SearchHit> search(SearchQuery query, PageRequest page) {
        SearchRequest request = SearchRequest.of(query, page);
        Filter filter = new Filter()
                .where(search.matches(QUERY), Map.of(QUERY, search.matchQuery(request.terms())))
                .where("(d.session_id IS NULL OR (s.id IS NOT NULL AND e.sequence IS NOT NULL))", Map.of())
                .in("c.type", request.types())
                .in("c.status", request.statuses())
                .atLeast("d.created_at", request.from())
                .before("d.created_at", request.before());
        CompiledSql sql = context.compile(select + filter.sql() + " ORDER BY " + search.rankOrder(QUERY)
                + ", d.id LIMIT :hitLimit OFFSET :hitOffset");
        SqlDialect dialect = context.dialect();
        List<SearchCandidate> candidates = context.database().readPlain(ErrorContext.NONE,
                connection -> context.jdbc().query(connection, sql,
                        params -> filter.bind(params).integer("hitLimit", request.limit() + 1)
                                .integer("hitOffset", request.offset()),
                        (row, ignored) -> candidate(row, dialect)));
        return SearchHits.page(request, candidates);
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
