package io.opstate.sqlite.internal;

import io.opstate.jdbc.internal.PlainConnection;
import java.util.function.Supplier;

/** Who checkpoints a store's write-ahead log besides SQLite's own automatic checkpoint. */
interface WalCheckpoints {
    /** Nobody: SQLite checkpoints inside the writer's commits, as it does by default. */
    WalCheckpoints NONE = new WalCheckpoints() {
        @Override
        public void afterCommit(PlainConnection writer) {
        }

        @Override
        public <T> T excluding(Supplier<T> work) {
            return work.get();
        }
    };

    /** Right after the writer committed, on its connection, before the commit's callers return. */
    void afterCommit(PlainConnection writer);

    /**
     * Runs {@code work} with no checkpoint of this store's own running meanwhile: a checkpoint that
     * meets another one returns busy at once, without waiting.
     */
    <T> T excluding(Supplier<T> work);
}
