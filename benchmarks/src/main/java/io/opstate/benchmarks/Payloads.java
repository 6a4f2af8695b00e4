package io.opstate.benchmarks;

import io.opstate.transcripts.NewTranscriptEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

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
    /** A transcript entry's text, 323 bytes: one turn of an agent's conversation. */
    public static final String ENTRY_TEXT = "I read the failing test and the handler it calls. The handler parses the"
            + " request body twice: once to validate it and once to build the command, and the second parse ignores"
            + " the charset header, so a body in Latin-1 fails only there. I will make it parse once, keep the"
            + " validated document and pass it on; then rerun the test.";
    /** A transcript entry's JSON data, 53 bytes. */
    public static final String ENTRY_DATA = "{\"model\":\"agent-large\",\"tokens\":{\"in\":1834,\"out\":92}}";
    /** Entries in a chunk append. */
    public static final int CHUNK = 20;
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

    /** One entry: an assistant's turn with its data. */
    public static final NewTranscriptEntry ENTRY =
            NewTranscriptEntry.of("assistant", ENTRY_TEXT).withData(ENTRY_DATA);
    /** {@value #CHUNK} entries, user and assistant turns alternating, every assistant turn with data. */
    public static final List<NewTranscriptEntry> ENTRY_CHUNK =
            IntStream.range(0, CHUNK)
                    .mapToObj(i -> i % 2 == 0 ? NewTranscriptEntry.of("user", ENTRY_TEXT) : ENTRY)
                    .toList();

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
