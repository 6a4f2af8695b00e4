package io.opstate.sqlite.internal;

import io.opstate.jdbc.IntegrityFindings;
import io.opstate.jdbc.MaintenanceDialect;
import io.opstate.jdbc.StorageProbe;
import io.opstate.maintenance.CheckpointReport;
import io.opstate.maintenance.IntegrityProblem;
import io.opstate.maintenance.VacuumMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.sql.SQLException;
import java.sql.Statement;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * SQLite's maintenance: {@code PRAGMA integrity_check} and {@code foreign_key_check}, {@code PRAGMA
 * optimize} and the search index's merge with incremental or full vacuum, the WAL checkpoint, and table sizes from the
 * {@code dbstat} table where the library was built with it.
 */
final class SqliteMaintenance implements MaintenanceDialect {
    /** Errors {@code integrity_check} lists at most. */
    private static final int INTEGRITY_ERRORS = 100;
    /** Foreign key violations listed at most. */
    private static final int FOREIGN_KEY_ROWS = 100;
    /** Free pages one step of incremental vacuum gives back: a short write each. */
    static final int PAGES_PER_STEP = 2000;
    /**
     * Pages one run of the search index's merge writes at most. Merging a 168 MB index after a
     * purge of half of it, 8 writers' worst append waited 82 ms at 200 and 267 ms at 2,000; the
     * whole merge took about as long (docs/benchmarks.md, search index merge).
     */
    static final int MERGED_PAGES_PER_STEP = 200;
    /** {@code PRAGMA auto_vacuum} of a file in incremental mode. */
    private static final int INCREMENTAL_AUTO_VACUUM = 2;

    private final WalCheckpoints checkpoints;

    /** @param checkpoints the store's own checkpoints, kept from meeting the maintenance checkpoint */
    SqliteMaintenance(WalCheckpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    @Override
    public String tablesQuery() {
        return "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'opstate\\_%' ESCAPE '\\'";
    }

    /** From {@code dbstat}: every page of the table and of its indexes; empty when the library lacks it. */
    @Override
    public Map<String, Long> tableBytes(Handle reader) {
        boolean available = reader.createQuery("SELECT COUNT(*) FROM pragma_module_list WHERE name = 'dbstat'")
                .mapTo(Integer.class).one() > 0;
        Map<String, Long> bytes = new HashMap<>();
        if (available) {
            reader.createQuery("SELECT m.tbl_name AS name, SUM(s.pgsize) AS bytes FROM dbstat s"
                            + " JOIN sqlite_master m ON m.name = s.name GROUP BY m.tbl_name")
                    .map((row, ctx) -> Map.entry(row.getString("name"), row.getLong("bytes")))
                    .forEach(entry -> bytes.put(entry.getKey(), entry.getValue()));
        }
        return bytes;
    }

    @Override
    public List<Check> integrityChecks() {
        return List.of(new Check("PRAGMA integrity_check", SqliteMaintenance::integrity),
                new Check("PRAGMA foreign_key_check", SqliteMaintenance::foreignKeys));
    }

    private static void integrity(Handle reader, IntegrityFindings findings) {
        reader.createQuery("PRAGMA integrity_check(" + INTEGRITY_ERRORS + ")").mapTo(String.class)
                .filter(line -> !"ok".equals(line))
                .forEach(line -> findings.problem(IntegrityProblem.error("database", line)));
    }

    private static void foreignKeys(Handle reader, IntegrityFindings findings) {
        reader.createQuery("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check LIMIT " + FOREIGN_KEY_ROWS)
                .map((row, ctx) -> row.getString(1) + " row " + row.getString(2) + " refers to a row of "
                        + row.getString(3) + " that does not exist")
                .forEach(detail -> findings.problem(IntegrityProblem.error("foreign-keys", detail)));
    }

    @Override
    public List<Step> optimizeSteps(VacuumMode vacuum, List<String> tables, Handle writer) {
        List<Step> steps = new ArrayList<>();
        steps.add(statement("PRAGMA optimize"));
        // Before any vacuum, which then gives back the pages the merge frees.
        steps.add(searchIndexMerge(writer));
        switch (vacuum) {
            case NONE -> {
            }
            case FULL -> steps.add(statement("VACUUM"));
            case INCREMENTAL -> {
                int autoVacuum = writer.createQuery("PRAGMA auto_vacuum").mapTo(Integer.class).one();
                if (autoVacuum != INCREMENTAL_AUTO_VACUUM) {
                    // The mode takes effect only through a VACUUM: the file is rewritten once, here.
                    steps.add(Step.once("PRAGMA auto_vacuum = INCREMENTAL; VACUUM", handle -> {
                        update(handle, "PRAGMA auto_vacuum = INCREMENTAL");
                        update(handle, "VACUUM");
                    }));
                } else {
                    steps.add(incrementalVacuum(writer));
                }
            }
            default -> throw new IllegalArgumentException("vacuum " + vacuum);
        }
        return steps;
    }

    /**
     * FTS5's 'merge' of the search index, {@value #MERGED_PAGES_PER_STEP} pages written a run (with
     * a pause for the store's writers after each), until it finds nothing to merge: levels whose
     * segments wait for a merge, and segments of which a tenth or more was deleted
     * ({@code deletemerge}). Deleting a text only marks its words deleted in their segment; where no
     * new text follows (a purge, then a quiet store), nothing else merges those segments, and their
     * space stays taken. Never more runs than the index has pages a run.
     */
    private static Step searchIndexMerge(Handle writer) {
        long pages = writer.createQuery("SELECT COUNT(*) FROM " + SqliteSearch.INDEX + "_data")
                .mapTo(Long.class).one();
        String sql = SqliteSearch.mergePages(MERGED_PAGES_PER_STEP);
        return new Step(sql, handle -> {
            long before = totalChanges(handle);
            update(handle, sql);
            // FTS5's documented sign: a merge that did any work changed two rows or more
            return totalChanges(handle) - before >= 2;
        }, runsFor(pages, MERGED_PAGES_PER_STEP));
    }

    /**
     * {@value #PAGES_PER_STEP} free pages given back a run, while any are left (the merge before it
     * frees some); never more runs than the file has pages a run.
     */
    private static Step incrementalVacuum(Handle writer) {
        long pages = writer.createQuery("PRAGMA page_count").mapTo(Long.class).one();
        String sql = "PRAGMA incremental_vacuum(" + PAGES_PER_STEP + ")";
        return new Step(sql, handle -> {
            update(handle, sql);
            return handle.createQuery("PRAGMA freelist_count").mapTo(Long.class).one() > 0;
        }, runsFor(pages, PAGES_PER_STEP));
    }

    /** Runs of {@code perRun} pages that {@code pages} pages take, and one more that finds nothing left. */
    private static int runsFor(long pages, int perRun) {
        return (int) Math.min(Integer.MAX_VALUE, (pages + perRun - 1) / perRun + 1);
    }

    private static long totalChanges(Handle handle) {
        return handle.createQuery("SELECT total_changes()").mapTo(Long.class).one();
    }

    private static Step statement(String sql) {
        return Step.once(sql, handle -> update(handle, sql));
    }

    /**
     * Runs a statement that returns no rows through {@code executeUpdate}, which steps it to the end:
     * sqlite-jdbc's {@code execute} steps once, and {@code incremental_vacuum} frees one page a step.
     */
    private static void update(Handle handle, String sql) {
        try (Statement statement = handle.getConnection().createStatement()) {
            statement.executeUpdate(sql);
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    /**
     * {@code PRAGMA wal_checkpoint(TRUNCATE)}: copies every frame into the database and empties the
     * log, waiting for writers up to the busy timeout but not for readers of old frames, nor for
     * another process's checkpoint (busy); the store's own checkpoints wait for it to end.
     */
    @Override
    public CheckpointReport checkpoint(Handle writer, StorageProbe probe) {
        Long before = probe.walBytes();
        int[] result = checkpoints.excluding(() -> writer.createQuery("PRAGMA wal_checkpoint(TRUNCATE)")
                .map((row, ctx) -> new int[] {row.getInt(1), row.getInt(2), row.getInt(3)}).one());
        boolean busy = result[0] != 0;
        boolean complete = !busy && result[1] == result[2];
        String detail = busy ? "wal_checkpoint(TRUNCATE) could not run to the end: another connection held the lock"
                : "wal_checkpoint(TRUNCATE) copied " + result[2] + " of " + result[1] + " frames"
                        + (complete ? " and emptied the log" : "; a reader still needs the rest");
        return new CheckpointReport(true, complete, detail, before, probe.walBytes());
    }
}
