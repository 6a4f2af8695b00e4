/**
 * What every long operation (integrity check, optimise, retention, export, import, backup,
 * copy) shares: a {@link io.opstate.operations.ProgressListener} that a host UI can show, and a
 * {@link io.opstate.operations.Cancellation} that stops the operation between two bounded steps
 * with {@link io.opstate.operations.OperationCancelledException}. And the
 * {@link io.opstate.operations.StoreObserver} that a host (or its metrics) sets on the
 * configuration to be told of what happens inside the store: migrations, combined commits, pools,
 * maintenance tasks.
 */
package io.opstate.operations;
