package io.opstate.constructs;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which constructs to list or count. Empty sets and null values mean "no restriction". Like every
 * query handed to a repository, it is validated when used, not here: a null element of
 * {@code types} or {@code statuses} is refused then with {@link io.opstate.InvalidInputException}
 * naming {@code types} or {@code statuses}. Duplicates are harmless and dropped: these are sets.
 *
 * <p><b>Metadata.</b> {@code metadata} is a JSON object: a construct matches when its metadata is
 * an object holding every top-level field of it, each with an equal value. Values are equal as
 * JSON: objects whatever their key order, arrays element by element in order, numbers by value
 * ({@code 1} equals {@code 1.0}), strings exactly; a field given as {@code null} matches only a
 * field present with the value {@code null}. Nested objects must be equal whole, not merely
 * contain the filter's fields. The empty object {@code {}} matches every construct with metadata.
 *
 * @param types construct types to include (at most 100 when used); an unmodifiable copy, in the order first given
 * @param statuses statuses to include (at most 100 when used); an unmodifiable copy, in the order first given
 * @param createdFrom inclusive lower bound of {@code createdAt}, or null
 * @param createdBefore exclusive upper bound of {@code createdAt}, or null
 * @param metadata a JSON object whose top-level fields must all match, or null
 */
public record ConstructQuery(Set<String> types, Set<String> statuses, Instant createdFrom, Instant createdBefore,
                             String metadata) {
    public ConstructQuery {
        types = copy(types);
        statuses = copy(statuses);
    }

    /** Every construct. */
    public static ConstructQuery all() {
        return new ConstructQuery(Set.of(), Set.of(), null, null, null);
    }

    /** Only constructs of these types (a null array: no restriction). */
    public ConstructQuery withTypes(String... types) {
        return new ConstructQuery(setOf(types), statuses, createdFrom, createdBefore, metadata);
    }

    /** Only constructs in these statuses (a null array: no restriction). */
    public ConstructQuery withStatuses(String... statuses) {
        return new ConstructQuery(types, setOf(statuses), createdFrom, createdBefore, metadata);
    }

    /** Constructs created in {@code [from, before)}; either bound may be null. */
    public ConstructQuery createdBetween(Instant from, Instant before) {
        return new ConstructQuery(types, statuses, from, before, metadata);
    }

    /** Only constructs whose metadata matches every top-level field of {@code metadataJson}, a JSON object. */
    public ConstructQuery withMetadata(String metadataJson) {
        return new ConstructQuery(types, statuses, createdFrom, createdBefore, metadataJson);
    }

    // LinkedHashSet, unlike Set.of and Set.copyOf, keeps a null for validation to name instead of
    // throwing NullPointerException, and takes duplicates instead of throwing IllegalArgumentException.
    private static <T> Set<T> copy(Set<T> values) {
        return values == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }

    private static Set<String> setOf(String... values) {
        return values == null ? null : new LinkedHashSet<>(Arrays.asList(values));
    }
}
