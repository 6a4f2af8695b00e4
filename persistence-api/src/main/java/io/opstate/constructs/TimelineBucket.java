package io.opstate.constructs;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many events of each kind one time bucket of a construct's timeline holds
 * ({@link ConstructRepository#timelineCounts}).
 *
 * @param start the bucket's first instant, a whole multiple of the bucket length after the epoch;
 *     the bucket covers {@code [start, start + bucket)}, cut to the range asked for
 * @param counts how many events of every kind (each kind present, 0 when there were none); unmodifiable
 */
public record TimelineBucket(Instant start, Map<TimelineKind, Long> counts) {
    public TimelineBucket {
        EnumMap<TimelineKind, Long> every = new EnumMap<>(TimelineKind.class);
        for (TimelineKind kind : TimelineKind.values()) {
            every.put(kind, 0L);
        }
        if (counts != null) {
            every.putAll(counts);
        }
        counts = Collections.unmodifiableMap(every);
    }

    /** How many events of {@code kind} the bucket holds. */
    public long count(TimelineKind kind) {
        return counts.get(kind);
    }

    /** How many events of every kind together the bucket holds. */
    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
