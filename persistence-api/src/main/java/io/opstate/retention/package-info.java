/**
 * Retention: a {@link io.opstate.retention.RetentionPolicy} says which old rows of every kind go,
 * {@link io.opstate.Maintenance#prune} removes them (or counts them in a dry run) in bounded
 * batches and answers with a {@link io.opstate.retention.RetentionReport}.
 */
package io.opstate.retention;
