/**
 * What {@link io.opstate.Maintenance} reports: integrity checks, optimisation, write-ahead log
 * checkpoints and statistics of a store, and the listener through which a host (or a metrics
 * module) hears of every maintenance run.
 */
package io.opstate.maintenance;
