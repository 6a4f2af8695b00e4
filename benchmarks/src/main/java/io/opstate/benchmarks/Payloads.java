package io.opstate.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** The documents every benchmark writes, the same for OpState, the raw baseline and the peers. */
public final class Payloads {
    /** A job payload of about 200 bytes of JSON. */
    public static final String JOB = "{\"image\":\"s3://uploads/2026/11/22/cat-000123.png\","
            + "\"sizes\":[64,128,256,512],\"format\":\"webp\",\"quality\":82,\"requestedBy\":\"user-42\","
            + "\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"priority\":\"normal\"}";
    public static final String RESULT = "{\"thumbnail\":\"s3://thumbs/cat-000123-256.webp\",\"bytes\":18211}";
    public static final String STEPS = "[{\"name\":\"fetch\",\"status\":\"succeeded\",\"millis\":12},"
            + "{\"name\":\"resize\",\"status\":\"succeeded\",\"millis\":48},"
            + "{\"name\":\"upload\",\"status\":\"succeeded\",\"millis\":21}]";
    public static final String CONTEXT = "{\"trigger\":\"cron\",\"window\":\"2026-11-22T05:00:00Z\"}";
    public static final String METADATA = "{\"actor\":\"user-42\",\"from\":\"queued\",\"to\":\"running\"}";
    public static final String JOB_TYPE = "thumbnail";
    public static final String PIPELINE = "nightly-thumbnails";

    static {
        int bytes = JOB.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < 180 || bytes > 220) {
            throw new AssertionError("the job payload should be about 200 bytes, is " + bytes);
        }
    }

    private Payloads() {
    }

    /**
     * A time-ordered UUID (version 7) for the raw baseline, as a hand-written store would make it:
     * milliseconds in the top 48 bits, random below (no per-JVM monotonic counter).
     */
    public static String uuid7() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long millis = System.currentTimeMillis();
        long most = (millis << 16) | 0x7000L | (random.nextInt() & 0xFFFL);
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
