package io.opstate.jobs;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;

/**
 * Which jobs to list or count. Empty sets and null bounds mean "no restriction".
 *
 * @param types job types to include
 * @param statuses statuses to include
 * @param createdFrom inclusive lower bound of {@code createdAt}, or null
 * @param createdBefore exclusive upper bound of {@code createdAt}, or null
 */
public record JobQuery(Set<String> types, Set<JobStatus> statuses, Instant createdFrom, Instant createdBefore) {
    public JobQuery {
        types = types == null ? Set.of() : Set.copyOf(types);
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    }

    /** Every job. */
    public static JobQuery all() {
        return new JobQuery(Set.of(), Set.of(), null, null);
    }

    public JobQuery withTypes(String... types) {
        return new JobQuery(Set.of(types), statuses, createdFrom, createdBefore);
    }

    public JobQuery withStatuses(JobStatus... statuses) {
        return new JobQuery(types, Set.copyOf(Arrays.asList(statuses)), createdFrom, createdBefore);
    }

    /** Jobs created in {@code [from, before)}; either bound may be null. */
    public JobQuery createdBetween(Instant from, Instant before) {
        return new JobQuery(types, statuses, from, before);
    }
}
