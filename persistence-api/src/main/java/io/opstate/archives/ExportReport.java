package io.opstate.archives;

import java.util.Map;

/**
 * What an export wrote.
 *
 * @param rows records written per entity, in the archive's order, e.g. {@code jobs -> 120}
 * @param blobs artifact blobs written
 * @param blobBytes their bytes as stored (before the archive's own compression)
 */
public record ExportReport(Map<String, Long> rows, long blobs, long blobBytes) {
    public ExportReport {
        rows = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rows));
    }

    /** Records written over every entity. */
    public long totalRows() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }
}
