package io.opstate.core;

import io.opstate.jobs.Job;
import java.util.Comparator;

/**
 * The orders every backend sorts in, for the places where Java code sorts rather than the
 * database: text keys by Unicode code point (as {@code COLLATE "C"} and SQLite's binary collation
 * do), and jobs in claim order. One definition, so the backends cannot drift apart.
 */
public final class StoreOrder {
    /** Jobs as claims take them: highest priority, then oldest {@code createdAt}, then id. */
    public static final Comparator<Job> CLAIM = Comparator.comparingInt(Job::priority).reversed()
            .thenComparing(Job::createdAt)
            .thenComparing(Job::id, StoreOrder::compareCodePoints);

    private StoreOrder() {
    }

    /**
     * Compares by code point rather than by UTF-16 unit, which {@link String#compareTo} does:
     * the two differ only when a surrogate meets a unit in U+E000..U+FFFF. Shifting both into
     * code-point order at the first difference avoids decoding every character.
     */
    public static int compareCodePoints(String a, String b) {
        int length = Math.min(a.length(), b.length());
        for (int i = 0; i < length; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (x >= Character.MIN_SURROGATE && y >= Character.MIN_SURROGATE) {
                    return Integer.compare(codePointRank(x), codePointRank(y));
                }
                return Integer.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private static int codePointRank(char unit) {
        return Character.isSurrogate(unit) ? unit + 0x2000 : unit - 0x800;
    }
}
