package io.opstate.jdbc.testing;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * For backend tests that build a batch of known writes: tells when a caller's write waits in
 * group commit's queue for a committer ({@code GroupCommit.awaitTurn}), so the next can be
 * queued behind it in a known order.
 */
public final class QueuedWrites {
    private static final long DEADLINE_SECONDS = 10;

    private QueuedWrites() {
    }

    /**
     * Returns once {@code caller} waits for its turn in group commit.
     *
     * @throws AssertionError if it does not within 10 s
     */
    public static void awaitQueued(Thread caller) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (!waitsForTurn(caller)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(caller.getName() + " did not queue its write within " + DEADLINE_SECONDS + " s");
            }
            Thread.sleep(1);
        }
    }

    private static boolean waitsForTurn(Thread caller) {
        return caller.getState() == Thread.State.TIMED_WAITING && Arrays.stream(caller.getStackTrace())
                .anyMatch(frame -> frame.getMethodName().equals("awaitTurn"));
    }
}
