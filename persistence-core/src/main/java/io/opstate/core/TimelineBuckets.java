package io.opstate.core;

import io.opstate.InvalidInputException;
import io.opstate.constructs.ConstructRepository;
import io.opstate.constructs.TimelineBucket;
import io.opstate.constructs.TimelineKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The buckets of {@link ConstructRepository#timelineCounts}: {@code count} buckets of
 * {@code bucketMicros} microseconds from {@code originMicros}, the start of the epoch-aligned
 * bucket holding the range's first instant. Counting from that origin rather than from the epoch
 * keeps every offset a backend divides at 0 or more, so integer division, which truncates
 * toward zero in SQL, is the floor even for times before 1970.
 *
 * @param originMicros the first bucket's start, in microseconds since the epoch
 * @param bucketMicros each bucket's length, in microseconds
 * @param count how many buckets cover the range
 */
public record TimelineBuckets(long originMicros, long bucketMicros, int count) {
    /** The longest bucket: all of years 1..9999, which keeps every offset in microseconds far from overflowing. */
    private static final Duration LONGEST = Duration.between(Times.MIN, Times.MAX);

    /**
     * The buckets covering {@code [from, before)}, both checked instants.
     *
     * @throws InvalidInputException naming {@code before} when it is earlier than {@code from},
     *     {@code bucket} when null, not positive, finer than a microsecond or making more than
     *     {@link ConstructRepository#MAX_TIMELINE_BUCKETS} buckets
     */
    public static TimelineBuckets of(Instant from, Instant before, Duration bucket) {
        Checks.required("bucket", bucket);
        if (before.isBefore(from)) {
            throw new InvalidInputException("before", "must not be earlier than from (" + from + "), got " + before);
        }
        if (bucket.isNegative() || bucket.isZero() || bucket.getNano() % 1_000 != 0) {
            throw new InvalidInputException("bucket", "must be a positive whole number of microseconds, got " + bucket);
        }
        if (bucket.compareTo(LONGEST) > 0) {
            throw new InvalidInputException("bucket", "must be at most " + LONGEST + " (years 1..9999), got " + bucket);
        }
        long bucketMicros = bucket.getSeconds() * 1_000_000L + bucket.getNano() / 1_000;
        long fromMicros = Times.toMicros(from);
        long origin = Math.floorDiv(fromMicros, bucketMicros) * bucketMicros;
        long span = Times.toMicros(before) - origin;
        long count = before.equals(from) ? 0 : span / bucketMicros + (span % bucketMicros == 0 ? 0 : 1);
        if (count > ConstructRepository.MAX_TIMELINE_BUCKETS) {
            throw new InvalidInputException("bucket", "cuts " + from + " .. " + before + " into " + count
                    + " buckets, more than " + ConstructRepository.MAX_TIMELINE_BUCKETS + "; choose a longer one");
        }
        return new TimelineBuckets(origin, bucketMicros, (int) count);
    }

    /**
     * How far the origin lies before {@code from}, in microseconds (0 up to a bucket length): a
     * backend computes an event's bucket as {@code (micros from "from" to the event + shift) /
     * bucketMicros}, from a bound instant that is always in years 1..9999, which the origin may not be.
     */
    public long shift(Instant from) {
        return Times.toMicros(from) - originMicros;
    }

    /** The bucket holding {@code at}, an instant of the range. */
    public int index(Instant at) {
        return (int) ((Times.toMicros(at) - originMicros) / bucketMicros);
    }

    /** Collects counts per bucket and kind, then lists every bucket. Not thread-safe. */
    public Tally tally() {
        return new Tally();
    }

    /** Counts per bucket and kind. */
    public final class Tally {
        private final long[][] counts = new long[count][TimelineKind.values().length];

        private Tally() {
        }

        /** Adds {@code events} events of {@code kind} to bucket {@code index}. */
        public void add(int index, TimelineKind kind, long events) {
            counts[index][kind.ordinal()] += events;
        }

        /** Every bucket, oldest first, empty ones included. */
        public List<TimelineBucket> buckets() {
            List<TimelineBucket> buckets = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                Map<TimelineKind, Long> perKind = new EnumMap<>(TimelineKind.class);
                for (TimelineKind kind : TimelineKind.values()) {
                    perKind.put(kind, counts[i][kind.ordinal()]);
                }
                buckets.add(new TimelineBucket(Times.fromMicros(originMicros + i * bucketMicros), perKind));
            }
            return List.copyOf(buckets);
        }
    }
}
