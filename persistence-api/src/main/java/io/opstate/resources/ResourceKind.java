package io.opstate.resources;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A kind of {@link Resource} the host declares: the statuses its resources may have, the status
 * a new one starts in, and the labels whose values are restricted to a set (a label not named
 * here takes any value). Immutable; the collections are sorted, unmodifiable copies.
 *
 * @param name 1..200 characters, unique
 * @param initialStatus the status of a newly created resource; one of {@code statuses}
 * @param statuses every status a resource of this kind may have, at least one
 * @param labelValues for each restricted label key, the values it may take
 */
public record ResourceKind(String name, String initialStatus, Set<String> statuses,
                           Map<String, Set<String>> labelValues) {
    public ResourceKind {
        statuses = statuses == null ? null : Collections.unmodifiableSet(Sorted.set(statuses));
        if (labelValues != null) {
            Map<String, Set<String>> copy = Sorted.map(Map.of());
            labelValues.forEach((key, values) -> copy.put(key,
                    values == null ? null : Collections.unmodifiableSet(Sorted.set(values))));
            labelValues = Collections.unmodifiableMap(copy);
        }
    }

    /** A kind whose resources start in {@code initialStatus} and may also take {@code otherStatuses}. */
    public static ResourceKind of(String name, String initialStatus, String... otherStatuses) {
        Set<String> statuses = Sorted.set(java.util.Arrays.asList(otherStatuses));
        statuses.add(initialStatus);
        return new ResourceKind(name, initialStatus, statuses, Map.of());
    }

    /** This kind with label {@code key} restricted to {@code values}. */
    public ResourceKind withLabelValues(String key, String... values) {
        Map<String, Set<String>> labels = new TreeMap<>(labelValues == null ? Map.of() : labelValues);
        labels.put(key, Sorted.set(java.util.Arrays.asList(values)));
        return new ResourceKind(name, initialStatus, statuses, labels);
    }

    /** This kind without {@code status} (see {@link ResourceRepository#narrowKind}). */
    public ResourceKind withoutStatus(String status) {
        Set<String> fewer = Sorted.set(statuses);
        fewer.remove(status);
        return new ResourceKind(name, initialStatus, fewer, labelValues);
    }
}
