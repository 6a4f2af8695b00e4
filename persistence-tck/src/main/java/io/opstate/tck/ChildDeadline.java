package io.opstate.tck;

import java.time.Duration;

/**
 * Ends a child JVM of a test after a deadline whatever it is doing, so that a hung child can
 * never outlive the test that started it (the parent kills it too, but may itself be killed).
 */
public final class ChildDeadline {
    /** The exit code of a child stopped by its deadline. */
    public static final int EXPIRED = 3;

    private ChildDeadline() {
    }

    /** Halts this JVM with {@link #EXPIRED} once {@code limit} has passed. */
    public static void arm(Duration limit) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(limit.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("deadline of " + limit + " passed; halting");
            Runtime.getRuntime().halt(EXPIRED);
        }, "deadline");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
