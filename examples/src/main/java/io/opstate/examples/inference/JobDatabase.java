package io.opstate.examples.inference;

import java.util.List;
import java.util.Optional;

/** The inference server's job storage ({@code database.py}, class {@code JobDatabase}). Thread-safe. */
public interface JobDatabase extends AutoCloseable {
    /** Stores a new pull, queued. */
    PullJob createJob(NewPull pull);

    /** The pull, or empty. */
    Optional<PullJob> getJob(String id);

    /**
     * Applies {@code update} to the pull.
     *
     * @return true if it was applied, false if there is no such job
     * @throws io.opstate.IllegalTransitionException when the job is not in a status the update follows
     */
    boolean updateJob(String id, PullUpdate update);

    /** Every pull, newest first. */
    List<PullJob> getAllJobs();

    /** Deletes the pulls created more than {@code days} days ago, whatever their status; returns how many. */
    int deleteOldJobs(int days);

    @Override
    void close();
}
