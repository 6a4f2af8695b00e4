package io.opstate.jdbc.internal.cache;

import io.opstate.constructs.Construct;
import io.opstate.transcripts.TranscriptEntry;
import java.util.List;

/** Roughly how many bytes of heap a cached value holds: its text at two bytes a character, plus its objects. */
final class Weights {
    /** A record with its instants and boxed numbers, and a cache node: a generous estimate. */
    private static final int RECORD_BYTES = 160;
    /** A String object and its array header. */
    private static final int TEXT_BYTES = 40;

    private Weights() {
    }

    static long of(Construct construct) {
        return RECORD_BYTES + text(construct.id()) + text(construct.type()) + text(construct.status())
                + text(construct.title()) + text(construct.metadata());
    }

    static long of(List<TranscriptEntry> entries) {
        long bytes = RECORD_BYTES;
        for (TranscriptEntry entry : entries) {
            bytes += RECORD_BYTES + text(entry.sessionId()) + text(entry.role()) + text(entry.content())
                    + text(entry.data());
        }
        return bytes;
    }

    /** {@code bytes} as a Caffeine weight, which is an int. */
    static int capped(long bytes) {
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    private static long text(String text) {
        return text == null ? 0 : TEXT_BYTES + 2L * text.length();
    }
}
