package io.opstate.jobs;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which jobs to list or count. Empty sets and null bounds mean "no restriction". Like every query
 * and record handed to a repository, it is validated when used, not here: a null element of
 * {@code types} or {@code statuses} is refused then with {@link io.opstate.InvalidInputException}
 * naming {@code types} or {@code statuses}. Duplicates are harmless and dropped: these are sets.
 *
 * @param types job types to include (at most 100 when used); an unmodifiable copy, in the order first given
 * @param statuses statuses to include; an unmodifiable copy, in the order first given
 * @param createdFrom inclusive lower bound of {@code createdAt}, or null
 * @param createdBefore exclusive upper bound of {@code createdAt}, or null
 */
public record JobQuery(Set<String> types, Set<JobStatus> statuses, Instant createdFrom, Instant createdBefore) {
    public JobQuery {
        types = copy(types);
        statuses = copy(statuses);
    }

    /** Every job. */
    public static JobQuery all() {
        return new JobQuery(Set.of(), Set.of(), null, null);
    }

    /** Only jobs of these types (a null array: no restriction). */
    public JobQuery withTypes(String... types) {
        return new JobQuery(setOf(types), statuses, createdFrom, createdBefore);
    }

    /** Only jobs in these statuses (a null array: no restriction). */
    public JobQuery withStatuses(JobStatus... statuses) {
        return new JobQuery(types, setOf(statuses), createdFrom, createdBefore);
    }

    /** Jobs created in {@code [from, before)}; either bound may be null. */
    public JobQuery createdBetween(Instant from, Instant before) {
        return new JobQuery(types, statuses, from, before);
    }

    // LinkedHashSet, unlike Set.of and Set.copyOf, keeps a null for validation to name instead of
    // throwing NullPointerException, and takes duplicates instead of throwing IllegalArgumentException.
    private static <T> Set<T> copy(Set<T> values) {
        return values == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }

    @SafeVarargs
    private static <T> Set<T> setOf(T... values) {
        return values == null ? null : new LinkedHashSet<>(Arrays.asList(values));
    }
}
