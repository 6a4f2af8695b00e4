package io.opstate.resources;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which resources of one kind a listing or count returns; every restriction given must hold.
 * Immutable.
 *
 * @param kind required
 * @param statuses any of these statuses; empty: every status
 * @param labels every one of these labels, with exactly this value; empty: no restriction
 * @param owner only this owner's resources; null: every owner and none
 */
public record ResourceQuery(String kind, Set<String> statuses, Map<String, String> labels, String owner) {
    public ResourceQuery {
        statuses = statuses == null ? Set.of() : Collections.unmodifiableSet(Sorted.set(statuses));
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(Sorted.map(labels));
    }

    /** Every resource of {@code kind}. */
    public static ResourceQuery of(String kind) {
        return new ResourceQuery(kind, Set.of(), Map.of(), null);
    }

    public ResourceQuery withStatuses(String... statuses) {
        return new ResourceQuery(kind, Sorted.set(java.util.Arrays.asList(statuses)), labels, owner);
    }

    /** Also requires label {@code key} to be {@code value}. */
    public ResourceQuery withLabel(String key, String value) {
        Map<String, String> more = new TreeMap<>(labels);
        more.put(key, value);
        return new ResourceQuery(kind, statuses, more, owner);
    }

    public ResourceQuery withOwner(String owner) {
        return new ResourceQuery(kind, statuses, labels, owner);
    }
}
