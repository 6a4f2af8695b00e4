package io.opstate.jdbc.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Inserts records of one table, so that records several threads insert at the same moment go in
 * one multi-row {@code INSERT ... VALUES (...), (...) RETURNING} (one statement to prepare and run
 * instead of one each) when {@link GroupCommit} puts them in one batch ({@link MultiRowSql}).
 *
 * <p>A multi-row statement that fails is not translated: {@link GroupCommit} runs each record
 * again alone, and a single row's failure is translated with what {@link Table#about} says of its
 * record, so a duplicate id or a missing reference fails only its own caller, with its own typed
 * exception.
 *
 * <p>A table whose rows read back exactly as given ({@link StoredAsGiven}) is inserted without
 * {@code RETURNING} where the store allows it (times from the host, JSON kept as text): the
 * records come from the inputs and their times, and the writer, whose transaction every other
 * caller of the batch waits for, neither reads the rows back nor maps them (measured with 64
 * callers creating jobs on SQLite FULL: a tenth to a fifth more creates per second). Thread-safe.
 *
 * @param <V> the record to insert
 * @param <R> the record as stored: read from the {@code RETURNING} columns, or built from its input
 */
public final class MultiRowInsert<V, R> implements MultiRowWrite<MultiRowWrite.Row<V>, R> {
    /** What one table says about its rows. Implementations are stateless and thread-safe. */
    public interface Table<V, R> extends MultiRowSql.Template<V> {
        /** The record {@code value} writes (entity and id, never a null id) and what it references, for errors. */
        ErrorContext about(V value);

        /** The id of a stored record, as {@link #about} names it. */
        String id(R stored);
    }

    /**
     * A table whose new row reads back as the record its input and its time make: every column is
     * a parameter stored as bound, a constant, or the time. Implementations are stateless and
     * thread-safe.
     */
    public interface StoredAsGiven<V, R> extends Table<V, R> {
        /**
         * The record {@code value}'s row reads back as, inserted at {@code now} (truncated to
         * microseconds); must equal what the table's {@code RETURNING} mapper reads, field by field.
         */
        R stored(V value, Instant now);
    }

    private final JdbcContext context;
    private final Table<V, R> table;
    private final MultiRowSql<V, R> sql;
    /** The table, where its records come from its inputs: no {@code RETURNING}; else null. */
    private final StoredAsGiven<V, R> asGiven;

    /**
     * @param insertInto {@code INSERT INTO table (columns) VALUES }
     * @param returning {@code  RETURNING columns}, the columns {@code mapper} reads
     * @param table the {@code VALUES} row of one record, in parentheses
     */
    public MultiRowInsert(JdbcContext context, String insertInto, String returning, RowMapper<R> mapper,
                          Table<V, R> table) {
        this.context = context;
        this.table = table;
        this.asGiven = table instanceof StoredAsGiven<V, R> given && !context.time().fromDatabase()
                && context.dialect().jsonReadsBackAsWritten() ? given : null;
        this.sql = new MultiRowSql<>(context, insertInto, asGiven == null ? returning : "", mapper, table);
    }

    /**
     * Inserts {@code value} stamped now, in a committed write of its own or shared with other
     * threads' ({@link Database#write(ErrorContext, MultiRowWrite, Object)}), or in the thread's
     * transaction.
     *
     * @return the record as stored
     * @throws io.opstate.PersistenceException typed as {@link Table#about} says: a duplicate id, a missing reference
     */
    public R insert(V value) {
        return context.database().write(table.about(value), this, new Row<>(value, context.now()));
    }

    @Override
    public List<R> writeAll(PlainConnection connection, List<Row<V>> rows) {
        if (rows.size() == 1) {
            return List.of(insertOne(connection, rows.get(0)));
        }
        return inserted(connection, rows);
    }

    /** Inserts one row on {@code connection}; a failure is translated as this row's ({@link Table#about}). */
    public R insertOne(PlainConnection connection, Row<V> row) {
        try {
            return inserted(connection, List.of(row)).get(0);
        } catch (RuntimeException e) {
            throw context.database().translate(e, table.about(row.value()));
        }
    }

    /**
     * Inserts each of {@code values} on {@code connection}, one statement each, all stamped
     * {@code now}: a batch written in one transaction, such as {@code createAll} or an import. The
     * first failure is translated as its record's and ends the batch.
     *
     * @return the records as stored, in the order of {@code values}
     */
    public List<R> insertEach(PlainConnection connection, List<V> values, StoreTime.Stamp now) {
        List<R> inserted = new ArrayList<>(values.size());
        for (V value : values) {
            inserted.add(insertOne(connection, new Row<>(value, now)));
        }
        return inserted;
    }

    /**
     * Inserts {@code values} on {@code connection} in multi-row statements of up to
     * {@link Database#MAX_WRITES_PER_COMMIT} rows, all stamped {@code now}: an import's batch, in
     * one transaction, whose keys the caller has checked are free. A failure ends the batch; it
     * is translated as its record's when its statement held one row, else without naming one.
     *
     * @return the records as stored, in the order of {@code values}
     */
    public List<R> insertAll(PlainConnection connection, List<V> values, StoreTime.Stamp now) {
        List<R> inserted = new ArrayList<>(values.size());
        for (int from = 0; from < values.size(); from += Database.MAX_WRITES_PER_COMMIT) {
            List<Row<V>> rows = new ArrayList<>();
            for (V value : values.subList(from, Math.min(values.size(), from + Database.MAX_WRITES_PER_COMMIT))) {
                rows.add(new Row<>(value, now));
            }
            if (rows.size() == 1) {
                inserted.add(insertOne(connection, rows.get(0)));
                continue;
            }
            try {
                inserted.addAll(inserted(connection, rows));
            } catch (RuntimeException e) {
                throw context.database().translate(e, ErrorContext.NONE);
            }
        }
        return inserted;
    }

    /**
     * Inserts {@code rows} in one statement; returns their records in the order of {@code rows}.
     *
     * @throws IllegalStateException when the statement wrote or returned no row for some record: a bug
     */
    private List<R> inserted(PlainConnection connection, List<Row<V>> rows) {
        if (asGiven == null) {
            return matched(rows, sql.run(connection, rows));
        }
        int written = sql.update(connection, rows);
        if (written != rows.size()) {
            throw new IllegalStateException("bug: the insert wrote " + written + " rows for " + rows.size());
        }
        List<R> inserted = new ArrayList<>(rows.size());
        for (Row<V> row : rows) {
            inserted.add(asGiven.stored(row.value(), row.now().hostTime()));
        }
        return inserted;
    }

    private List<R> matched(List<Row<V>> rows, List<R> returned) {
        List<R> inserted = sql.inOrder(rows, returned, value -> table.about(value).id(), table::id);
        if (inserted == null) {
            throw new IllegalStateException("bug: the insert returned " + returned.size() + " rows for " + rows.size());
        }
        return inserted;
    }
}
