package io.opstate.jdbc.internal.cache;

/** What a {@link ReadCache} entry answers for: a construct, or the recent entries of a session. */
sealed interface CacheKey {
    /** The construct {@code id}, as {@code find} returns it. */
    record Construct(String id) implements CacheKey {
    }

    /** The newest entries of session {@code sessionId}, as {@code last} returns them. */
    record RecentEntries(String sessionId) implements CacheKey {
    }
}
