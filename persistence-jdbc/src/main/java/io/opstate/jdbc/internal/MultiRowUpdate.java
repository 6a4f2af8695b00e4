package io.opstate.jdbc.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * A guarded update of one row by id (a lease-guarded job change, an execution's finish), so that
 * updates several threads make at the same moment run as one statement when {@link GroupCommit}
 * puts them in one batch ({@link MultiRowSql}):
 * {@code WITH v (v_id, ...) AS (VALUES (...), (...)) UPDATE table SET ... FROM v WHERE table.id = v.v_id AND guard RETURNING ...}.
 *
 * <p>The shared statement counts only when every update matched its row. When one did not (its
 * guard failed: the lease was lost, the execution had finished, the row is missing), the batch
 * fails as a whole and {@link GroupCommit} runs each update again alone through
 * {@link Alone}, the single-row statement, which explains the failure with its own typed
 * exception; the others commit as if never grouped. Updates of one id in one batch run one after
 * another, as they would alone, since one row cannot answer two of them. Thread-safe.
 *
 * @param <V> one caller's change
 * @param <R> the record as stored after the change, read from the {@code RETURNING} columns
 */
public final class MultiRowUpdate<V, R> implements MultiRowWrite<MultiRowWrite.Row<V>, R> {
    /**
     * The shared statement's parts.
     *
     * @param table the table updated
     * @param columns the names of the values of a {@link Change#row}, the first {@code v_id}:
     *     {@code "v_id, v_token, v_now"}; {@code set} and {@code guard} read them as {@code v.v_token}
     * @param set the assignments, unqualified on the left: {@code "status = v.v_status, version = version + 1"}
     * @param guard what the row must hold besides its id, qualified with the table's name
     * @param returning {@code  RETURNING columns}
     */
    public record Statement(String table, String columns, String set, String guard, String returning) {
        String head() {
            return "WITH v (" + columns + ") AS (VALUES ";
        }

        String tail() {
            return ") UPDATE " + table + " SET " + set + " FROM v WHERE " + table + ".id = v.v_id AND " + guard
                    + returning;
        }
    }

    /** The rows of one kind of update. Implementations are stateless and thread-safe. */
    public interface Change<V> extends MultiRowSql.Template<V> {
        /** The id of the row {@code value} changes: the first value of its {@link #row}. */
        String idOf(V value);
    }

    /** The single-row statement of one update, failing as a lone update fails. */
    @FunctionalInterface
    public interface Alone<V, R> {
        R update(PlainConnection connection, Row<V> row);
    }

    private final Change<V> change;
    private final Function<R, String> storedId;
    private final Alone<V, R> alone;
    private final MultiRowSql<V, R> sql;

    /**
     * @param mapper reads the {@code returning} columns
     * @param storedId the id of a stored record
     * @param alone runs one update alone, explaining why its guard failed
     */
    public MultiRowUpdate(JdbcContext context, Statement statement, RowMapper<R> mapper, Function<R, String> storedId,
                          Change<V> change, Alone<V, R> alone) {
        this.change = change;
        this.storedId = storedId;
        this.alone = alone;
        this.sql = new MultiRowSql<>(context, statement.head(), statement.tail(), mapper, change);
    }

    @Override
    public List<R> writeAll(PlainConnection connection, List<Row<V>> rows) {
        if (rows.size() == 1 || !distinctIds(rows)) {
            return rows.stream().map(row -> alone.update(connection, row)).toList();
        }
        List<R> returned = sql.run(connection, rows);
        List<R> updated = sql.inOrder(rows, returned, change::idOf, storedId);
        if (updated == null) {
            throw new GuardFailed(rows.size() - returned.size());
        }
        return updated;
    }

    private boolean distinctIds(List<Row<V>> rows) {
        Set<String> ids = new HashSet<>();
        for (Row<V> row : rows) {
            if (!ids.add(change.idOf(row.value()))) {
                return false;
            }
        }
        return true;
    }

    /** Some updates of a shared statement matched no row; they are explained when run alone. */
    static final class GuardFailed extends RuntimeException {
        GuardFailed(int unmatched) {
            super(unmatched + " update(s) of a shared statement matched no row", null, false, false);
        }
    }
}
