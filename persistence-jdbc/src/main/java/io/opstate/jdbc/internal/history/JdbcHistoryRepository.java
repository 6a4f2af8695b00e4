package io.opstate.jdbc.internal.history;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.history.AppendedEvents;
import io.opstate.history.HistoryEvent;
import io.opstate.history.HistoryPosition;
import io.opstate.history.HistoryQuery;
import io.opstate.history.HistoryRepository;
import io.opstate.history.NewHistoryEvent;
import io.opstate.jdbc.HistoryFollowing;
import io.opstate.jdbc.internal.CompiledSql;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.Filter;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.Keyset;
import io.opstate.jdbc.internal.StoreTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shared SQL implementation of {@link HistoryRepository}. Sequence numbers come from the
 * table's identity column (never reused, increasing); paging compares them numerically.
 * Thread-safe.
 */
public final class JdbcHistoryRepository implements HistoryRepository {
    private static final String SELECT = "SELECT " + HistoryMapper.COLUMNS + " FROM opstate_history";
    private static final Keyset<HistoryEvent> KEYSET = new Keyset<>("occurred_at", "id", true,
            HistoryEvent::occurredAt, event -> Long.toString(event.id()));

    private final JdbcContext context;
    private final HistoryMapper mapper;
    private final CompiledSql insert;
    private final String appendedAfter;

    public JdbcHistoryRepository(JdbcContext context) {
        this.context = context;
        this.mapper = new HistoryMapper(context.dialect());
        this.insert = context.compile("INSERT INTO opstate_history (event, subject_id, metadata, occurred_at) VALUES"
                + " (:event, :subjectId, " + context.json("metadata") + ", <now>) RETURNING " + HistoryMapper.COLUMNS);
        HistoryFollowing following = context.dialect().historyFollowing();
        this.appendedAfter = "SELECT " + HistoryMapper.COLUMNS + ", " + following.transaction() + " AS follow_transaction"
                + " FROM opstate_history WHERE " + following.after()
                + (following.settled() == null ? "" : " AND " + following.settled())
                + " ORDER BY " + following.order() + " LIMIT :limit";
    }

    @Override
    public HistoryEvent append(NewHistoryEvent event) {
        StoreTime.Stamp now = context.now();
        return context.database().writePlain(ErrorContext.NONE, connection -> context.jdbc().queryAtMostOne(connection, insert,
                params -> now.bind(params).text("event", event.event()).text("subjectId", event.subjectId())
                        .text("metadata", event.metadata()),
                mapper).orElseThrow());
    }

    @Override
    public Optional<HistoryEvent> find(long id) {
        return context.database().read(ErrorContext.NONE, handle -> handle
                .createQuery(SELECT + " WHERE id = :id").bind("id", id).map(mapper).findOne());
    }

    @Override
    public Page<HistoryEvent> list(HistoryQuery query, PageRequest page) {
        Filter filter = new Filter()
                .equalTo("subject_id", query.subjectId())
                .equalTo("event", query.event())
                .atLeast("occurred_at", query.from())
                .before("occurred_at", query.before());
        return context.database().readPlain(ErrorContext.NONE,
                connection -> KEYSET.page(context, connection, SELECT, filter, page, mapper));
    }

    @Override
    public AppendedEvents appendedAfter(HistoryPosition position, int limit) {
        List<Map.Entry<HistoryPosition, HistoryEvent>> rows = context.database().read(ErrorContext.NONE, handle -> handle
                .createQuery(appendedAfter)
                .bind("transaction", position.transaction())
                .bind("id", position.id())
                .bind("limit", limit)
                .map((row, ctx) -> Map.entry(new HistoryPosition(row.getLong("follow_transaction"), row.getLong("id")),
                        mapper.map(row, ctx)))
                .list());
        return new AppendedEvents(rows.stream().map(Map.Entry::getValue).toList(),
                rows.isEmpty() ? position : rows.get(rows.size() - 1).getKey());
    }

    @Override
    public int deleteBefore(Instant cutoff) {
        return context.database().write(ErrorContext.NONE, handle -> handle
                .createUpdate("DELETE FROM opstate_history WHERE occurred_at < :cutoff").bind("cutoff", cutoff).execute());
    }
}
