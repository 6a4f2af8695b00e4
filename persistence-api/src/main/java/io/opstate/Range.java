package io.opstate;

import java.util.function.Function;

/**
 * Allows values from a minimum to a maximum, both included. The maximum may be another setting's
 * value ({@code pool.min-idle} up to {@code pool.max-size}); that setting must be declared before
 * and always have a value.
 */
final class Range<T extends Comparable<? super T>> implements Constraint<T> {
    private final T min;
    private final T fixedMax;
    private final Setting<T> maxSetting;

    private Range(T min, T fixedMax, Setting<T> maxSetting) {
        this.min = min;
        this.fixedMax = fixedMax;
        this.maxSetting = maxSetting;
    }

    static <T extends Comparable<? super T>> Range<T> between(T min, T max) {
        return new Range<>(min, max, null);
    }

    static <T extends Comparable<? super T>> Range<T> between(T min, Setting<T> max) {
        if (!max.required()) {
            throw new IllegalArgumentException(max + " may be unset, so it cannot bound a range");
        }
        return new Range<>(min, null, max);
    }

    @Override
    public String failedRequirement(T value, Function<Setting<?>, Object> values) {
        T max = maxSetting == null ? fixedMax : maxSetting.type().cast(values.apply(maxSetting));
        if (value.compareTo(min) >= 0 && value.compareTo(max) <= 0) {
            return null;
        }
        String maxSource = maxSetting == null ? "" : " (" + maxSetting.property() + ")";
        return "must be between " + min + " and " + max + maxSource;
    }
}
