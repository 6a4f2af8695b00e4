package io.opstate.core.archives;

import io.opstate.archives.ConflictPolicy;
import io.opstate.archives.ImportAction;
import io.opstate.archives.ImportReport;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts what an import does per entity and action, and the content bytes, keeping the first few keys of each. */
final class ImportTally {
    private final int sampleSize;
    private final Map<String, Map<ImportAction, Count>> counts = new LinkedHashMap<>();

    ImportTally(int sampleSize) {
        this.sampleSize = sampleSize;
    }

    /** @param bytes the content the record carries (an artifact's size), else 0 */
    void add(String entity, ImportAction action, String key, long bytes) {
        Count count = counts.computeIfAbsent(entity, e -> new EnumMap<>(ImportAction.class))
                .computeIfAbsent(action, a -> new Count());
        count.n++;
        count.bytes += bytes;
        if (count.keys.size() < sampleSize) {
            count.keys.add(key);
        }
    }

    ImportReport report(boolean dryRun, ConflictPolicy policy) {
        List<ImportReport.Outcome> outcomes = new ArrayList<>();
        counts.forEach((entity, byAction) -> byAction.forEach((action, count) ->
                outcomes.add(new ImportReport.Outcome(entity, action, count.n, count.keys, count.bytes))));
        return new ImportReport(dryRun, policy, outcomes);
    }

    private static final class Count {
        private long n;
        private long bytes;
        private final List<String> keys = new ArrayList<>();
    }
}
