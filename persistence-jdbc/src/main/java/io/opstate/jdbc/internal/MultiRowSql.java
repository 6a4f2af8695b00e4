package io.opstate.jdbc.internal;

import io.opstate.jdbc.internal.MultiRowWrite.Row;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * One statement in its n-row forms, for the {@link MultiRowWrite}s: {@code head}, then n rows of
 * a template joined by commas, then {@code tail}; the parameters of row i are suffixed with i
 * ({@code :id0}, {@code :id1}, ...). Each form is built on first use and kept. A row's values are
 * bound by the names of the row as written once, without a suffix ({@link Template#bind}): the
 * parameters of row i are those of the first row moved on by i rows' worth, so binding a row
 * builds and looks up no name of its own (with 64 rows of 9 values, looking up {@code "id" + i}
 * and the like was the writer's busiest Java frame). Each row keeps its
 * own time: under {@code HOST} time row i says {@code :now<i>}, bound from its own
 * {@link StoreTime.Stamp}; under {@code DATABASE} time every row says {@code <now>}. Rows come back
 * in no promised order, so they are matched to the inputs by id. Thread-safe.
 *
 * @param <V> what one row writes
 * @param <R> the record the statement returns per row
 */
final class MultiRowSql<V, R> {
    /** The rows of one statement. Implementations are stateless and thread-safe. */
    interface Template<V> {
        /** One row, its parameters named with {@code suffix} and its time the SQL {@code now}. */
        String row(String suffix, String now);

        /**
         * Binds the parameters of {@code value}'s row, named as {@link #row} names them with an
         * empty suffix ({@code :id}, {@code :type}, ...).
         */
        void bind(Params row, V value) throws SQLException;
    }

    private final JdbcContext context;
    private final String head;
    private final String tail;
    private final RowMapper<R> mapper;
    private final Template<V> template;
    private final StoreTime time;
    /** One row as written with an empty suffix: the positions of its parameters within a row. */
    private final CompiledSql row;
    /** Whether a row says its own time ({@code :now}); a row of a record written as it was (an import) may not. */
    private final boolean rowTakesTime;
    /** The statement for n rows at index n, built on first use. */
    private final AtomicReferenceArray<CompiledSql> statements =
            new AtomicReferenceArray<>(Database.MAX_WRITES_PER_COMMIT + 1);

    MultiRowSql(JdbcContext context, String head, String tail, RowMapper<R> mapper, Template<V> template) {
        this.context = context;
        this.head = head;
        this.tail = tail;
        this.mapper = mapper;
        this.template = template;
        this.time = context.time();
        this.row = context.compile(template.row("", time.nowAs("")));
        this.rowTakesTime = row.has("now");
    }

    /** Runs the statement for {@code rows} on {@code connection}; returns the records in no promised order. */
    List<R> run(PlainConnection connection, List<Row<V>> rows) {
        return context.jdbc().query(connection, statement(rows.size()), params -> bind(params, rows), mapper);
    }

    /** Runs the statement for {@code rows}, one that returns no rows, on {@code connection}; returns the rows it changed. */
    int update(PlainConnection connection, List<Row<V>> rows) {
        return context.jdbc().update(connection, statement(rows.size()), params -> bind(params, rows));
    }

    private void bind(Params params, List<Row<V>> rows) throws SQLException {
        for (int i = 0; i < rows.size(); i++) {
            Params values = params.part(row, i * row.parameters());
            template.bind(values, rows.get(i).value());
            if (rowTakesTime) {
                rows.get(i).now().bindAs(values, "now");
            }
        }
    }

    /**
     * The returned records in the order of {@code rows}, or null when some row got none.
     *
     * @param idOfRow the id of the record a row writes
     * @param idOfRecord the id of a returned record
     */
    List<R> inOrder(List<Row<V>> rows, List<R> returned, Function<V, String> idOfRow, Function<R, String> idOfRecord) {
        if (rows.size() == 1) { // the single write of every lone caller: no map
            return returned.size() == 1 && idOfRecord.apply(returned.get(0)).equals(idOfRow.apply(rows.get(0).value()))
                    ? returned
                    : null;
        }
        Map<String, R> byId = new HashMap<>();
        for (R stored : returned) {
            byId.put(idOfRecord.apply(stored), stored);
        }
        List<R> ordered = new ArrayList<>(rows.size());
        for (Row<V> row : rows) {
            R stored = byId.get(idOfRow.apply(row.value()));
            if (stored == null) {
                return null;
            }
            ordered.add(stored);
        }
        return ordered;
    }

    private CompiledSql statement(int rows) {
        CompiledSql statement = statements.get(rows);
        if (statement == null) {
            StringJoiner all = new StringJoiner(", ", head, tail);
            for (int i = 0; i < rows; i++) {
                all.add(template.row(String.valueOf(i), time.nowAs(String.valueOf(i))));
            }
            statement = context.compile(all.toString());
            checkRowsFollowEachOther(statement, rows);
            statements.set(rows, statement);
        }
        return statement;
    }

    /**
     * Checks, once per form, what binding by {@link #row} assumes: the head and the tail take no
     * parameter, so each parameter of row i is the first row's moved on by i rows.
     *
     * @throws IllegalStateException when they do: a bug in the statement
     */
    private void checkRowsFollowEachOther(CompiledSql statement, int rows) {
        if (statement.parameters() != rows * row.parameters()) {
            throw new IllegalStateException("bug: " + statement.parameters() + " parameters in " + rows + " rows of "
                    + row.parameters() + ": the head or tail of " + statement.jdbc() + " takes parameters");
        }
    }
}
