package io.opstate.memory.internal;

/** A store-wide counter whose increments are undone with the write that made them. */
final class Sequence {
    private final UndoLog undo;
    private long last;

    Sequence(UndoLog undo) {
        this.undo = undo;
    }

    /** The next number: 1, 2, 3, ... Call under the write lock. */
    long next() {
        long previous = last;
        last = previous + 1;
        undo.record(() -> last = previous);
        return last;
    }

    /** Makes every later {@link #next} larger than {@code number}; never moves back. Call under the write lock. */
    void advancePast(long number) {
        long previous = last;
        if (number > previous) {
            last = number;
            undo.record(() -> last = previous);
        }
    }
}
