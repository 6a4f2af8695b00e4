package io.opstate.jdbc.internal.constructs;

import io.opstate.NotFoundException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import io.opstate.constructs.TimelineBucket;
import io.opstate.constructs.TimelineEvent;
import io.opstate.constructs.TimelineKind;
import io.opstate.constructs.TimelineQuery;
import io.opstate.core.TimelineBuckets;
import io.opstate.core.TimelinePosition;
import io.opstate.jdbc.SqlDialect;
import io.opstate.jdbc.internal.CompiledSql;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.Params;
import io.opstate.jdbc.internal.PlainConnection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * A construct's activity timeline in SQL: one {@code UNION ALL} over its history events, its
 * sessions' starts and ends and their transcript entries, each branch restricted by the
 * construct, the time range and the page cursor, and cut to one page in its own order, so that
 * each seeks through its own index ({@code opstate_history_subject_occurred},
 * {@code opstate_sessions_construct_started}, the entries' primary key per session) and the outer
 * merge sorts at most four pages. The kind of an event is constant within its branch, so the
 * cursor, a position in the order (time, kind, session, number), becomes a plain range condition
 * on each branch's own sort key. Thread-safe.
 */
final class ConstructTimeline {
    private static final TimelineKind[] KINDS = TimelineKind.values();
    private static final String COLUMNS = "event_kind, event_at, event_ref, event_number, event_name";

    private final JdbcContext context;
    private final SqlDialect dialect;
    private final CompiledSql exists;
    private final RowMapper<TimelineEvent> mapper;

    ConstructTimeline(JdbcContext context) {
        this.context = context;
        this.dialect = context.dialect();
        this.exists = context.compile("SELECT 1 FROM opstate_constructs WHERE id = :constructId");
        this.mapper = (row, ignored) -> {
            TimelineKind kind = KINDS[row.getInt("event_kind")];
            boolean history = kind == TimelineKind.HISTORY_EVENT;
            long number = row.getLong("event_number");
            return new TimelineEvent(kind, dialect.getTime(row, "event_at"), history ? null : row.getString("event_ref"),
                    history ? 0 : number, row.getString("event_name"), history ? number : 0);
        };
    }

    /** One source of events: the SQL of its columns and table, and its sort key's columns. */
    private record Branch(TimelineKind kind, String select, String construct, String time, String ref, String number) {
        /** The sort key, as compared with the cursor's position within the same kind. */
        String key() {
            StringJoiner key = new StringJoiner(", ", "(", ")");
            key.add(time);
            if (ref != null) {
                key.add(ref);
            }
            if (number != null) {
                key.add(number);
            }
            return key.toString();
        }

        String cursor() {
            StringJoiner key = new StringJoiner(", ", "(", ")");
            key.add(":cursorTime");
            if (ref != null) {
                key.add(":cursorRef");
            }
            if (number != null) {
                key.add(":cursorNumber");
            }
            return key.toString();
        }
    }

    private static final List<Branch> BRANCHES = List.of(
            new Branch(TimelineKind.HISTORY_EVENT, "SELECT 0 AS event_kind, occurred_at AS event_at, '' AS event_ref,"
                    + " id AS event_number, event AS event_name FROM opstate_history",
                    "subject_id", "occurred_at", null, "id"),
            new Branch(TimelineKind.SESSION_STARTED, "SELECT 1 AS event_kind, started_at AS event_at, id AS event_ref,"
                    + " CAST(0 AS bigint) AS event_number, status AS event_name FROM opstate_sessions",
                    "construct_id", "started_at", "id", null),
            // The construct's entries in time order from their own index; the join keeps out the
            // entries of a deleted session still waiting for its purge (one key look-up each).
            new Branch(TimelineKind.TRANSCRIPT_ENTRY, "SELECT 2 AS event_kind, e.created_at AS event_at,"
                    + " e.session_id AS event_ref, e.sequence AS event_number, e.role AS event_name"
                    + " FROM opstate_transcript_entries e JOIN opstate_sessions s ON s.id = e.session_id",
                    "e.construct_id", "e.created_at", "e.session_id", "e.sequence"),
            new Branch(TimelineKind.SESSION_ENDED, "SELECT 3 AS event_kind, ended_at AS event_at, id AS event_ref,"
                    + " CAST(0 AS bigint) AS event_number, status AS event_name FROM opstate_sessions",
                    "construct_id", "ended_at", "id", null));

    Page<TimelineEvent> page(String constructId, TimelineQuery query, PageRequest page) {
        TimelinePosition cursor = TimelinePosition.decode(page.cursor());
        boolean descending = page.order() != SortOrder.OLDEST_FIRST;
        String direction = descending ? " DESC" : "";
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("constructId", constructId);
        arguments.put("pageLimit", page.limit() + 1);
        StringJoiner union = new StringJoiner(" UNION ALL ");
        for (Branch branch : BRANCHES) {
            if (!query.includes(branch.kind())) {
                continue;
            }
            List<String> conditions = range(branch, query.from(), query.before(), arguments);
            if (cursor != null) {
                conditions.add(after(branch, cursor, descending, arguments));
            }
            String order = branch.time() + direction + (branch.ref() == null ? "" : ", " + branch.ref() + direction)
                    + (branch.number() == null ? "" : ", " + branch.number() + direction);
            union.add("SELECT * FROM (" + branch.select() + " WHERE " + String.join(" AND ", conditions)
                    + " ORDER BY " + order + " LIMIT :pageLimit) AS " + branch.kind().name().toLowerCase());
        }
        CompiledSql sql = context.compile("SELECT " + COLUMNS + " FROM (" + union + ") AS timeline ORDER BY event_at"
                + direction + ", event_kind" + direction + ", event_ref" + direction + ", event_number" + direction
                + " LIMIT :pageLimit");
        return context.database().readPlain(ErrorContext.NONE, connection -> {
            requireConstruct(connection, constructId);
            List<TimelineEvent> rows = context.jdbc().query(connection, sql, params -> bind(params, arguments), mapper);
            if (rows.size() <= page.limit()) {
                return new Page<>(rows, null);
            }
            List<TimelineEvent> items = rows.subList(0, page.limit());
            return new Page<>(items, TimelinePosition.of(items.get(items.size() - 1)).encode());
        });
    }

    List<TimelineBucket> counts(String constructId, Instant from, Instant before, Duration bucket) {
        TimelineBuckets buckets = TimelineBuckets.of(from, before, bucket);
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("constructId", constructId);
        arguments.put("shift", buckets.shift(from));
        arguments.put("bucketMicros", buckets.bucketMicros());
        StringJoiner union = new StringJoiner(" UNION ALL ");
        for (Branch branch : BRANCHES) {
            // Offsets from the bound start plus the shift are never negative: integer division is the floor.
            String index = "(" + dialect.microsBetween(":from", branch.time()) + " + :shift) / :bucketMicros";
            String select = branch.select();
            union.add("SELECT " + branch.kind().ordinal() + " AS event_kind, " + index + " AS bucket_index"
                    + select.substring(select.indexOf(" FROM ")) + " WHERE "
                    + String.join(" AND ", range(branch, from, before, arguments)));
        }
        CompiledSql sql = context.compile("SELECT event_kind, bucket_index, COUNT(*) AS events FROM (" + union
                + ") AS timeline GROUP BY event_kind, bucket_index");
        return context.database().readPlain(ErrorContext.NONE, connection -> {
            requireConstruct(connection, constructId);
            TimelineBuckets.Tally tally = buckets.tally();
            context.jdbc().query(connection, sql, params -> bind(params, arguments), (row, ignored) -> {
                tally.add(row.getInt("bucket_index"), KINDS[row.getInt("event_kind")], row.getLong("events"));
                return null;
            });
            return tally.buckets();
        });
    }

    /** The branch's restriction to the construct and to {@code [from, before)}; either bound may be null. */
    private static List<String> range(Branch branch, Instant from, Instant before, Map<String, Object> arguments) {
        List<String> conditions = new ArrayList<>();
        conditions.add(branch.construct() + " = :constructId");
        // Sessions that have not ended have no end event; the other times are never null.
        conditions.add(branch.time() + " IS NOT NULL");
        if (from != null) {
            conditions.add(branch.time() + " >= :from");
            arguments.put("from", from);
        }
        if (before != null) {
            conditions.add(branch.time() + " < :before");
            arguments.put("before", before);
        }
        return conditions;
    }

    /**
     * The branch's events after {@code cursor} in the page's order. Every event of the branch has
     * its kind, so against the cursor's kind only the time decides for the other kinds, and the
     * branch's own sort key for the same kind.
     */
    private static String after(Branch branch, TimelinePosition cursor, boolean descending, Map<String, Object> arguments) {
        arguments.put("cursorTime", cursor.at());
        int kindOrder = Integer.compare(branch.kind().ordinal(), cursor.kind().ordinal()) * (descending ? -1 : 1);
        String later = descending ? "<" : ">";
        if (kindOrder > 0) {
            return branch.time() + " " + later + "= :cursorTime";
        }
        if (kindOrder < 0) {
            return branch.time() + " " + later + " :cursorTime";
        }
        if (branch.ref() != null) {
            arguments.put("cursorRef", cursor.sessionId());
        }
        if (branch.number() != null) {
            arguments.put("cursorNumber", cursor.number());
        }
        return branch.key() + " " + later + " " + branch.cursor();
    }

    private void requireConstruct(PlainConnection connection, String constructId) {
        if (context.jdbc().queryAtMostOne(connection, exists, params -> params.text("constructId", constructId),
                (row, ignored) -> 1).isEmpty()) {
            throw new NotFoundException("construct", constructId);
        }
    }

    private static Params bind(Params params, Map<String, Object> arguments) throws SQLException {
        for (Map.Entry<String, Object> argument : arguments.entrySet()) {
            String name = argument.getKey();
            Object value = argument.getValue();
            if (value instanceof String text) {
                params.text(name, text);
            } else if (value instanceof Instant time) {
                params.time(name, time);
            } else if (value instanceof Long number) {
                params.bigint(name, number);
            } else {
                params.integer(name, (Integer) value);
            }
        }
        return params;
    }
}
