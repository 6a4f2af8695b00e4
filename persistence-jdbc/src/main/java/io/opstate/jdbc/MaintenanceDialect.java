package io.opstate.jdbc;

import io.opstate.maintenance.CheckpointReport;
import io.opstate.maintenance.VacuumMode;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;

/**
 * What one SQL product does for {@link io.opstate.Maintenance}: its own integrity checks, how it
 * optimises and checkpoints, and how it lists and sizes the store's tables. The checks every SQL
 * store shares (rows left behind where no foreign key guards them, the artifacts) live in the shared
 * layer. Stateless, thread-safe.
 */
public interface MaintenanceDialect {
    /** A query of one column: the names of every table of the store whose name begins with {@code opstate_}. */
    String tablesQuery();

    /**
     * Bytes each of the store's tables takes with its indexes, by table name, read through
     * {@code reader}; a table the product cannot size is left out (an empty map when it can size none).
     */
    Map<String, Long> tableBytes(Handle reader);

    /** The product's own integrity checks, in the order they run: each one step of the check. */
    List<Check> integrityChecks();

    /**
     * The steps of an optimisation as {@code vacuum} says, planned by looking at the store through
     * {@code writer} (a connection outside any transaction, on which the steps then run).
     *
     * @param tables the store's tables ({@link #tablesQuery()}), for a product that works table by table
     */
    List<Step> optimizeSteps(VacuumMode vacuum, List<String> tables, Handle writer);

    /**
     * Checkpoints the store's write-ahead log through {@code writer}, a connection outside any
     * transaction; {@code probe} measures the log before and after.
     */
    CheckpointReport checkpoint(Handle writer, StorageProbe probe);

    /** One integrity check of the product: a name for the report and its progress, and what it does. */
    record Check(String name, Body body) {
        /** Adds what it finds to {@code findings}; a failure of the store itself it throws. */
        @FunctionalInterface
        public interface Body {
            void run(Handle reader, IntegrityFindings findings);
        }
    }

    /**
     * One step of an optimisation: the statement it runs, for the report, and the work. The work
     * answers whether more of the same is left; the step then runs again, each run a step of its own
     * (the cancellation looked at and the writer free between runs), at most {@code times} times.
     */
    record Step(String name, Predicate<Handle> work, int times) {
        public Step {
            if (times < 1) {
                throw new IllegalArgumentException("a step runs at least once, not " + times + " times");
            }
        }

        /** A step that runs once. */
        public static Step once(String name, Consumer<Handle> work) {
            return new Step(name, handle -> {
                work.accept(handle);
                return false;
            }, 1);
        }
    }
}
