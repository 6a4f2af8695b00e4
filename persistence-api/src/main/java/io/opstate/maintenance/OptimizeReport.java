package io.opstate.maintenance;

import java.util.List;

/**
 * What {@link io.opstate.Maintenance#optimize} did.
 *
 * @param vacuum how free space was reclaimed
 * @param steps what ran, in order, for people (e.g. {@code VACUUM (ANALYZE) opstate_jobs})
 * @param bytesBefore the store's size before, or null when the backend cannot tell
 * @param bytesAfter the store's size after, or null when the backend cannot tell
 */
public record OptimizeReport(VacuumMode vacuum, List<String> steps, Long bytesBefore, Long bytesAfter) {
    public OptimizeReport {
        steps = List.copyOf(steps);
    }
}
