package io.opstate;

/**
 * Work that runs inside one transaction and returns nothing; see
 * {@link Datastore#useTransaction}. It receives a {@link Datastore} bound to that transaction:
 * every repository obtained from it takes part, and sees the action's own writes.
 */
@FunctionalInterface
public interface TransactionalAction {
    void execute(Datastore transaction);
}
