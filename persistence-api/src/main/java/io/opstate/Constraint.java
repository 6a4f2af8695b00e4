package io.opstate;

import java.util.function.Function;

/** A rule a {@link Setting}'s value must follow, checked when a {@link PersistenceConfig} is built. */
interface Constraint<T> {

    /**
     * The requirement {@code value} fails, in words ({@code "must be between 1 and 1000"}), or
     * {@code null} when it is allowed; the setting adds the value to the message, masked if it
     * has to be. {@code values} gives the other settings' values, for rules that depend on them;
     * settings are checked in declaration order, so a setting declared earlier is already valid.
     */
    String failedRequirement(T value, Function<Setting<?>, Object> values);
}
