package io.opstate.archives;

import io.opstate.InvalidInputException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an export writes: the whole store, or chosen constructs with their sessions, checkpoints,
 * transcripts, artifacts (and blobs), and the links between two chosen constructs.
 *
 * @param constructIds the chosen constructs, in the order given; empty for the whole store
 */
public record ExportSelection(Set<String> constructIds) {
    /** At most this many constructs are chosen by id. */
    public static final int MAX_CONSTRUCTS = 10_000;

    public ExportSelection {
        if (constructIds == null) {
            throw new InvalidInputException("constructIds", "must not be null");
        }
        if (constructIds.size() > MAX_CONSTRUCTS) {
            throw new InvalidInputException("constructIds", "must hold at most " + MAX_CONSTRUCTS + " ids, got "
                    + constructIds.size());
        }
        for (String id : constructIds) {
            if (id == null || id.isBlank()) {
                throw new InvalidInputException("constructIds", "must not hold a null or blank id");
            }
        }
        constructIds = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(constructIds));
    }

    /** Every record of the store. */
    public static ExportSelection wholeStore() {
        return new ExportSelection(Set.of());
    }

    /** The constructs {@code ids} and everything that belongs to them. */
    public static ExportSelection constructs(Collection<String> ids) {
        if (ids == null) {
            throw new InvalidInputException("constructIds", "must not be null");
        }
        if (ids.isEmpty()) {
            throw new InvalidInputException("constructIds", "must name at least one construct");
        }
        return new ExportSelection(new LinkedHashSet<>(ids));
    }

    /** The constructs {@code ids} and everything that belongs to them. */
    public static ExportSelection constructs(String... ids) {
        return constructs(List.of(ids));
    }

    /** Whether the whole store is chosen. */
    public boolean wholeStoreChosen() {
        return constructIds.isEmpty();
    }
}
