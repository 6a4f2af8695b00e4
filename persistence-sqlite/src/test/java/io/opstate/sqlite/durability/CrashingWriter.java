package io.opstate.sqlite.durability;

import io.opstate.Datastore;
import io.opstate.Durability;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.jobs.Job;
import io.opstate.jobs.NewJob;
import io.opstate.tck.ChildDeadline;
import java.time.Duration;

/**
 * Child JVM of {@link CrashSafetyTest}: creates jobs one by one and prints each id once the
 * create call has returned, i.e. once the write is acknowledged. Runs until killed, or stops by
 * itself after the given number of seconds.
 *
 * <p>Arguments: store URL, durability ({@code NORMAL} or {@code FULL}), seconds.
 */
public final class CrashingWriter {
    private CrashingWriter() {
    }

    public static void main(String[] args) {
        Duration limit = Duration.ofSeconds(Long.parseLong(args[2]));
        ChildDeadline.arm(limit.plusSeconds(5));
        PersistenceConfig config = PersistenceConfig.builder(args[0])
                .durability(Durability.valueOf(args[1]))
                .build();
        long end = System.nanoTime() + limit.toNanos();
        try (Datastore store = Persistence.open(config)) {
            for (int n = 0; System.nanoTime() < end; n++) {
                Job job = store.jobs().create(NewJob.of("crash").withPayload("{\"n\": " + n + "}"));
                System.out.println(job.id());
                System.out.flush();
            }
        }
    }
}
