package io.opstate.memory.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The steps that put the tables back as they were before the current write began, newest
 * last. Only touched while the store's write lock is held.
 */
final class UndoLog {
    private final List<Runnable> steps = new ArrayList<>();

    /** A position to roll back to. */
    int mark() {
        return steps.size();
    }

    void record(Runnable undo) {
        steps.add(undo);
    }

    /** Undoes every step recorded after {@code mark}, newest first. */
    void rollbackTo(int mark) {
        for (int i = steps.size() - 1; i >= mark; i--) {
            steps.remove(i).run();
        }
    }

    /** Forgets every step: the changes are committed. */
    void clear() {
        steps.clear();
    }
}
