package io.opstate.archives;

import java.util.List;

/**
 * What an import did (or, for a dry run, would do).
 *
 * @param dryRun whether nothing was written
 * @param policy the conflict policy applied
 * @param outcomes per entity and action: how many records and the first ids, in archive order
 */
public record ImportReport(boolean dryRun, ConflictPolicy policy, List<Outcome> outcomes) {
    public ImportReport {
        outcomes = List.copyOf(outcomes);
    }

    /** How many records of {@code entity} got {@code action}. */
    public long count(String entity, ImportAction action) {
        return outcomes.stream().filter(o -> o.entity().equals(entity) && o.action() == action)
                .mapToLong(Outcome::count).sum();
    }

    /** How many records got {@code action}, over every entity. */
    public long total(ImportAction action) {
        return outcomes.stream().filter(o -> o.action() == action).mapToLong(Outcome::count).sum();
    }

    /** The content bytes of the artifacts of {@code entity} that got {@code action}; 0 for other entities. */
    public long bytes(String entity, ImportAction action) {
        return outcomes.stream().filter(o -> o.entity().equals(entity) && o.action() == action)
                .mapToLong(Outcome::bytes).sum();
    }

    /**
     * @param entity the archive's name of the entity, e.g. {@code jobs}
     * @param action what its records got
     * @param count how many
     * @param firstIds the archive's keys of the first of them, at most the sample size asked for
     * @param bytes the content those records carry: the artifacts' sizes (as put) added up; 0 for
     *     entities without content
     */
    public record Outcome(String entity, ImportAction action, long count, List<String> firstIds, long bytes) {
        public Outcome {
            firstIds = List.copyOf(firstIds);
        }

        /** An outcome of records without content. */
        public Outcome(String entity, ImportAction action, long count, List<String> firstIds) {
            this(entity, action, count, firstIds, 0);
        }
    }
}
