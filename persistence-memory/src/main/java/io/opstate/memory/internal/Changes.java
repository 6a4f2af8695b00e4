package io.opstate.memory.internal;

/** How a {@code *Changes} record applies: a null field keeps the current value. */
final class Changes {
    private Changes() {
    }

    /** {@code change} when given, else {@code current} (which may be null too). */
    static <T> T orCurrent(T change, T current) {
        return change != null ? change : current;
    }
}
