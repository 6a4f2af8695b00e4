package io.opstate.core;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generates time-ordered UUIDs (version 7, RFC 9562) as lower-case strings. Ids generated in
 * one JVM are strictly increasing, also within one millisecond, so new rows land at the end of
 * an index instead of at random places. Thread-safe.
 *
 * <p>The random bits come from a generator of the calling thread's own: the JDK's default
 * {@code SecureRandom} on Linux ({@code NativePRNG}) serialises every draw in the JVM on one
 * lock, and with dozens of threads creating records at once, threads queued on it for
 * milliseconds (docs/benchmarks.md, "Many callers").
 */
public final class Ids {
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(Ids::newGenerator);
    /** Milliseconds in the top 48 bits, a 12-bit counter below, for monotonic ids within one millisecond. */
    private static final AtomicLong LAST = new AtomicLong();

    private Ids() {
    }

    /** A new UUIDv7 string, e.g. {@code 019a8f3e-6f2a-7c41-9d2e-5b7f0c1a2b3c}. */
    public static String newId() {
        return newUuid().toString();
    }

    /** A new UUIDv7. */
    public static UUID newUuid() {
        long stamp = nextStamp(System.currentTimeMillis());
        long millis = stamp >>> 12;
        long counter = stamp & 0xFFFL;
        long mostSignificant = (millis << 16) | 0x7000L | counter;
        long leastSignificant = (RANDOM.get().nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(mostSignificant, leastSignificant);
    }

    /** A generator that locks only itself: DRBG, seeded from the system's entropy; else the default. */
    private static SecureRandom newGenerator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    private static long nextStamp(long nowMillis) {
        long candidate = nowMillis << 12;
        while (true) {
            long last = LAST.get();
            long next = candidate > last ? candidate : last + 1;
            if (LAST.compareAndSet(last, next)) {
                return next;
            }
        }
    }
}
