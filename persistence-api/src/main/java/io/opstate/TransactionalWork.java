package io.opstate;

/**
 * Work that runs inside one transaction. It receives a {@link Datastore} bound to that
 * transaction: every repository obtained from it takes part, and sees the work's own writes.
 *
 * @param <T> what the work returns
 */
@FunctionalInterface
public interface TransactionalWork<T> {
    T execute(Datastore transaction);
}
