package io.opstate.tck;

import java.util.function.Function;

/**
 * A generated value and a short label saying what kind of value it is ("NUL at end, 4 chars"),
 * for assertion messages: the value itself may be megabytes long or break lines.
 */
record Hostile<T>(T value, String label) {
    static <T> Hostile<T> of(T value, String label) {
        return new Hostile<>(value, label);
    }

    /** The same label over a value derived from this one. */
    <R> Hostile<R> map(Function<T, R> function) {
        return new Hostile<>(function.apply(value), label);
    }

    @Override
    public String toString() {
        return label;
    }
}
