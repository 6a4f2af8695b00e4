package io.opstate.resources;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A named, stateful record of a declared kind, as stored. Immutable.
 *
 * @param id the store's key, given at creation
 * @param owner null when it has none
 * @param spec JSON object text, or null
 * @param status one of the kind's statuses
 * @param statusDetail JSON object text describing the status, or null
 * @param labels sorted, unmodifiable
 * @param version 1 at creation, one more with every change
 */
public record Resource(String id, String kind, String name, String owner, String spec, String status,
                       String statusDetail, Map<String, String> labels, Instant createdAt, Instant updatedAt,
                       long version) {
    public Resource {
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(Sorted.map(labels));
    }
}
