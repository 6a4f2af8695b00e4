package io.opstate.jdbc.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
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
 * {@link Change#alone}, the single-row statement, which explains the failure with its own typed
 * exception; the others commit as if never grouped. Updates of one id in one batch run one after
 * another, as they would alone, since one row cannot answer two of them. Thread-safe.
 *
 * @param <V> one caller's change
 * @param <R> the record as stored after the change, read from the {@code RETURNING} columns
 */
public final class MultiRowUpdate<V, R> implements MultiRowWrite<MultiRowWrite.Row<V>, R> {
    /** What one kind of update says about its rows. Implementations are stateless and thread-safe. */
    public interface Change<V, R> extends MultiRowSql.Template<V> {
        /** The id of the row {@code value} changes: the first value of its {@link #row}. */
        String idOf(V value);

        /** The id of a stored record. */
        String storedId(R stored);

        /** Runs the single-row statement of {@code row} on {@code handle}, failing as a lone update fails. */
        R alone(Handle handle, Row<V> row);
    }

    private final Change<V, R> change;
    private final MultiRowSql<V, R> sql;

    /**
     * @param table the table updated
     * @param columns the names of the values of a {@link Change#row}, the first {@code v_id}:
     *     {@code "v_id, v_token, v_now"}; {@code set} and {@code guard} read them as {@code v.v_token}
     * @param set the assignments, unqualified on the left: {@code "status = v.v_status, version = version + 1"}
     * @param guard what the row must hold besides its id, qualified with the table's name
     * @param returning {@code  RETURNING columns}, the columns {@code mapper} reads
     */
    public MultiRowUpdate(JdbcContext context, String table, String columns, String set, String guard,
                          String returning, RowMapper<R> mapper, Change<V, R> change) {
        this.change = change;
        this.sql = new MultiRowSql<>(context, "WITH v (" + columns + ") AS (VALUES ",
                ") UPDATE " + table + " SET " + set + " FROM v WHERE " + table + ".id = v.v_id AND " + guard + returning,
                mapper, change);
    }

    @Override
    public List<R> writeAll(Handle handle, List<Row<V>> rows) {
        if (rows.size() == 1 || !distinctIds(rows)) {
            return rows.stream().map(row -> change.alone(handle, row)).toList();
        }
        List<R> returned = sql.run(handle, rows);
        List<R> updated = sql.inOrder(rows, returned, change::idOf, change::storedId);
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
