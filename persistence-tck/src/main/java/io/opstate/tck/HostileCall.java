package io.opstate.tck;

import io.opstate.Datastore;

/**
 * One generated call of a public entry point: what it does to a store, a description of its
 * arguments, the outcome expected when validation lets it through, and whether it then writes
 * (and so runs in a transaction that is rolled back, leaving the seeded store as it was). Calls
 * that are not {@code validated} by the store (configuration) expect {@code ifValid} as it is.
 */
record HostileCall(String description, Action action, Outcome ifValid, boolean writes, boolean validated) {
    /** The call itself; may build its arguments (queries, page requests) as it runs. */
    @FunctionalInterface
    interface Action {
        Object run(Datastore store);
    }

    Object run(Datastore store) {
        return action.run(store);
    }

    static HostileCall reading(String description, Action action, Outcome ifValid) {
        return new HostileCall(description, action, ifValid, false, true);
    }

    static HostileCall writing(String description, Action action, Outcome ifValid) {
        return new HostileCall(description, action, ifValid, true, true);
    }

    /** A call that does not go through a store: its outcome is {@code expected}, with no oracle. */
    static HostileCall unvalidated(String description, Action action, Outcome expected) {
        return new HostileCall(description, action, expected, false, false);
    }
}
