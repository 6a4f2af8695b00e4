package io.opstate.maintenance;

/**
 * Hears of every maintenance operation of a store once it has finished, whether a host called it
 * or the background runner did: the hook a metrics module counts runs and failures through.
 * Called on the thread that ran the operation, after it; keep it quick. An exception it throws is
 * ignored (logged), so a broken listener never stops maintenance.
 */
@FunctionalInterface
public interface MaintenanceListener {
    void finished(MaintenanceRun run);
}
