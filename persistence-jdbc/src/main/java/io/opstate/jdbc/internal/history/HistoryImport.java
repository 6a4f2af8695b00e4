package io.opstate.jdbc.internal.history;

import io.opstate.history.HistoryEvent;
import io.opstate.jdbc.internal.CompiledSql;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.MultiRowInsert;
import io.opstate.jdbc.internal.Params;
import io.opstate.jdbc.internal.PlainConnection;
import java.sql.SQLException;
import io.opstate.DuplicateKeyException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Imports history events as they occurred ({@link io.opstate.imports.RecordImport#importHistory}).
 * Events that keep their ids go in first, then the identity column's generator is moved past the
 * largest id in the table (where the database does not do so itself), then the events with id 0
 * are numbered by it, as {@code append} numbers them. Ids already taken are refused in one read
 * per batch; the events keeping theirs go in multi-row statements. Records arrive checked and
 * normalised. Thread-safe.
 */
public final class HistoryImport {
    private static final String RETURNING = " RETURNING " + HistoryMapper.COLUMNS;

    private final JdbcContext context;
    private final HistoryMapper mapper;
    private final MultiRowInsert<HistoryEvent, HistoryEvent> keepingIds;
    private final CompiledSql numbered;

    public HistoryImport(JdbcContext context) {
        this.context = context;
        this.mapper = new HistoryMapper(context.dialect());
        this.keepingIds = new MultiRowInsert<>(context, "INSERT INTO opstate_history (" + HistoryMapper.COLUMNS + ") "
                + context.dialect().identityOverrideClause() + " VALUES ", RETURNING, mapper, new Rows(context));
        this.numbered = context.compile("INSERT INTO opstate_history (event, subject_id, metadata, occurred_at) VALUES"
                + " (:event, :subjectId, " + context.json("metadata") + ", :occurredAt)" + RETURNING);
    }

    /** Writes {@code events} in one write: all of them, or none. */
    public List<HistoryEvent> importAll(List<HistoryEvent> events) {
        List<HistoryEvent> withIds = events.stream().filter(event -> event.id() > 0).toList();
        String resync = context.dialect().identityResyncStatement("opstate_history", "id");
        return context.database().write(ErrorContext.NONE, handle -> {
            PlainConnection connection = PlainConnection.of(handle);
            refuseTakenIds(handle, withIds);
            List<HistoryEvent> kept = keepingIds.insertAll(connection, withIds, context.now());
            if (!kept.isEmpty() && resync != null) {
                handle.execute(resync);
            }
            List<HistoryEvent> imported = new ArrayList<>(events.size());
            int next = 0;
            for (HistoryEvent event : events) {
                imported.add(event.id() > 0 ? kept.get(next++) : context.jdbc().queryAtMostOne(connection, numbered,
                        params -> params.text("event", event.event()).text("subjectId", event.subjectId())
                                .text("metadata", event.metadata()).time("occurredAt", event.occurredAt()),
                        mapper).orElseThrow());
            }
            return imported;
        });
    }

    /** Refuses the first event whose id the store holds, in one read, before the multi-row inserts. */
    private static void refuseTakenIds(Handle handle, List<HistoryEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Set<Long> taken = new HashSet<>(handle.createQuery("SELECT id FROM opstate_history WHERE id IN (<ids>)")
                .bindList("ids", events.stream().map(HistoryEvent::id).toList())
                .mapTo(Long.class)
                .list());
        for (HistoryEvent event : events) {
            if (taken.contains(event.id())) {
                throw new DuplicateKeyException("history event", Long.toString(event.id()));
            }
        }
    }

    private record Rows(JdbcContext context) implements MultiRowInsert.Table<HistoryEvent, HistoryEvent> {
        @Override
        public String row(String suffix, String now) {
            return "(:id" + suffix + ", :event" + suffix + ", :subjectId" + suffix + ", " + context.json("metadata" + suffix)
                    + ", :occurredAt" + suffix + ")";
        }

        @Override
        public void bind(Params params, HistoryEvent event) throws SQLException {
            params.bigint("id", event.id())
                    .text("event", event.event())
                    .text("subjectId", event.subjectId())
                    .text("metadata", event.metadata())
                    .time("occurredAt", event.occurredAt());
        }

        @Override
        public ErrorContext about(HistoryEvent event) {
            return ErrorContext.of("history event", Long.toString(event.id()));
        }

        @Override
        public String id(HistoryEvent stored) {
            return Long.toString(stored.id());
        }
    }
}
