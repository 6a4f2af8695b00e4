package io.opstate.constructs;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which events of a construct's timeline to list ({@link ConstructRepository#timeline}). An empty
 * set and null bounds mean "no restriction". Validated when used, not here: a null element of
 * {@code kinds} is refused then with {@link io.opstate.InvalidInputException} naming
 * {@code kinds}, a bound outside year 1..9999 naming {@code from} or {@code before}.
 *
 * @param from inclusive lower bound of {@link TimelineEvent#at()}, or null
 * @param before exclusive upper bound of {@link TimelineEvent#at()}, or null
 * @param kinds the kinds of event to include; an unmodifiable copy, in the order first given
 */
public record TimelineQuery(Instant from, Instant before, Set<TimelineKind> kinds) {
    public TimelineQuery {
        // LinkedHashSet keeps a null for validation to name instead of throwing NullPointerException.
        kinds = kinds == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(kinds));
    }

    /** Every event of the timeline. */
    public static TimelineQuery all() {
        return new TimelineQuery(null, null, Set.of());
    }

    /** Events at {@code [from, before)}; either bound may be null. */
    public TimelineQuery between(Instant from, Instant before) {
        return new TimelineQuery(from, before, kinds);
    }

    /** Only events of these kinds (a null array: no restriction). */
    public TimelineQuery withKinds(TimelineKind... kinds) {
        return new TimelineQuery(from, before, kinds == null ? null : new LinkedHashSet<>(Arrays.asList(kinds)));
    }

    /** Whether events of {@code kind} are included. */
    public boolean includes(TimelineKind kind) {
        return kinds.isEmpty() || kinds.contains(kind);
    }
}
