package io.opstate.sqlite.concurrency;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.jobs.Job;
import io.opstate.jobs.NewJob;
import io.opstate.tck.ChildDeadline;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Child JVM of {@link ProcessContentionTest}: its own store on a file another process writes at
 * the same time. Creates its jobs, claiming and completing one job (anyone's) after each create,
 * then drains the queue. Prints {@code created=<n> claimed=<n>} and exits 0; any exception ends
 * it with a stack trace and exit code 1.
 *
 * <p>Arguments: store URL, id prefix, number of jobs.
 */
public final class ContendingWriter {
    static final String TYPE = "shared";
    private static final Duration LEASE = Duration.ofMinutes(10);

    private ContendingWriter() {
    }

    public static void main(String[] args) {
        ChildDeadline.arm(Duration.ofSeconds(18));
        String prefix = args[1];
        int count = Integer.parseInt(args[2]);
        int claimed = 0;
        try (Datastore store = Persistence.open(args[0])) {
            for (int i = 0; i < count; i++) {
                store.jobs().create(NewJob.of(TYPE).withId(prefix + "-" + i));
                claimed += claimAndComplete(store, prefix) ? 1 : 0;
            }
            while (claimAndComplete(store, prefix)) {
                claimed++;
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.out.println("created=" + count + " claimed=" + claimed);
        System.out.flush();
    }

    private static boolean claimAndComplete(Datastore store, String worker) {
        Optional<Job> job = store.jobs().claimNext(worker, Set.of(TYPE), LEASE);
        job.ifPresent(j -> store.jobs().complete(j.id(), j.fencingToken(), "{\"by\": \"" + worker + "\"}"));
        return job.isPresent();
    }
}
